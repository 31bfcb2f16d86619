package org.offload.world;

import org.offload.model.Tier;
import org.offload.scenario.Scenario;
import org.offload.scenario.VmSpec;

/**
 * How a scenario's VMs are numbered and what each one is: edge VMs site by site ({@code firstEdgeVm(s) ..
 * firstEdgeVm(s) + edgeVmsPerSite - 1}), then the cloud VMs. Pure arithmetic over the scenario, shared by the
 * simulated {@link World} and any other view of the same infrastructure (the decision service's).
 */
public record Topology(int sites, int edgeVmsPerSite, int cloudVms, VmSpec edgeVm, VmSpec cloudVm,
                       double edgeLimitPercent, double cloudLimitPercent) {
    public static Topology of(Scenario s) {
        return new Topology(s.edge().sites(), s.edge().hostsPerSite() * s.edge().vmsPerHost(), s.cloud().vmCount(),
                s.edge().vm(), s.cloud().vm(), s.edge().utilizationLimitPercent(),
                s.cloud().utilizationLimitPercent());
    }

    /** First cloud VM: the cloud VMs follow all edge VMs. */
    public int firstCloudVm() {
        return sites * edgeVmsPerSite;
    }

    public int vmCount() {
        return firstCloudVm() + cloudVms;
    }

    public int firstEdgeVm(int site) {
        return site * edgeVmsPerSite;
    }

    public Tier tier(int vm) {
        return vm < firstCloudVm() ? Tier.EDGE : Tier.CLOUD;
    }

    /** Site of an edge VM, -1 for a cloud VM. */
    public int site(int vm) {
        return vm < firstCloudVm() ? vm / edgeVmsPerSite : -1;
    }

    public VmSpec spec(int vm) {
        return vm < firstCloudVm() ? edgeVm : cloudVm;
    }

    /** Utilisation limit (percent) of the VM's admission control. */
    public double limitPercent(int vm) {
        return vm < firstCloudVm() ? edgeLimitPercent : cloudLimitPercent;
    }
}
