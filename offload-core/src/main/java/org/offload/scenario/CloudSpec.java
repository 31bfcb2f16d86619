package org.offload.scenario;

/** The cloud tier: hosts with VMs, reached over the WAN. */
public record CloudSpec(int hosts, int vmsPerHost, VmSpec vm, double utilizationLimitPercent) {
    public CloudSpec {
        Check.atLeast("hosts", hosts, 0);
        Check.atLeast("vms_per_host", vmsPerHost, 1);
        Check.present("vm", vm);
        Check.within("utilization_limit_percent", utilizationLimitPercent, 1, 100);
    }

    public int vmCount() {
        return hosts * vmsPerHost;
    }
}
