package org.offload.metrics;

/** Mean and percentiles of a time in seconds (percentiles from an HdrHistogram at microsecond resolution). */
public record TimeStats(long count, double mean, double p50, double p95, double p99, double max) {
    public static final TimeStats EMPTY = new TimeStats(0, 0, 0, 0, 0, 0);
}
