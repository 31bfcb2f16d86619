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
 * Sonmez, Ozgovde and Ersoy's two-stage fuzzy workload orchestrator (IEEE TNSM 2019), as EdgeCloudSim's
 * {@code FUZZY_BASED} policy ({@code sample_app4/FuzzyEdgeOrchestrator.java}, {@code FCL_definition.java};
 * recovered-paper-specs.md 2.1.1-2.1.3). Per task:
 * <ol>
 * <li>probe the network with 1 Mbit: {@code wan_bw} = 1 Mbit over the estimated WAN transfer time of the
 * device's site (propagation excluded), {@code man_delay} = the MAN delay of 1 Mbit;</li>
 * <li>nearest = the device's site, best remote = the least-utilised other site (site utilisation = mean over
 * its VMs; EdgeCloudSim's start values: site 0 at 100%);</li>
 * <li>stage 1, {@link FuzzyRuleBases#SONMEZ_FIS2} (27 rules): the remote site if the output exceeds 50;</li>
 * <li>stage 2, {@link FuzzyRuleBases#SONMEZ_FIS1} (81 rules) on that site's utilisation, the task length, the
 * WAN bandwidth and the delay sensitivity: the cloud if the output exceeds 50, else that site;</li>
 * <li>the least-utilised VM of the chosen site or of the cloud that admits the task, else the least-utilised
 * one (the task then fails with {@code vm_capacity}, where EdgeCloudSim finds no VM).</li>
 * </ol>
 * Both stages use MIN/MIN/MAX and the leftmost-maximum defuzzifier. Deterministic.
 */
public final class SonmezFuzzyPolicy implements OffloadPolicy {
    /** Name, description and factory, registered by {@code BuiltInPolicies}. */
    public static final PolicySpec<PolicyContext, OffloadPolicy> SPEC = PolicyRegistry.spec("sonmez-fuzzy",
            "Sonmez 2019 two-stage fuzzy orchestrator (EdgeCloudSim FUZZY_BASED)",
            c -> new SonmezFuzzyPolicy());

    private final FuzzySystem.Evaluator fis1 = FuzzyRuleBases.SONMEZ_FIS1.evaluator();
    private final FuzzySystem.Evaluator fis2 = FuzzyRuleBases.SONMEZ_FIS2.evaluator();

    @Override
    public Decision decide(Task task, SystemView view) {
        int nearest = view.deviceSite(task.device());
        if (nearest < 0) {
            return Decision.edge(Vms.leastUtilisedAtDeviceSite(view, task)); // fails with no_coverage
        }
        double wanBw = Probes.wanBandwidthMbps(view, nearest);
        double manDelay = Probes.manDelayS(view);
        double nearestUtil = view.siteUtilization(nearest);
        int remote = 0;
        double remoteUtil = 100;
        for (int s = 0; s < view.siteCount(); s++) {
            if (s != nearest) {
                double u = view.siteUtilization(s);
                if (u < remoteUtil) {
                    remote = s;
                    remoteUtil = u;
                }
            }
        }
        int site = nearest;
        double util = nearestUtil;
        if (fis2.evaluate(nearestUtil, remoteUtil, manDelay) > 50) {
            site = remote;
            util = remoteUtil;
        }
        if (view.cloudVmCount() > 0
                && fis1.evaluate(util, task.lengthMi(), wanBw, task.delaySensitivity()) > 50) {
            return Decision.cloud(Vms.leastUtilisedCloud(view, task));
        }
        return Decision.edge(Vms.leastUtilised(view, task, view.firstEdgeVm(site), view.edgeVmsPerSite()));
    }
}
