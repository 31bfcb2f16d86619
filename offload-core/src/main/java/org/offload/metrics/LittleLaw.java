package org.offload.metrics;

/**
 * Measured independently over the measurement window [warm-up, duration], for checking Little's law
 * L = lambda * W: L is the time average of the number of tasks in the system during the window (whenever they
 * arrived), lambda the rate of tasks generated in the window, W their mean time from generation to end
 * (completed or failed, even after the window). The two sides differ only by edge effects at the window's ends.
 */
public record LittleLaw(double meanTasksInSystem, double arrivalRatePerS, double meanTimeInSystemS) {
}
