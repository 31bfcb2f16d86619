package org.offload.metrics;

/** Tasks a policy sent to one tier, how many completed, and their mean service time. */
public record TierMetrics(long tasks, long completed, double serviceTimeMeanS) {
}
