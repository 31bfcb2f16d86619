package org.offload.scenario;

/**
 * WLAN per edge site, one MAN between sites, one WAN uplink per site to the cloud. {@code SHARED}: a link's
 * capacity is shared equally by its concurrent transfers (processor sharing); {@code MM1}: each transfer takes
 * {@code size / (capacity * (1 - rho))}, the M/M/1-PS sojourn with utilisation {@code rho} estimated online from
 * the link's recent offered load, as EdgeCloudSim's analytic delay model does; it fails with
 * {@code network_congestion} when {@code rho >= 1}. {@code ECS}: EdgeCloudSim sample_app4's empirical WLAN/WAN
 * tables and its MAN M/M/1 ({@code org.offload.network.EcsNetworkModel}), with its failure rules
 * ({@code wlan_congestion}, {@code man_congestion}, {@code wan_congestion}); {@code mm1_window_s} is not used.
 * {@code qos}: QoS classes and network slices ({@link QosSpec#NONE} by default); slices need the {@code shared}
 * model, whose processor sharing they generalise (GPS between slices).
 */
public record NetworkSpec(Model model, LinkSpec wlan, LinkSpec man, LinkSpec wan, double bandwidthPeriodS,
                          double mm1WindowS, QosSpec qos) {
    public enum Model { SHARED, MM1, ECS }

    /** A network without QoS classes or slices. */
    public NetworkSpec(Model model, LinkSpec wlan, LinkSpec man, LinkSpec wan, double bandwidthPeriodS,
                       double mm1WindowS) {
        this(model, wlan, man, wan, bandwidthPeriodS, mm1WindowS, QosSpec.NONE);
    }

    /** This network with {@code newQos} as its QoS classes and slices. */
    public NetworkSpec withQos(QosSpec newQos) {
        return new NetworkSpec(model, wlan, man, wan, bandwidthPeriodS, mm1WindowS, newQos);
    }

    public NetworkSpec {
        qos = qos == null ? QosSpec.NONE : qos;
        if (!qos.slices().isEmpty() && model != Model.SHARED) {
            throw new ScenarioException("model", "network slices (qos.slices) need model shared, whose processor"
                    + " sharing GPS between slices generalises; got " + model.name().toLowerCase(java.util.Locale.ROOT));
        }
        Check.present("model", model);
        Check.present("wlan", wlan);
        Check.present("man", man);
        Check.present("wan", wan);
        Check.positive("bandwidth_period_s", bandwidthPeriodS);
        Check.positive("mm1_window_s", mm1WindowS);
    }
}
