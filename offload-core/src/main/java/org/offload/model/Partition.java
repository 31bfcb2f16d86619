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
 * ({@code 0} = full offloading, the layer count = all local);</li>
 * <li>a placement ({@link #placement(int...)}) for an application of kind {@code dag}: component {@code i} runs on
 * VM {@code placement.get(i)}, or on the device where it is -1.</li>
 * </ul>
 *
 * @param localShare the device's share λ of a partial task's work, NaN when not a ratio
 * @param split      the number of DNN layers run on the device, -1 when not a split
 * @param placement  a workflow's placement per component (VM index, -1 = device; immutable), null when not one
 */
public record Partition(double localShare, int split, java.util.List<Integer> placement) {
    /** No partitioning: the task runs whole where its decision places it. */
    public static final Partition WHOLE = new Partition(Double.NaN, -1);

    public Partition {
        boolean ratio = localShare >= 0 && localShare <= 1 && split == -1 && placement == null;
        boolean cut = Double.isNaN(localShare) && split >= -1 && placement == null;
        boolean placed = Double.isNaN(localShare) && split == -1 && placement != null && !placement.isEmpty();
        if (!ratio && !cut && !placed) {
            throw new IllegalArgumentException("a partition is a ratio in [0, 1], a split point >= 0 or a non-empty "
                    + "placement, got ratio " + localShare + ", split " + split + ", placement " + placement);
        }
        if (placed) {
            placement = java.util.List.copyOf(placement);
            for (int v : placement) {
                if (v < -1) {
                    throw new IllegalArgumentException("a placement holds VM indices >= 0 or -1 (the device), got "
                            + placement);
                }
            }
        }
    }

    /** A ratio or split point (no placement). */
    public Partition(double localShare, int split) {
        this(localShare, split, null);
    }

    /** A workflow's components on VMs {@code where[i]} (-1: the device). */
    public static Partition placement(int... where) {
        Integer[] boxed = new Integer[where.length];
        for (int i = 0; i < where.length; i++) {
            boxed[i] = where[i];
        }
        return new Partition(Double.NaN, -1, java.util.List.of(boxed));
    }

    /** Where component {@code i} of a placement runs: a VM index, or -1 for the device. */
    public int placedAt(int i) {
        return placement.get(i);
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
        return split < 0 && Double.isNaN(localShare) && placement == null;
    }

    public boolean isPlacement() {
        return placement != null;
    }

    public boolean isRatio() {
        return !Double.isNaN(localShare);
    }

    public boolean isSplit() {
        return split >= 0;
    }

    @Override
    public String toString() {
        return isRatio() ? "ratio " + localShare : isSplit() ? "split " + split
                : isPlacement() ? "placement " + placement : "whole";
    }
}
