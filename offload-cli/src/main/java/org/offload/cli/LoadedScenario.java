package org.offload.cli;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.offload.io.ScenarioFileException;
import org.offload.io.ScenarioLoader;
import org.offload.policy.PolicyRegistry;
import org.offload.scenario.Scenario;

/**
 * A scenario as a command loaded it: the validated {@link Scenario}, a label for its source, the source text and
 * the overrides applied to it (enough to write {@code scenario.yaml}).
 */
record LoadedScenario(Scenario scenario, String source, String text, List<String> overrides) {
    /** Label used for the bundled default scenario. */
    static final String DEFAULT_SOURCE = "default.yaml (bundled)";

    /** Loads {@code file}, or the bundled default scenario when it is null, applying {@code overrides}. */
    static LoadedScenario load(Path file, List<String> overrides) {
        ScenarioLoader loader = new ScenarioLoader();
        if (file == null) {
            Scenario s = loader.loadDefault(overrides);
            return new LoadedScenario(s, DEFAULT_SOURCE, defaultText(), List.copyOf(overrides));
        }
        Scenario s = loader.load(file, overrides);
        try {
            return new LoadedScenario(s, file.toString(), Files.readString(file, StandardCharsets.UTF_8),
                    List.copyOf(overrides));
        } catch (IOException e) {
            throw new ScenarioFileException(file.toString(), -1, "", "cannot read the file (" + e + ")");
        }
    }

    private static String defaultText() {
        try (InputStream in = ScenarioLoader.class.getClassLoader()
                .getResourceAsStream(ScenarioLoader.DEFAULT_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("bundled scenario " + ScenarioLoader.DEFAULT_RESOURCE + " is missing");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + ScenarioLoader.DEFAULT_RESOURCE, e);
        }
    }

    /** Fails with exit code 2 and the known names when {@code registry} lacks the scenario's policy. */
    void requireKnownPolicy(PolicyRegistry registry) {
        String name = scenario.policy();
        if (!registry.contains(name)) {
            throw ScenarioLoader.errorAt(source, text, overrides, "policy", registry.unknownPolicy(name));
        }
    }

    /**
     * Checks the {@code --duration} and {@code --warmup} options (when given) on their own, so that a message names
     * the option typed rather than the {@code --set} it becomes.
     */
    static void checkTimes(Double durationS, Double warmupS) {
        if (durationS != null && !(durationS > 0 && Double.isFinite(durationS))) {
            throw new UsageException("--duration: expected a finite number of seconds > 0, got " + plain(durationS));
        }
        if (warmupS != null && !(warmupS >= 0 && Double.isFinite(warmupS))) {
            throw new UsageException("--warmup: expected a finite number of seconds >= 0, got " + plain(warmupS));
        }
    }

    /** Appends the {@code --duration} and {@code --warmup} options (when given) as scenario overrides. */
    static void addTimes(List<String> overrides, Double durationS, Double warmupS) {
        checkTimes(durationS, warmupS);
        if (durationS != null) {
            overrides.add("duration_s=" + plain(durationS));
        }
        if (warmupS != null) {
            overrides.add("warmup_s=" + plain(warmupS));
        }
    }

    private static String plain(double v) {
        return Double.isFinite(v)
                ? BigDecimal.valueOf(v).stripTrailingZeros().toPlainString() : Double.toString(v);
    }
}
