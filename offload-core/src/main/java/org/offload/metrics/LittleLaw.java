package org.offload.metrics;

/**
 * Whole-run quantities for checking Little's law L = lambda * W: time-average number of tasks in the system,
 * task arrival rate, and mean time from generation to end (completed or failed), from time 0 to the last end.
 */
public record LittleLaw(double meanTasksInSystem, double arrivalRatePerS, double meanTimeInSystemS) {
}
