package org.offload.metrics;

/**
 * What one application with input-quality levels ({@link org.offload.scenario.QualitySpec}) measured over the tasks
 * generated after the warm-up. {@code tasks} counts those that ended, {@code completed} those that completed,
 * {@code accuracyMet} the completed ones whose operating point's accuracy reaches the task's requirement;
 * {@code accuracyMetRate} = accuracyMet / tasks (a failed task does not meet its requirement). {@code meanAccuracy},
 * {@code latencyMeanS} (service time) and {@code meanLevelPx} (input side run) are over completed tasks;
 * {@code energyJPerTask} (device energy) and {@code uploadKbPerTask} (KB the chosen resolution sent, 0 for local
 * execution) over all ended tasks. Means are NaN when their denominator is 0.
 */
public record QualityMetrics(long tasks, long completed, long accuracyMet, double accuracyMetRate,
                             double accuracyRequired, double meanAccuracy, double latencyMeanS, double energyJPerTask,
                             double uploadKbPerTask, double meanLevelPx) {
}
