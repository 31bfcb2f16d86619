package org.offload.policy.builtin;

import org.offload.model.Decision;
import org.offload.model.Task;
import org.offload.policy.OffloadPolicy;
import org.offload.policy.PolicyContext;
import org.offload.policy.PolicyRegistry;
import org.offload.policy.SystemView;
import org.offload.policy.Vms;
import org.offload.registry.PolicySpec;

/** Every task goes to the least-utilised VM of the device's nearest edge site. */
public final class EdgeOnlyPolicy implements OffloadPolicy {
    /** Name, description and factory, registered by {@code BuiltInPolicies}. */
    public static final PolicySpec<PolicyContext, OffloadPolicy> SPEC = PolicyRegistry.spec("edge-only", "least-utilised VM of the device's nearest edge site",
            c -> new EdgeOnlyPolicy());

    @Override
    public Decision decide(Task task, SystemView view) {
        return Decision.edge(Vms.leastUtilisedAtDeviceSite(view, task));
    }
}
