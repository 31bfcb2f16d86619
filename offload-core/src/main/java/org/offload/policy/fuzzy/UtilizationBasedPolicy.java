package org.offload.policy.fuzzy;

import org.offload.model.Decision;
import org.offload.model.Task;
import org.offload.policy.OffloadPolicy;
import org.offload.policy.PolicyContext;
import org.offload.policy.PolicyRegistry;
import org.offload.policy.SystemView;
import org.offload.policy.Vms;
import org.offload.registry.PolicySpec;

/**
 * EdgeCloudSim's {@code UTILIZATION_BASED} orchestrator ({@code sample_app4/FuzzyEdgeOrchestrator.java};
 * recovered-paper-specs.md 2.1.3): the cloud when the mean utilisation of all edge VMs exceeds 80%, otherwise
 * the least-utilised edge VM over all edge sites that admits the task (the least-utilised one if none does, so
 * the task fails with {@code vm_capacity}). The cloud VM is the least-utilised one likewise.
 *
 * <p>Unlike {@code least-utilised}, which compares every edge and cloud VM and takes the lowest, this policy
 * treats the cloud only as overflow: it stays on the edge, however loaded one VM is, until the edge as a whole
 * passes 80%, and then sends everything to the cloud.
 */
public final class UtilizationBasedPolicy implements OffloadPolicy {
    /** Name, description and factory, registered by {@code BuiltInPolicies}. */
    public static final PolicySpec<PolicyContext, OffloadPolicy> SPEC = PolicyRegistry.spec("utilization-based",
            "cloud iff mean edge utilisation > 80%, else least-utilised edge VM (EdgeCloudSim UTILIZATION_BASED)",
            c -> new UtilizationBasedPolicy());

    static final double THRESHOLD_PERCENT = 80;

    @Override
    public Decision decide(Task task, SystemView view) {
        if (view.cloudVmCount() > 0 && view.edgeUtilization() > THRESHOLD_PERCENT) {
            return Decision.cloud(Vms.leastUtilisedCloud(view, task));
        }
        return Decision.edge(Vms.leastUtilised(view, task, 0, view.firstCloudVm()));
    }
}
