package org.offload.network;

import org.offload.queueing.StationState;

/**
 * What a delay estimate reads of a link now: its station state (capacity in bit/s, transfers on it, the M/M/1
 * load), its one-way propagation delay, and the transfer time its {@link NetworkModel} gives for that state. A
 * simulated {@link Link} asks its own station (whose estimate is the model's formula over its state); a
 * telemetry-fed state applies {@link NetworkModel#transferS} to the numbers it was sent. Both give the same bits
 * for the same state.
 */
public interface LinkState extends StationState {
    /** One-way propagation delay (s), added after a transfer is served. */
    double propagationS();

    /** Expected time to serve {@code bits} started now, propagation excluded. */
    double transferS(double bits);

    /** Expected one-way delay of {@code bits} started now: transfer plus propagation. */
    default double delayS(double bits) {
        return transferS(bits) + propagationS();
    }

    /**
     * Expected one-way delay of {@code bits} started now in flow {@code flow} of a sliced link (0: unsliced
     * traffic, see {@link SlicePlan}); {@link #delayS(double)} on a link without slices.
     */
    default double delayS(double bits, int flow) {
        return delayS(bits);
    }

    /**
     * Transfers on the link now per flow of its slices (index = flow: 0 the unreserved remainder, then the slices
     * covering the link in {@link SlicePlan} order), or null when the link has no slices or the state does not know.
     */
    default int[] flowTransfers() {
        return null;
    }
}
