package org.offload.policy.builtin;

import org.offload.model.Decision;
import org.offload.model.Task;
import org.offload.policy.OffloadPolicy;
import org.offload.policy.PolicyContext;
import org.offload.policy.PolicyRegistry;
import org.offload.policy.SystemView;
import org.offload.policy.Vms;
import org.offload.registry.PolicySpec;

/** Every task goes to the least-utilised cloud VM. */
public final class CloudOnlyPolicy implements OffloadPolicy {
    /** Name, description and factory, registered by {@code BuiltInPolicies}. */
    public static final PolicySpec<PolicyContext, OffloadPolicy> SPEC = PolicyRegistry.spec("cloud-only", "least-utilised cloud VM",
            c -> new CloudOnlyPolicy());

    @Override
    public Decision decide(Task task, SystemView view) {
        return Decision.cloud(Vms.leastUtilisedCloud(view, task));
    }
}
