package org.offload.policy.fuzzy;

import org.offload.policy.SystemView;

/**
 * Network state as EdgeCloudSim's fuzzy orchestrator measures it: with a 1 Mbit dummy transfer
 * ({@code FuzzyEdgeOrchestrator}: a 128 KB task; here 125 KB of 1000 bytes).
 */
final class Probes {
    /** 1 Mbit in the simulator's KB (1 KB = 1000 bytes). */
    static final double PROBE_KB = 125;

    private Probes() {
    }

    /**
     * Bandwidth (Mbit/s) a 1 Mbit transfer would get on the site's WAN uplink now: 1 Mbit over its estimated
     * transfer time, propagation excluded; 0 when the link is saturated (infinite estimate).
     */
    static double wanBandwidthMbps(SystemView view, int site) {
        double transfer = view.estimateWanDelayS(site, PROBE_KB) - view.scenario().network().wan().propagationS();
        return transfer > 0 ? 1 / transfer : 0;
    }

    /** Delay (s) of a 1 Mbit transfer over the MAN now, propagation included. */
    static double manDelayS(SystemView view) {
        return view.estimateManDelayS(PROBE_KB);
    }
}
