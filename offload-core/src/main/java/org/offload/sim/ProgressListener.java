package org.offload.sim;

/** Told about a run's progress, from the simulation's own thread, about every 1% of simulated time. */
@FunctionalInterface
public interface ProgressListener {
    void onProgress(double simulatedS, double totalS, long tasksGenerated);
}
