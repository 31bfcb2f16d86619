package org.offload.policy.builtin;

import java.util.SplittableRandom;
import org.offload.model.Decision;
import org.offload.model.Task;
import org.offload.policy.OffloadPolicy;
import org.offload.policy.PolicyContext;
import org.offload.policy.PolicyRegistry;
import org.offload.policy.SystemView;
import org.offload.registry.Capability;
import org.offload.registry.PolicySpec;

/**
 * Picks a tier uniformly among those available (local only if the device has a CPU, cloud only if there are
 * cloud VMs), then a uniformly random VM: any edge VM in the system, or any cloud VM.
 */
public final class RandomPolicy implements OffloadPolicy {
    /** Name, description and factory, registered by {@code BuiltInPolicies}. */
    public static final PolicySpec<PolicyContext, OffloadPolicy> SPEC = PolicyRegistry.spec("random", "uniformly random tier, then a random VM of it",
            RandomPolicy::new).with(Capability.RANDOMISED);

    private final SplittableRandom random;

    public RandomPolicy(PolicyContext context) {
        this.random = context.random();
    }

    @Override
    public Decision decide(Task task, SystemView view) {
        boolean local = view.deviceCanCompute(task.device());
        boolean cloud = view.cloudVmCount() > 0;
        int options = 1 + (local ? 1 : 0) + (cloud ? 1 : 0);
        int pick = random.nextInt(options);
        if (local && pick-- == 0) {
            return Decision.LOCAL;
        }
        if (pick == 0) {
            int edgeVms = view.siteCount() * view.edgeVmsPerSite();
            return Decision.edge(random.nextInt(edgeVms));
        }
        return Decision.cloud(view.firstCloudVm() + random.nextInt(view.cloudVmCount()));
    }
}
