package org.offload.sim;

import java.util.TreeMap;

import org.offload.metrics.PartitionMetrics;
import org.offload.model.Decision;
import org.offload.model.Partition;
import org.offload.network.Route;
import org.offload.scenario.ApplicationSpec;
import org.offload.scenario.PartitionSpec;

/** Counts the {@link PartitionMetrics} of the measured tasks; kept only for scenarios with partitioned kinds. */
final class PartitionAccounting {
    private final TreeMap<Integer, Long> splits = new TreeMap<>();
    private final TreeMap<Double, Long> shares = new TreeMap<>();
    private double uploadedKb;
    private double downloadedKb;
    /** Null unless the scenario has a dag application. */
    private final DagAccounting dag;

    PartitionAccounting(java.util.List<ApplicationSpec> apps) {
        this.dag = apps.stream().anyMatch(a -> a.partition() instanceof org.offload.scenario.DagSpec)
                ? new DagAccounting() : null;
    }

    /** A measured task ended ({@code completed} when its result arrived). */
    void taskEnded(Job job, ApplicationSpec app, boolean completed) {
        Decision d = job.decision;
        if (d != null && d.runs()) {
            Partition p = d.partition();
            if (app.partition() instanceof PartitionSpec.Dnn dnn) {
                int k = d.isLocal() ? dnn.layerCount() : p.isSplit() ? p.split() : 0;
                splits.merge(k, 1L, Long::sum);
            } else if (app.partition() instanceof PartitionSpec.Partial) {
                double share = d.isLocal() ? 1 : p.isRatio() ? Math.round(p.localShare() * 10) / 10.0 : 0;
                shares.merge(share, 1L, Long::sum);
            }
        }
        if (job.dag != null) {
            dag.taskEnded(job, completed);
        }
        boolean remote = job.route != null && job.route != Route.DEVICE;
        if (remote && (job.stage > Job.UPLINK_WLAN || completed)) {
            uploadedKb += job.upKb;
        }
        if (remote && completed) {
            downloadedKb += job.downKb;
        }
    }

    PartitionMetrics result() {
        return new PartitionMetrics(splits, shares, uploadedKb, downloadedKb, dag == null ? null : dag.result());
    }

    /** True when any application of the scenario is of a partitioned kind. */
    static boolean needed(java.util.List<ApplicationSpec> apps) {
        return apps.stream().anyMatch(a -> a.partition() != null);
    }
}
