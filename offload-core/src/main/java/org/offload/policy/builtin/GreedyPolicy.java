package org.offload.policy.builtin;

import org.offload.model.Decision;
import org.offload.model.Task;
import org.offload.model.Tier;
import org.offload.policy.OffloadPolicy;
import org.offload.policy.PolicyContext;
import org.offload.policy.PolicyRegistry;
import org.offload.policy.SystemView;
import org.offload.registry.PolicySpec;

/**
 * Greedy: evaluates every option that admits the task (local, each edge VM, each cloud VM) with
 * {@link SystemView#estimateServiceTimeS} and takes the lowest. Cost grows with the number of VMs.
 */
public final class GreedyPolicy implements OffloadPolicy {
    /** Name, description and factory, registered by {@code BuiltInPolicies}. */
    public static final PolicySpec<PolicyContext, OffloadPolicy> SPEC = PolicyRegistry.spec("greedy",
            "option (local, any edge or cloud VM) with the lowest estimated service time",
            c -> new GreedyPolicy());

    @Override
    public Decision decide(Task task, SystemView view) {
        double best = Double.POSITIVE_INFINITY;
        int bestVm = Integer.MIN_VALUE;
        if (view.deviceCanCompute(task.device())) {
            best = view.estimateServiceTimeS(task, -1);
            bestVm = -1;
        }
        if (view.deviceSite(task.device()) >= 0) {
            for (int v = 0; v < view.vmCount(); v++) {
                if (!view.vmAdmits(v, task)) {
                    continue;
                }
                double t = view.estimateServiceTimeS(task, v);
                if (t < best) {
                    best = t;
                    bestVm = v;
                }
            }
        }
        if (bestVm == -1) {
            return Decision.LOCAL;
        }
        if (bestVm == Integer.MIN_VALUE) {
            return Decision.REJECT;
        }
        return view.vmTier(bestVm) == Tier.CLOUD ? Decision.cloud(bestVm) : Decision.edge(bestVm);
    }
}
