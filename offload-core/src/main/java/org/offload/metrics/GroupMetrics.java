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
 *
 * <p>{@code meanAccuracy}: mean top-1 accuracy of the model variants that completed tasks ran, over the completed
 * tasks of applications that name an AI model (NaN when there are none). {@code deadlineMetRate}: share of the
 * generated tasks whose result reached the device by their deadline (a task still running at its deadline fails
 * with {@code deadline}, so these are the completed tasks); 0 when none were generated.
 */
public record GroupMetrics(long generated, long completed, long failed, double failureRate,
                           Map<String, Long> failuresByReason, TimeStats serviceTimeS, double networkDelayMeanS,
                           double processingTimeMeanS, double queueingTimeMeanS, double energyJ, double meanAccuracy,
                           double deadlineMetRate) {
    public GroupMetrics {
        failuresByReason = Collections.unmodifiableMap(new LinkedHashMap<>(failuresByReason));
    }

    /** Metrics without model accuracy; the deadline-met rate follows from the counts. */
    public GroupMetrics(long generated, long completed, long failed, double failureRate,
                        Map<String, Long> failuresByReason, TimeStats serviceTimeS, double networkDelayMeanS,
                        double processingTimeMeanS, double queueingTimeMeanS, double energyJ) {
        this(generated, completed, failed, failureRate, failuresByReason, serviceTimeS, networkDelayMeanS,
                processingTimeMeanS, queueingTimeMeanS, energyJ, Double.NaN,
                generated == 0 ? 0 : (double) completed / generated);
    }
}
