package org.offload.metrics;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Task metrics of one group (all tasks, one application): counts, failures by reason and, over completed tasks,
 * service time (generation to result at the device), network delay (all transfers and propagation),
 * processing time (in execution on the VM) and queueing time (waiting for a core). Energy is the devices'
 * energy attributed to the group's tasks, failed ones included. {@code failuresByReason} keeps its insertion order
 * (the order of {@link org.offload.model.FailureReason}), so output is stable across JVM runs.
 */
public record GroupMetrics(long generated, long completed, long failed, double failureRate,
                           Map<String, Long> failuresByReason, TimeStats serviceTimeS, double networkDelayMeanS,
                           double processingTimeMeanS, double queueingTimeMeanS, double energyJ) {
    public GroupMetrics {
        failuresByReason = Collections.unmodifiableMap(new LinkedHashMap<>(failuresByReason));
    }
}
