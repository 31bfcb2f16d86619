package org.offload.policy.builtin;

import org.offload.model.Decision;
import org.offload.model.Task;
import org.offload.policy.OffloadPolicy;
import org.offload.policy.PolicyContext;
import org.offload.policy.PolicyRegistry;
import org.offload.policy.SystemView;
import org.offload.registry.PolicySpec;

/** Every task runs on its own device. */
public final class LocalOnlyPolicy implements OffloadPolicy {
    /** Name, description and factory, registered by {@code BuiltInPolicies}. */
    public static final PolicySpec<PolicyContext, OffloadPolicy> SPEC = PolicyRegistry.spec("local-only", "run every task on its device",
            c -> new LocalOnlyPolicy());

    @Override
    public Decision decide(Task task, SystemView view) {
        return Decision.LOCAL;
    }
}
