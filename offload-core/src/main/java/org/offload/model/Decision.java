package org.offload.model;

/**
 * A policy's answer for one task: the tier and, for edge and cloud, the global index of the VM
 * ({@link org.offload.policy.SystemView} numbers edge VMs first, then cloud VMs). {@link #REJECT} drops the
 * task, which then fails with reason {@code rejected}; {@link #DEFER} puts it in the simulator's overflow queue,
 * and the policy is asked again, oldest task first, whenever a VM releases capacity (the task's deadline keeps
 * running). {@code variant} picks the model variant of an application that names an AI model (index into
 * {@link org.offload.scenario.ModelSpec#variants()}); {@code -1}, what every constructor without it gives, runs the
 * model's default (most accurate) variant and is ignored for applications without a model.
 */
public record Decision(Tier tier, int vm, int variant) {
    public static final Decision LOCAL = new Decision(Tier.LOCAL, -1);
    public static final Decision REJECT = new Decision(null, -1);
    public static final Decision DEFER = new Decision(null, -2);

    public Decision {
        if ((tier == Tier.EDGE || tier == Tier.CLOUD) && vm < 0) {
            throw new IllegalArgumentException(tier + " decision needs a VM index, got " + vm);
        }
        if (variant < -1) {
            throw new IllegalArgumentException("model variant must be >= -1, got " + variant);
        }
    }

    /** A decision that runs the default model variant. */
    public Decision(Tier tier, int vm) {
        this(tier, vm, -1);
    }

    /** This decision with model variant {@code v} (index into the application's variants, -1 = default). */
    public Decision withVariant(int v) {
        return new Decision(tier, vm, v);
    }

    public static Decision edge(int vm) {
        return new Decision(Tier.EDGE, vm);
    }

    public static Decision cloud(int vm) {
        return new Decision(Tier.CLOUD, vm);
    }

    public boolean isReject() {
        return tier == null && vm == -1;
    }

    public boolean isDefer() {
        return tier == null && vm == -2;
    }
}
