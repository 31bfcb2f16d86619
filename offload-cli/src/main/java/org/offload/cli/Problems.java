package org.offload.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.offload.io.ScenarioFileException;
import org.offload.policy.PolicyOptionException;
import org.offload.scenario.ScenarioException;

/**
 * The problems of one command line, gathered so that all of them are reported at once (a bad {@code --duration}
 * and an unknown policy together, not one per attempt). A command checks each option on its own, adds what is
 * wrong, and calls {@link #throwIfAny} before it does any work.
 */
final class Problems {
    private final List<String> messages = new ArrayList<>();

    void add(String message) {
        if (!messages.contains(message)) {
            messages.add(message);
        }
    }

    boolean isEmpty() {
        return messages.isEmpty();
    }

    List<String> messages() {
        return List.copyOf(messages);
    }

    /**
     * The value {@code check} returns, or null when it fails with bad input (a usage error, a scenario or a policy
     * option the policy refuses), whose message is added here.
     */
    <T> T attempt(Supplier<T> check) {
        try {
            return check.get();
        } catch (UsageException e) {
            e.problems().forEach(this::add);
        } catch (ScenarioFileException | ScenarioException | PolicyOptionException e) {
            add(e.getMessage());
        }
        return null;
    }

    /** {@link #attempt} for a check that returns nothing; whether it passed. */
    boolean check(Runnable check) {
        return attempt(() -> {
            check.run();
            return Boolean.TRUE;
        }) != null;
    }

    /** Ends the command with every problem found (exit 2), if there is any. */
    void throwIfAny() {
        if (!messages.isEmpty()) {
            throw new UsageException(messages);
        }
    }
}
