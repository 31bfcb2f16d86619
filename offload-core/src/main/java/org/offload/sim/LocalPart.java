package org.offload.sim;

import org.offload.compute.Vm;
import org.offload.model.Partition;
import org.offload.queueing.Work;
import org.offload.scenario.ApplicationSpec;
import org.offload.scenario.PartitionSpec;

/**
 * The device's part of a partitioned task (issue 19): the first {@code k} layers of a {@code dnn} task, which run
 * before its VM part ({@link #before}), or the share λ of a {@code partial} task, which runs beside it. The job's
 * own fields then describe its VM part. {@link #plan} divides a job as its decision's {@link Partition} says.
 */
final class LocalPart extends Work {
    final Job job;
    /** True for a DNN prefix: the VM part's upload starts when it finishes. */
    final boolean before;
    final double workMi;
    final double memoryMb;
    /** Seconds from both parts finishing to the result (partial tasks whose two parts both have work). */
    final double aggregationS;
    /** The device's CPU while admitted there, else null. */
    Vm vm;
    double share;
    boolean done;
    double completedMi;
    double waitS;
    double processingS;
    /** The trace's names of the two parts ({@code layers 1-8}, {@code share 0.3}; see {@code PartRecord}). */
    final String devicePiece;
    final String vmPiece;
    /** When the part entered the device's CPU, left it, and when the VM part's upload began and its result came. */
    double enteredCpuS = Double.NaN;
    double leftCpuS = Double.NaN;
    double vmStartS = Double.NaN;
    double vmEndS = Double.NaN;

    private LocalPart(Job job, boolean before, double workMi, double memoryMb, double aggregationS,
                      String devicePiece, String vmPiece) {
        this.job = job;
        this.before = before;
        this.workMi = workMi;
        this.memoryMb = memoryMb;
        this.aggregationS = aggregationS;
        this.devicePiece = devicePiece;
        this.vmPiece = vmPiece;
    }

    /** A share as the trace names it: at most 6 significant digits, no trailing zeros (0.3, not 0.30000000000000004). */
    private static String share(double x) {
        return java.math.BigDecimal.valueOf(x).round(new java.math.MathContext(6)).stripTrailingZeros()
                .toPlainString();
    }

    /**
     * True when {@code p} leaves nothing for the VM (λ = 1, or a split after the last layer): the task then runs
     * locally, exactly as a plain task the policy ran on the device.
     */
    static boolean allLocal(ApplicationSpec app, Partition p) {
        PartitionSpec spec = app.partition();
        if (spec instanceof PartitionSpec.Partial) {
            return p.isRatio() && p.localShare() == 1;
        }
        return spec instanceof PartitionSpec.Dnn dnn && p.isSplit() && p.split() == dnn.layerCount();
    }

    /**
     * Divides {@code job} (its work and upload already set for the whole task on the chosen VM) as {@code p} says:
     * sets the VM part's work and upload on the job and returns the device's part, or null when the VM runs the
     * whole task (no partition, λ = 0, split 0). Throws {@link IllegalStateException} when {@code p} does not fit
     * the application's kind (a policy bug).
     */
    static LocalPart plan(Job job, ApplicationSpec app, Partition p, String policy) {
        PartitionSpec spec = app.partition();
        if (p.isWhole()) {
            return null;
        }
        if (spec instanceof PartitionSpec.Partial partial && p.isRatio()) {
            double lambda = p.localShare();
            if (lambda == 0) {
                return null;
            }
            double whole = job.workMi;
            job.workMi = (1 - lambda) * whole;
            job.upKb = (1 - lambda) * job.upKb;
            return new LocalPart(job, false, lambda * whole, job.needMemoryMb, partial.aggregationS(),
                    "share " + share(lambda), "share " + share(1 - lambda));
        }
        if (spec instanceof PartitionSpec.Dnn dnn && p.isSplit() && p.split() <= dnn.layerCount()) {
            int k = p.split();
            if (k == 0) {
                return null;
            }
            // The task's draw around the application's mean length scales every layer alike.
            double local = dnn.prefixMi(k) * (job.workMi / dnn.totalMi());
            job.workMi -= local;
            job.upKb = dnn.activationKb(k);
            return new LocalPart(job, true, local, job.needMemoryMb, 0, "layers 1-" + k,
                    "layers " + (k + 1) + "-" + dnn.layerCount());
        }
        String allowed = spec == null ? "none (application " + app.name() + " is of kind task)"
                : spec instanceof PartitionSpec.Partial ? "a ratio in [0, 1]"
                : "a split point in 0.." + ((PartitionSpec.Dnn) spec).layerCount();
        throw new IllegalStateException("policy " + policy + " chose partition " + p + " for task " + job.task.id()
                + "; allowed: " + allowed);
    }
}
