package org.offload.policy.builtin;

import org.offload.model.Decision;
import org.offload.model.Task;
import org.offload.model.Tier;
import org.offload.policy.OffloadPolicy;
import org.offload.policy.PolicyContext;
import org.offload.policy.PolicyRegistry;
import org.offload.policy.SystemView;
import org.offload.policy.Vms;
import org.offload.registry.PolicySpec;

/**
 * Utilisation-based: the VM with the lowest claimed utilisation among all edge and cloud VMs that admit the
 * task (edge first on ties).
 */
public final class LeastUtilisedPolicy implements OffloadPolicy {
    /** Name, description and factory, registered by {@code BuiltInPolicies}. */
    public static final PolicySpec<PolicyContext, OffloadPolicy> SPEC = PolicyRegistry.spec("least-utilised",
            "VM with the lowest claimed utilisation over edge and cloud that admits the task",
            c -> new LeastUtilisedPolicy());

    @Override
    public Decision decide(Task task, SystemView view) {
        int vm = Vms.leastUtilised(view, task, 0, view.vmCount());
        return view.vmTier(vm) == Tier.CLOUD ? Decision.cloud(vm) : Decision.edge(vm);
    }
}
