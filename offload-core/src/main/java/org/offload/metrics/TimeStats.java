package org.offload.metrics;

/**
 * Count, mean, percentiles and maximum of a time in seconds. Mean and maximum are exact; percentiles come from an
 * HdrHistogram with 3 significant digits (within 0.1%), clamped to the maximum.
 */
public record TimeStats(long count, double mean, double p50, double p95, double p99, double max) {
    public static final TimeStats EMPTY = new TimeStats(0, 0, 0, 0, 0, 0);
}
