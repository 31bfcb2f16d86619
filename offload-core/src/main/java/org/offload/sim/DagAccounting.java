package org.offload.sim;

import org.offload.metrics.DagMetrics;

/** Counts the {@link DagMetrics} of the measured workflow tasks; kept only for scenarios with a dag application. */
final class DagAccounting {
    private long tasks;
    private long completed;
    private double makespanSum;
    private double makespanMax = Double.NaN;
    private final long[] ends = new long[5];
    private long onDevice;
    private long onEdge;
    private long onCloud;
    private double transferredKb;

    /** A measured workflow task the policy ran has ended ({@code completed} when every result arrived). */
    void taskEnded(Job job, boolean completed) {
        DagRun run = job.dag;
        tasks++;
        if (completed) {
            this.completed++;
            double makespan = run.endedS - job.task.createdS();
            makespanSum += makespan;
            makespanMax = Double.isNaN(makespanMax) ? makespan : Math.max(makespanMax, makespan);
        }
        for (DagRun.Component c : run.components) {
            ends[c.state]++;
        }
        onDevice += run.onDevice;
        onEdge += run.onEdge;
        onCloud += run.onCloud;
        transferredKb += run.movedKb;
    }

    DagMetrics result() {
        return new DagMetrics(tasks, completed, completed == 0 ? Double.NaN : makespanSum / completed, makespanMax,
                ends[DagRun.DONE], ends[DagRun.ABORTED], ends[DagRun.NEVER_STARTED], onDevice, onEdge, onCloud,
                transferredKb);
    }
}
