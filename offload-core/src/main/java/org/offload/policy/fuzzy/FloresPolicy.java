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
 * Flores et al.'s fuzzy offloading (PerCom Workshops 2017) as adapted in EdgeCloudSim, the {@code
 * FUZZY_COMPETITOR} policy labelled "Flores*" ({@code sample_app4/FuzzyEdgeOrchestrator.java},
 * {@code FCL_definition.java}; recovered-paper-specs.md 2.2). Inputs: {@code wan_bw} from a 1 Mbit probe of the
 * device's site (as {@link SonmezFuzzyPolicy}), {@code cpu_speed} = 100 - mean utilisation of all edge VMs,
 * {@code video_execution} = the task's delay sensitivity, {@code data_size} = min(2500, upload + download KB) /
 * 2500. {@link FuzzyRuleBases#FLORES} (68 rules, centroid): the cloud if the output exceeds 50, otherwise the
 * least-utilised edge VM over all sites. In both cases the least-utilised VM that admits the task, else the
 * least-utilised one (the task then fails with {@code vm_capacity}). Deterministic.
 */
public final class FloresPolicy implements OffloadPolicy {
    /** Name, description and factory, registered by {@code BuiltInPolicies}. */
    public static final PolicySpec<PolicyContext, OffloadPolicy> SPEC = PolicyRegistry.spec("flores",
            "Flores* fuzzy edge-or-cloud choice (EdgeCloudSim FUZZY_COMPETITOR)",
            c -> new FloresPolicy());

    /** EdgeCloudSim's {@code MAX_DATA_SIZE} (KB). */
    static final double MAX_DATA_KB = 2500;

    private final FuzzySystem.Evaluator fis = FuzzyRuleBases.FLORES.evaluator();

    @Override
    public Decision decide(Task task, SystemView view) {
        int site = view.deviceSite(task.device());
        if (site < 0) {
            return Decision.edge(Vms.leastUtilisedAtDeviceSite(view, task)); // fails with no_coverage
        }
        double cpuSpeed = 100 - view.edgeUtilization();
        double dataSize = Math.min(MAX_DATA_KB, task.uploadKb() + task.downloadKb()) / MAX_DATA_KB;
        double wanBw = Probes.wanBandwidthMbps(view, site);
        if (view.cloudVmCount() > 0 && fis.evaluate(cpuSpeed, dataSize, wanBw, task.delaySensitivity()) > 50) {
            return Decision.cloud(Vms.leastUtilisedCloud(view, task));
        }
        return Decision.edge(Vms.leastUtilised(view, task, 0, view.firstCloudVm()));
    }
}
