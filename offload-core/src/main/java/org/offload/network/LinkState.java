package org.offload.network;

import org.offload.queueing.StationState;

/**
 * What a delay estimate reads of a link now: its station state (capacity in bit/s, transfers on it, the M/M/1
 * load) and its one-way propagation delay. A simulated {@link Link} reports its own; a telemetry-fed view
 * reports what the network sent.
 */
public interface LinkState extends StationState {
    /** One-way propagation delay (s), added after a transfer is served. */
    double propagationS();
}
