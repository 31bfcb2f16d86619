package org.offload.experiment;

import org.offload.experiment.engine.RunListener;

/**
 * Told about a discrete-event sweep's progress ({@link RunListener} of {@link RunPoint}s). {@link #runStarted} and
 * {@link #runFinished} are called from the worker threads, concurrently: implementations must be thread-safe.
 */
public interface SweepListener extends RunListener<RunPoint> {
}
