package org.offload.policy.builtin;

import org.offload.model.Decision;
import org.offload.model.Task;
import org.offload.model.Tier;
import org.offload.policy.OffloadPolicy;
import org.offload.policy.PolicyContext;
import org.offload.policy.PolicyRegistry;
import org.offload.policy.SystemView;
import org.offload.registry.PolicySpec;

/** Cycles over all edge and cloud VMs in index order, one task each. */
public final class RoundRobinPolicy implements OffloadPolicy {
    /** Name, description and factory, registered by {@code BuiltInPolicies}. */
    public static final PolicySpec<PolicyContext, OffloadPolicy> SPEC = PolicyRegistry.spec("round-robin", "cycles over all edge and cloud VMs",
            c -> new RoundRobinPolicy());

    private int next;

    @Override
    public Decision decide(Task task, SystemView view) {
        int vm = next;
        next = (next + 1) % view.vmCount();
        return view.vmTier(vm) == Tier.CLOUD ? Decision.cloud(vm) : Decision.edge(vm);
    }
}
