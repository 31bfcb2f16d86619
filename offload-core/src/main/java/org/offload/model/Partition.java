package org.offload.model;

/**
 * How a decision divides a partitioned task (issue 19); {@link #WHOLE} for every other task and for every policy
 * that does not partition: the task runs whole where its decision places it.
 *
 * <ul>
 * <li>a ratio ({@link #ratio}) for an application of kind {@code partial}: the device runs the share
 * {@code localShare} of the work, the decision's VM the rest in parallel (1 = all local, 0 = all offloaded);</li>
 * <li>a split point ({@link #split}) for an application of kind {@code dnn}: layers {@code 1..split} run on the
 * device, the activation of layer {@code split} crosses the network, the remaining layers run on the decision's VM
 * ({@code 0} = full offloading, the layer count = all local).</li>
 * </ul>
 *
 * @param localShare the device's share λ of a partial task's work, NaN when not a ratio
 * @param split      the number of DNN layers run on the device, -1 when not a split
 */
public record Partition(double localShare, int split) {
    /** No partitioning: the task runs whole where its decision places it. */
    public static final Partition WHOLE = new Partition(Double.NaN, -1);

    public Partition {
        boolean ratio = localShare >= 0 && localShare <= 1 && split == -1;
        boolean cut = Double.isNaN(localShare) && split >= -1;
        if (!ratio && !cut) {
            throw new IllegalArgumentException("a partition is a ratio in [0, 1] or a split point >= 0, got ratio "
                    + localShare + ", split " + split);
        }
    }

    /** The device runs {@code localShare} of the work, the VM the rest in parallel. */
    public static Partition ratio(double localShare) {
        return new Partition(localShare, -1);
    }

    /** Layers {@code 1..layers} on the device, the rest on the VM. */
    public static Partition split(int layers) {
        if (layers < 0) {
            throw new IllegalArgumentException("a split point is >= 0, got " + layers);
        }
        return new Partition(Double.NaN, layers);
    }

    public boolean isWhole() {
        return split < 0 && Double.isNaN(localShare);
    }

    public boolean isRatio() {
        return !Double.isNaN(localShare);
    }

    public boolean isSplit() {
        return split >= 0;
    }

    @Override
    public String toString() {
        return isRatio() ? "ratio " + localShare : isSplit() ? "split " + split : "whole";
    }
}
