package org.offload.policy.builtin;

import org.offload.model.Decision;
import org.offload.model.Task;
import org.offload.network.Route;
import org.offload.policy.Estimates;
import org.offload.policy.OffloadPolicy;
import org.offload.policy.PolicyContext;
import org.offload.policy.PolicyRegistry;
import org.offload.policy.SystemView;
import org.offload.policy.Vms;
import org.offload.registry.PolicySpec;

/**
 * Offloads every task, to the remote option with the lowest estimated transfer delay (upload plus download)
 * that admits it: the least-utilised VM of the device's own site (WLAN only), of each other site (WLAN and MAN),
 * or of the cloud (WLAN and WAN). Execution time is ignored; that is what {@link GreedyPolicy} adds.
 */
public final class NetworkAwarePolicy implements OffloadPolicy {
    /** Name, description and factory, registered by {@code BuiltInPolicies}. */
    public static final PolicySpec<PolicyContext, OffloadPolicy> SPEC = PolicyRegistry.spec("network-aware",
            "offload to the site or cloud with the lowest estimated transfer delay",
            c -> new NetworkAwarePolicy());

    @Override
    public Decision decide(Task task, SystemView view) {
        int home = view.deviceSite(task.device());
        if (home < 0) {
            return Decision.REJECT;
        }
        double up = task.uploadKb();
        double down = task.downloadKb();
        double wlan = Estimates.accessS(view, home, up, down);
        double man = Estimates.backhaulS(view, Route.REMOTE_EDGE, home, up, down);
        double best = Double.POSITIVE_INFINITY;
        int bestVm = -1;
        for (int s = 0; s < view.siteCount(); s++) {
            double delay = s == home ? wlan : wlan + man;
            if (delay < best) {
                int vm = Vms.leastUtilisedAdmitting(view, task, view.firstEdgeVm(s), view.edgeVmsPerSite());
                if (vm >= 0) {
                    best = delay;
                    bestVm = vm;
                }
            }
        }
        if (view.cloudVmCount() > 0) {
            double delay = wlan + Estimates.backhaulS(view, Route.CLOUD, home, up, down);
            if (delay < best) {
                int vm = Vms.leastUtilisedAdmitting(view, task, view.firstCloudVm(), view.cloudVmCount());
                if (vm >= 0) {
                    return Decision.cloud(vm);
                }
            }
        }
        if (bestVm >= 0) {
            return Decision.edge(bestVm);
        }
        return Decision.edge(Vms.leastUtilisedAtDeviceSite(view, task));
    }
}
