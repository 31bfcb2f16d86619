package org.offload.scenario;

/**
 * The edge tier: {@code sites} access points, each with a WLAN and {@code hostsPerSite} hosts of
 * {@code vmsPerHost} VMs. A device attaches to the nearest site within {@code coverageM} metres
 * ({@code 0} = unlimited coverage).
 */
public record EdgeSpec(int sites, PlacementSpec placement, int hostsPerSite, int vmsPerHost, VmSpec vm,
                       double coverageM, double utilizationLimitPercent) {
    /** Edge sites in the bundled EUA data set. */
    public static final int EUA_SITES = 125;

    public EdgeSpec {
        Check.atLeast("sites", sites, 1);
        Check.present("placement", placement);
        if (placement.type() == PlacementSpec.Type.EUA && sites > EUA_SITES) {
            throw new ScenarioException("sites", "the EUA data set has " + EUA_SITES + " edge sites, got " + sites);
        }
        Check.atLeast("hosts_per_site", hostsPerSite, 1);
        Check.atLeast("vms_per_host", vmsPerHost, 1);
        Check.present("vm", vm);
        Check.nonNegative("coverage_m", coverageM);
        Check.within("utilization_limit_percent", utilizationLimitPercent, 1, 100);
    }

    public int vmCount() {
        return sites * hostsPerSite * vmsPerHost;
    }
}
