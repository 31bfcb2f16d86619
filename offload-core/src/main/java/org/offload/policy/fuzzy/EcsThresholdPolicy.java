package org.offload.policy.fuzzy;

import java.util.Map;

import org.offload.model.Decision;
import org.offload.model.Task;
import org.offload.policy.OffloadPolicy;
import org.offload.policy.PolicyContext;
import org.offload.policy.PolicyOptionException;
import org.offload.policy.PolicyRegistry;
import org.offload.policy.SystemView;
import org.offload.policy.Vms;
import org.offload.registry.PolicySpec;

/**
 * EdgeCloudSim sample_app4's two threshold orchestrators, re-implemented from
 * {@code src/edu/boun/edgecloudsim/applications/sample_app4/FuzzyEdgeOrchestrator.java} (class
 * {@code FuzzyEdgeOrchestrator}, {@code getDeviceToOffload} and {@code getVmToOffload}):
 * <ul>
 *   <li>{@code NETWORK_BASED} ({@code ecs-network-based}): the cloud when the WAN bandwidth a 1 Mbit probe of the
 *       device's site would get exceeds {@code wan_threshold_mbps} (EdgeCloudSim: 6), otherwise the edge;</li>
 *   <li>{@code HYBRID} ({@code ecs-hybrid}): the cloud only when that bandwidth exceeds the threshold <em>and</em>
 *       the mean utilisation of all edge VMs exceeds {@code edge_utilization_percent} (EdgeCloudSim: 80).</li>
 * </ul>
 * The edge choice is EdgeCloudSim's {@code GENERIC_EDGE_DEVICE_ID}: the least-utilised edge VM over all sites that
 * admits the task; the cloud choice its least-utilised cloud VM that admits it (else the least-utilised one, so the
 * task fails with {@code vm_capacity}, as EdgeCloudSim fails a task it finds no VM for). The probe is the one the
 * fuzzy policies use ({@link Probes}). Deterministic.
 */
public final class EcsThresholdPolicy implements OffloadPolicy {
    /** Option names and meanings, for the registry. */
    public static final Map<String, String> NETWORK_OPTIONS = PolicyRegistry.options(
            "wan_threshold_mbps", "cloud when the WAN probe bandwidth exceeds this (default 6, as sample_app4)");
    public static final Map<String, String> HYBRID_OPTIONS = PolicyRegistry.options(
            "wan_threshold_mbps", "WAN probe bandwidth above which the cloud may be chosen (default 6)",
            "edge_utilization_percent", "mean edge utilisation above which the cloud may be chosen (default 80)");

    /** sample_app4's {@code NETWORK_BASED}. */
    public static final PolicySpec<PolicyContext, OffloadPolicy> NETWORK_SPEC = PolicyRegistry.spec(
            "ecs-network-based", "cloud iff the WAN probe bandwidth > 6 Mbit/s, else least-utilised edge VM "
                    + "(EdgeCloudSim NETWORK_BASED)", EcsThresholdPolicy::networkBased).withOptions(NETWORK_OPTIONS);
    /** sample_app4's {@code HYBRID}. */
    public static final PolicySpec<PolicyContext, OffloadPolicy> HYBRID_SPEC = PolicyRegistry.spec("ecs-hybrid",
            "cloud iff WAN probe bandwidth > 6 Mbit/s and mean edge utilisation > 80%, else least-utilised edge VM "
                    + "(EdgeCloudSim HYBRID)", EcsThresholdPolicy::hybrid).withOptions(HYBRID_OPTIONS);

    static final double WAN_THRESHOLD_MBPS = 6;

    private final double wanThresholdMbps;
    /** Mean edge utilisation the cloud needs, or a negative value when the rule ignores it (NETWORK_BASED). */
    private final double edgeUtilizationPercent;

    private EcsThresholdPolicy(double wanThresholdMbps, double edgeUtilizationPercent) {
        this.wanThresholdMbps = wanThresholdMbps;
        this.edgeUtilizationPercent = edgeUtilizationPercent;
    }

    /** sample_app4's {@code NETWORK_BASED}. */
    public static EcsThresholdPolicy networkBased(PolicyContext c) {
        return new EcsThresholdPolicy(nonNegative(c, "wan_threshold_mbps", WAN_THRESHOLD_MBPS), -1);
    }

    /** sample_app4's {@code HYBRID}. */
    public static EcsThresholdPolicy hybrid(PolicyContext c) {
        double util = c.number("edge_utilization_percent", UtilizationBasedPolicy.THRESHOLD_PERCENT);
        if (!(util >= 0 && util <= 100)) {
            throw new PolicyOptionException("policy option edge_utilization_percent must be within 0-100, got " + util);
        }
        return new EcsThresholdPolicy(nonNegative(c, "wan_threshold_mbps", WAN_THRESHOLD_MBPS), util);
    }

    private static double nonNegative(PolicyContext c, String key, double dflt) {
        double v = c.number(key, dflt);
        if (!(v >= 0)) {
            throw new PolicyOptionException("policy option " + key + " must be >= 0, got " + v);
        }
        return v;
    }

    @Override
    public Decision decide(Task task, SystemView view) {
        int site = view.deviceSite(task.device());
        if (site < 0) {
            return Decision.edge(Vms.leastUtilisedAtDeviceSite(view, task)); // fails with no_coverage
        }
        boolean cloud = view.cloudVmCount() > 0 && Probes.wanBandwidthMbps(view, site) > wanThresholdMbps
                && (edgeUtilizationPercent < 0 || view.edgeUtilization() > edgeUtilizationPercent);
        return cloud ? Decision.cloud(Vms.leastUtilisedCloud(view, task))
                : Decision.edge(Vms.leastUtilised(view, task, 0, view.firstCloudVm()));
    }
}
