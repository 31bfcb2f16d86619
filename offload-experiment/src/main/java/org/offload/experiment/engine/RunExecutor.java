package org.offload.experiment.engine;

import java.io.Serializable;
import java.util.List;

/**
 * Runs the evaluations of a sweep: each run is independent and pure (it returns a {@link RunOutput}; the engine
 * writes the files on the calling side). {@link ThreadPoolRunExecutor} runs them on a fixed pool of threads; a
 * cluster executor (Apache Spark, issue 24) runs each as a task and calls {@link Completion#finished} on the driver
 * as results arrive. Results never depend on the executor or its parallelism: each run is seeded by its key.
 */
public interface RunExecutor {
    /** The work of one run, run wherever the executor runs it (serialisable for executors that ship it). */
    @FunctionalInterface
    interface Evaluator<K> extends Serializable {
        RunOutput evaluate(K run) throws Exception;
    }

    /** Receives each run's result (or its error) as it finishes; may be called concurrently. */
    @FunctionalInterface
    interface Completion {
        void finished(int index, RunOutput output, Throwable error);

        /** Called just before run {@code index} starts; the default ignores it. */
        default void started(int index) {
        }
    }

    /**
     * Evaluates every run (in list order as far as parallelism allows) and reports each to {@code completion} with
     * its index in {@code runs}; returns when all have finished. An interruption stops the runs not yet started
     * and is rethrown; runs that finished before it have been reported.
     */
    <K> void execute(List<K> runs, Evaluator<K> evaluator, Completion completion) throws InterruptedException;

    /** A short description for manifests and messages, e.g. "2 threads". */
    String describe();
}
