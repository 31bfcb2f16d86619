package org.offload.experiment;

/**
 * Told about a sweep's progress. {@link #runStarted} and {@link #runFinished} are called from the worker
 * threads, concurrently: implementations must be thread-safe.
 */
public interface SweepListener {
    /** Before any run: {@code total} runs in the sweep, of which {@code toRun} will execute (the rest resume). */
    default void sweepStarted(int total, int toRun) {
    }

    default void runStarted(RunPoint point) {
    }

    /** After a run that executed: {@code ok} false if it threw. */
    default void runFinished(RunPoint point, boolean ok) {
    }
}
