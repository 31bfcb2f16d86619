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

    public SlicedNetworkModel(SlicePlan plan) {
        this(plan, null);
    }

    private SlicedNetworkModel(SlicePlan plan, double[] weights) {
        this.plan = plan;
        this.weights = weights;
    }

    @Override
    public NetworkModel forLink(LinkKind kind) {
        return plan.sliced(kind) ? new SlicedNetworkModel(plan, plan.weights(kind)) : new NetworkModel.Shared();
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
