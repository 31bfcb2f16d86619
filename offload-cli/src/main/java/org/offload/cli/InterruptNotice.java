package org.offload.cli;

import java.io.PrintWriter;
import java.nio.file.Path;

/**
 * While open, says on standard error what an interrupted sweep (Ctrl-C, SIGTERM) leaves behind: how many runs are
 * finished and kept in its folder, and that the same command with {@code --resume} continues (a resumed sweep gives
 * the same results as one that was never interrupted). Closing it, when the sweep ends normally, removes the hook.
 */
final class InterruptNotice implements AutoCloseable {
    /** What the notice reports. */
    interface Counts {
        /** Runs finished (or resumed) and kept, so far. */
        int kept();

        /** Runs of the whole sweep, 0 before it started. */
        int total();
    }

    private final Thread hook;

    InterruptNotice(String command, PrintWriter err, Path dir, Counts counts) {
        this.hook = new Thread(() -> {
            err.println();
            err.printf("%s: interrupted; %d of %d runs are finished and kept in %s; run the same command with "
                    + "--resume to continue%n", command, counts.kept(), counts.total(), dir);
            err.flush();
        }, "sweep-interrupt-notice");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the JVM is already stopping: the notice runs
        }
    }
}
