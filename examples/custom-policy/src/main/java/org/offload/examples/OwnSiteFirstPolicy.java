package org.offload.examples;

import org.offload.model.Decision;
import org.offload.model.Task;
import org.offload.policy.OffloadPolicy;
import org.offload.policy.PolicyContext;
import org.offload.policy.PolicyRegistry;
import org.offload.policy.SystemView;
import org.offload.policy.Vms;
import org.offload.registry.PolicySpec;

/**
 * Offload to the device's own edge site unless its VMs are busier than a threshold, else to the cloud. The option
 * {@code threshold} (percent, default 80) shows how a policy declares and reads options.
 */
public final class OwnSiteFirstPolicy implements OffloadPolicy {
    /** The policy's spec: name, description, options and factory (what {@link ExamplePolicies} provides). */
    public static final PolicySpec<PolicyContext, OffloadPolicy> SPEC = PolicyRegistry.spec("own-site-first",
            "own edge site below a utilisation threshold, else the cloud (examples/custom-policy)",
            ctx -> new OwnSiteFirstPolicy(ctx.number("threshold", 80)))
            .withOptions(PolicySpec.options("threshold", "edge site utilisation (%) above which tasks go to the cloud"
                    + " (default 80)"));

    private final double threshold;

    public OwnSiteFirstPolicy(double threshold) {
        this.threshold = threshold;
    }

    @Override
    public Decision decide(Task task, SystemView view) {
        int site = view.deviceSite(task.device());
        if (site >= 0 && view.siteUtilization(site) < threshold) {
            return Decision.edge(Vms.leastUtilisedAtDeviceSite(view, task));
        }
        return Decision.cloud(Vms.leastUtilisedCloud(view, task));
    }
}
