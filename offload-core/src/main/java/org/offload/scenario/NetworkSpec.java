package org.offload.scenario;

/**
 * WLAN per edge site, one MAN between sites, one WAN uplink per site to the cloud. {@code SHARED}: a link's
 * capacity is shared equally by its concurrent transfers (processor sharing); {@code MM1}: each transfer takes
 * {@code size / (capacity * (1 - rho))}, the M/M/1-PS sojourn with utilisation {@code rho} estimated online from
 * the link's recent offered load, as EdgeCloudSim's analytic delay model does; it fails with
 * {@code network_congestion} when {@code rho >= 1}. {@code ECS}: EdgeCloudSim sample_app4's empirical WLAN/WAN
 * tables and its MAN M/M/1 ({@code org.offload.network.EcsNetworkModel}), with its failure rules
 * ({@code wlan_congestion}, {@code man_congestion}, {@code wan_congestion}); {@code mm1_window_s} is not used.
 */
public record NetworkSpec(Model model, LinkSpec wlan, LinkSpec man, LinkSpec wan, double bandwidthPeriodS,
                          double mm1WindowS) {
    public enum Model { SHARED, MM1, ECS }

    public NetworkSpec {
        Check.present("model", model);
        Check.present("wlan", wlan);
        Check.present("man", man);
        Check.present("wan", wan);
        Check.positive("bandwidth_period_s", bandwidthPeriodS);
        Check.positive("mm1_window_s", mm1WindowS);
    }
}
