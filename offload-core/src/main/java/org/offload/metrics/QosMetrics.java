package org.offload.metrics;

/**
 * What one QoS class measured over the tasks generated after the warm-up. {@code tasks} counts those that ended,
 * {@code completed} those that completed, {@code latencyMet} the completed ones whose service time was at most
 * {@code latencyTargetS}; {@code latencyMetRate} = latencyMet / tasks (a failed task misses its target).
 * Throughput is over completed offloaded tasks ({@code transferredTasks}): a task's achieved throughput is the
 * bits it moved (upload plus download) over its network time (transfers and propagation);
 * {@code meanThroughputMbps} is their mean, {@code bandwidthMetRate} the share reaching
 * {@code bandwidthTargetMbps}, {@code carriedMbps} all their bits over the measured window. Rates and means are NaN
 * when their denominator is 0.
 */
public record QosMetrics(long tasks, long completed, double latencyTargetS, long latencyMet, double latencyMetRate,
                         double bandwidthTargetMbps, long transferredTasks, double meanThroughputMbps,
                         double bandwidthMetRate, double carriedMbps) {
}
