package org.offload.experiment.engine;

/**
 * Told about a sweep's progress. {@link #runStarted} and {@link #runFinished} may be called from worker threads,
 * concurrently: implementations must be thread-safe.
 */
public interface RunListener<K> {
    /** Before any run: {@code total} runs in the sweep, of which {@code toRun} will execute (the rest resume). */
    default void sweepStarted(int total, int toRun) {
    }

    default void runStarted(K run) {
    }

    /** After a run that executed and whose files are written: {@code ok} false if it threw. */
    default void runFinished(K run, boolean ok) {
    }
}
