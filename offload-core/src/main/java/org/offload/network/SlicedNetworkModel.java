package org.offload.network;

import org.offload.engine.Simulation;
import org.offload.queueing.Discipline;
import org.offload.queueing.GpsServer;
import org.offload.queueing.Server;
import org.offload.queueing.StationState;

/**
 * {@code shared} with network slices: a link of a kind some slice covers is a {@link GpsServer} whose flows are
 * the unreserved remainder and those slices ({@link SlicePlan#weights}); links of other kinds stay plain
 * processor sharing ({@link NetworkModel.Shared}). The unsliced estimate ({@link #transferS}) is processor sharing
 * over all the link's transfers; the slice-aware one is {@link GpsServer#gpsS}.
 */
public final class SlicedNetworkModel implements NetworkModel {
    private final SlicePlan plan;
    private final double[] weights;
    /** The model of each link kind (built once: views ask for it per estimate). */
    private final NetworkModel[] byKind;

    public SlicedNetworkModel(SlicePlan plan) {
        this.plan = plan;
        this.weights = null;
        this.byKind = new NetworkModel[LinkKind.values().length];
        for (LinkKind kind : LinkKind.values()) {
            byKind[kind.ordinal()] = plan.sliced(kind) ? new SlicedNetworkModel(plan, plan.weights(kind))
                    : new NetworkModel.Shared();
        }
    }

    private SlicedNetworkModel(SlicePlan plan, double[] weights) {
        this.plan = plan;
        this.weights = weights;
        this.byKind = null;
    }

    @Override
    public NetworkModel forLink(LinkKind kind) {
        return byKind == null ? this : byKind[kind.ordinal()];
    }

    /** The GPS weights of this kind's links (flow 0 the remainder), or null for the model of all kinds. */
    public double[] weights() {
        return weights == null ? null : weights.clone();
    }

    /** The plan the model partitions links by. */
    public SlicePlan plan() {
        return plan;
    }

    @Override
    public Server newStation(Simulation sim, double rateBps, Server.Listener listener) {
        if (weights == null) {
            throw new IllegalStateException("ask forLink(kind) for the model of one kind of link");
        }
        return new GpsServer(sim, rateBps, weights, listener);
    }

    @Override
    public double transferS(StationState link, double bits) {
        return Discipline.processorSharingS(bits, link.rate(), link.servers(), link.inSystem());
    }
}
