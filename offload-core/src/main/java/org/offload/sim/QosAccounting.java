package org.offload.sim;

import java.util.LinkedHashMap;
import java.util.Map;

import org.offload.metrics.QosMetrics;
import org.offload.network.SlicePlan;
import org.offload.policy.Estimates;
import org.offload.scenario.QosClassSpec;

/**
 * Sums behind {@link QosMetrics} for each QoS class of a scenario with {@code qos.classes}; measured tasks only.
 * {@link #needed} is false without classes, so other runs carry no extra state.
 */
final class QosAccounting {
    private final SlicePlan plan;
    private final long[] tasks;
    private final long[] completed;
    private final long[] met;
    private final long[] transferred;
    private final long[] bandwidthMet;
    private final double[] throughputSum;
    private final double[] bits;

    QosAccounting(SlicePlan plan) {
        this.plan = plan;
        int n = plan.classCount();
        tasks = new long[n];
        completed = new long[n];
        met = new long[n];
        transferred = new long[n];
        bandwidthMet = new long[n];
        throughputSum = new double[n];
        bits = new double[n];
    }

    static boolean needed(SlicePlan plan) {
        return plan.classCount() > 0;
    }

    /** A measured task ended: completed when {@code ok}, after {@code serviceS}. */
    void taskEnded(Job job, boolean ok, double serviceS) {
        int c = plan.classOf(job.task.app());
        if (c < 0) {
            return;
        }
        QosClassSpec spec = plan.qosClass(c);
        tasks[c]++;
        if (!ok) {
            return;
        }
        completed[c]++;
        if (serviceS <= spec.latencyTargetS()) {
            met[c]++;
        }
        double moved = (job.upKb + job.downKb) * Estimates.BITS_PER_KB;
        if (job.networkS > 0 && moved > 0) {
            double mbps = moved / job.networkS / 1e6;
            transferred[c]++;
            throughputSum[c] += mbps;
            bits[c] += moved;
            if (mbps >= spec.bandwidthMbps()) {
                bandwidthMet[c]++;
            }
        }
    }

    Map<String, QosMetrics> result(double windowS) {
        Map<String, QosMetrics> out = new LinkedHashMap<>();
        for (int c = 0; c < plan.classCount(); c++) {
            QosClassSpec spec = plan.qosClass(c);
            out.put(spec.name(), new QosMetrics(tasks[c], completed[c], spec.latencyTargetS(), met[c],
                    ratio(met[c], tasks[c]), spec.bandwidthMbps(), transferred[c],
                    ratio(throughputSum[c], transferred[c]), ratio(bandwidthMet[c], transferred[c]),
                    windowS > 0 ? bits[c] / windowS / 1e6 : Double.NaN));
        }
        return out;
    }

    private static double ratio(double x, long n) {
        return n > 0 ? x / n : Double.NaN;
    }
}
