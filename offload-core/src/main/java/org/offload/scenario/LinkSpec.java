package org.offload.scenario;

/**
 * A network link: capacity in Mbit/s (redrawn uniformly from the range every
 * {@link NetworkSpec#bandwidthPeriodS()} when it is not constant) and a one-way propagation delay.
 */
public record LinkSpec(Range bandwidthMbps, double propagationS) {
    public LinkSpec {
        Check.present("bandwidth_mbps", bandwidthMbps);
        Check.positive("bandwidth_mbps.min", bandwidthMbps.min());
        Check.nonNegative("propagation_s", propagationS);
    }
}
