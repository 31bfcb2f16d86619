package org.offload.scenario;

/**
 * A QoS class: the service-time target ({@code latency_target_s}) and the per-task transfer throughput target
 * ({@code bandwidth_mbps}) of the applications mapped to it, and the network slice its transfers use
 * ({@code slice}, null: the unreserved remainder of each link).
 */
public record QosClassSpec(String name, double latencyTargetS, double bandwidthMbps, String slice) {
    public QosClassSpec {
        Check.present("name", name);
        Check.positive("latency_target_s", latencyTargetS);
        Check.nonNegative("bandwidth_mbps", bandwidthMbps);
    }
}
