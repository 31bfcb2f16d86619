package org.offload.model;

/**
 * A policy's answer for one task, of one of four {@link Kind kinds}: run it on the device ({@link #LOCAL}), place
 * it on an edge or cloud VM ({@link #edge}, {@link #cloud}; {@code vm} is the global VM index, and
 * {@link org.offload.policy.SystemView} numbers edge VMs first, then cloud VMs), drop it ({@link #REJECT}: it fails
 * with reason {@code rejected}) or put it in the simulator's overflow queue ({@link #DEFER}: the policy is asked
 * again, oldest task first, whenever a VM releases capacity; the task's deadline keeps running).
 *
 * <p>{@code variant} picks the model variant of an application that names an AI model (index into
 * {@link org.offload.scenario.ModelSpec#variants()}); {@code -1}, what every factory gives, runs the model's
 * default (most accurate) variant and is ignored for applications without a model.
 *
 * @param kind    what to do with the task
 * @param tier    where a LOCAL or PLACE decision runs the task ({@link Tier#LOCAL}, {@link Tier#EDGE} or
 *                {@link Tier#CLOUD}); null for REJECT and DEFER, which run nothing
 * @param vm      the edge or cloud VM of a PLACE decision; -1 otherwise
 * @param variant model variant, -1 for the default
 * @param partition how a partitioned task (kinds {@code partial}, {@code dnn}) is divided between the device and the
 *                  VM; {@link Partition#WHOLE}, what every factory gives, runs it whole
 */
public record Decision(Kind kind, Tier tier, int vm, int variant, Partition partition) {
    /** What a decision does with its task. */
    public enum Kind {
        /** Run on the device's own CPU. */
        LOCAL,
        /** Run on an edge or cloud VM ({@link Decision#vm()}). */
        PLACE,
        /** Drop the task: it fails with reason {@code rejected}. */
        REJECT,
        /** Keep the task in the overflow queue and ask again when capacity is released. */
        DEFER
    }

    public static final Decision LOCAL = new Decision(Kind.LOCAL, Tier.LOCAL, -1, -1);
    public static final Decision REJECT = new Decision(Kind.REJECT, null, -1, -1);
    public static final Decision DEFER = new Decision(Kind.DEFER, null, -1, -1);

    /** A decision that runs its task whole ({@link Partition#WHOLE}). */
    public Decision(Kind kind, Tier tier, int vm, int variant) {
        this(kind, tier, vm, variant, Partition.WHOLE);
    }

    public Decision {
        // Checked on every decision: plain comparisons here, the message built out of line.
        boolean fits = kind == Kind.PLACE ? (tier == Tier.EDGE || tier == Tier.CLOUD) && vm >= 0
                : kind == Kind.LOCAL ? tier == Tier.LOCAL && vm == -1
                : kind != null && tier == null && vm == -1;
        if (!fits || variant < -1 || partition == null) {
            throw invalid(kind, tier, vm, variant);
        }
    }

    private static IllegalArgumentException invalid(Kind kind, Tier tier, int vm, int variant) {
        if (kind == null) {
            return new IllegalArgumentException("a decision needs a kind");
        }
        if (variant < -1) {
            return new IllegalArgumentException("model variant must be >= -1, got " + variant);
        }
        if (fitsKind(kind, tier, vm)) {
            return new IllegalArgumentException("a decision needs a partition (Partition.WHOLE for none)");
        }
        String rule = switch (kind) {
            case LOCAL -> "LOCAL runs on the device (tier local, VM -1)";
            case PLACE -> "PLACE needs tier edge or cloud and a VM index >= 0";
            default -> kind + " runs nothing (no tier, VM -1)";
        };
        return new IllegalArgumentException(rule + "; got tier " + tier + ", VM " + vm);
    }

    private static boolean fitsKind(Kind kind, Tier tier, int vm) {
        return kind == Kind.PLACE ? (tier == Tier.EDGE || tier == Tier.CLOUD) && vm >= 0
                : kind == Kind.LOCAL ? tier == Tier.LOCAL && vm == -1 : tier == null && vm == -1;
    }

    /** Runs the task on edge VM {@code vm}. */
    public static Decision edge(int vm) {
        return new Decision(Kind.PLACE, Tier.EDGE, vm, -1);
    }

    /** Runs the task on cloud VM {@code vm}. */
    public static Decision cloud(int vm) {
        return new Decision(Kind.PLACE, Tier.CLOUD, vm, -1);
    }

    /** Runs the task on {@code tier}: the device for {@link Tier#LOCAL} ({@code vm} ignored), else VM {@code vm}. */
    public static Decision on(Tier tier, int vm) {
        return tier == Tier.LOCAL ? LOCAL : new Decision(Kind.PLACE, tier, vm, -1);
    }

    /** This decision with model variant {@code v} (index into the application's variants, -1 = default). */
    public Decision withVariant(int v) {
        return new Decision(kind, tier, vm, v, partition);
    }

    /** This decision dividing a partitioned task as {@code p}. */
    public Decision withPartition(Partition p) {
        return new Decision(kind, tier, vm, variant, p);
    }

    /** True when the decision runs the task somewhere (LOCAL or PLACE), so {@link #tier()} is set. */
    public boolean runs() {
        return kind == Kind.LOCAL || kind == Kind.PLACE;
    }

    public boolean isLocal() {
        return kind == Kind.LOCAL;
    }

    /** True for an edge or cloud VM placement. */
    public boolean isPlacement() {
        return kind == Kind.PLACE;
    }

    public boolean isReject() {
        return kind == Kind.REJECT;
    }

    public boolean isDefer() {
        return kind == Kind.DEFER;
    }

    /** Short form for messages: {@code local}, {@code edge vm 3}, {@code cloud vm 25 variant 1}, {@code reject}. */
    @Override
    public String toString() {
        String s = switch (kind) {
            case LOCAL -> "local";
            case PLACE -> tier.key() + " vm " + vm;
            case REJECT -> "reject";
            case DEFER -> "defer";
        };
        s = variant >= 0 ? s + " variant " + variant : s;
        return partition.isWhole() ? s : s + " " + partition;
    }
}
