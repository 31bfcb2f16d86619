package org.offload.model;

/**
 * A policy's answer for one task: the tier and, for edge and cloud, the global index of the VM
 * ({@link org.offload.policy.SystemView} numbers edge VMs first, then cloud VMs). {@link #REJECT} drops the
 * task, which then fails with reason {@code rejected}; {@link #DEFER} puts it in the simulator's overflow queue,
 * and the policy is asked again, oldest task first, whenever a VM releases capacity (the task's deadline keeps
 * running).
 */
public record Decision(Tier tier, int vm) {
    public static final Decision LOCAL = new Decision(Tier.LOCAL, -1);
    public static final Decision REJECT = new Decision(null, -1);
    public static final Decision DEFER = new Decision(null, -2);

    public Decision {
        if ((tier == Tier.EDGE || tier == Tier.CLOUD) && vm < 0) {
            throw new IllegalArgumentException(tier + " decision needs a VM index, got " + vm);
        }
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
