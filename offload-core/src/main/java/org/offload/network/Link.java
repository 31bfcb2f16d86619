package org.offload.network;

import java.util.SplittableRandom;

import org.offload.engine.EventHandler;
import org.offload.engine.Simulation;
import org.offload.queueing.Server;
import org.offload.queueing.Work;
import org.offload.scenario.LinkSpec;
import org.offload.scenario.NetworkSpec;

/**
 * One network link (a site's WLAN, the MAN, a site's WAN uplink): a station of its {@link NetworkModel} (shared
 * capacity or an M/M/1 delay), whose capacity is redrawn uniformly every period from the link's own random
 * stream when the spec gives a bandwidth range. Propagation delay is added by the caller after the transfer is
 * served.
 */
public final class Link implements LinkState, EventHandler {
    private final String name;
    private final NetworkModel model;
    private final Server server;
    private final LinkSpec spec;
    private final double periodS;
    private final SplittableRandom random;
    private final Simulation sim;

    public Link(String name, Simulation sim, LinkSpec spec, NetworkSpec network, SplittableRandom random,
                Server.Listener listener) {
        this(name, sim, spec, network, NetworkModel.of(network), random, listener);
    }

    /** A link of {@code model} (one instance may serve all links of a network). */
    public Link(String name, Simulation sim, LinkSpec spec, NetworkSpec network, NetworkModel model,
                SplittableRandom random, Server.Listener listener) {
        this.name = name;
        this.sim = sim;
        this.spec = spec;
        this.model = model;
        this.periodS = network.bandwidthPeriodS();
        this.random = random;
        this.server = model.newStation(sim, drawBps(), listener);
        if (!spec.bandwidthMbps().isConstant()) {
            sim.schedule(periodS, this, 0, null, 0);
        }
    }

    private double drawBps() {
        double lo = spec.bandwidthMbps().min();
        double hi = spec.bandwidthMbps().max();
        double mbps = lo == hi ? lo : lo + (hi - lo) * random.nextDouble();
        return mbps * 1e6;
    }

    @Override
    public void onEvent(int tag, Object data, long stamp) {
        server.setRate(drawBps());
        sim.schedule(periodS, this, 0, null, 0);
    }

    public String name() {
        return name;
    }

    /** False when the network model refuses a transfer of {@code bits} now (M/M/1: a load of 1 or more). */
    public boolean admits(double bits) {
        return model.admits(this, bits);
    }

    public void start(Work w, double bits) {
        server.add(w, bits);
    }

    public void abort(Work w) {
        server.remove(w);
    }

    public double bandwidthMbps() {
        return server.rate() / 1e6;
    }

    @Override
    public double propagationS() {
        return spec.propagationS();
    }

    public int activeTransfers() {
        return server.inSystem();
    }

    /** Expected delay of a transfer of {@code bits} started now, including propagation. */
    public double estimateDelayS(double bits) {
        return delayS(bits);
    }

    /** The station's own estimate: its discipline's formula over its state, as {@link NetworkModel#transferS}. */
    @Override
    public double transferS(double bits) {
        return server.estimateSojourn(bits);
    }

    /** Busy time of the link so far (seconds with at least one transfer, or M/M/1 utilisation integral). */
    public double busySeconds() {
        return server.busyUnitSeconds();
    }

    @Override
    public double rate() {
        return server.rate();
    }

    @Override
    public int servers() {
        return server.servers();
    }

    @Override
    public int inSystem() {
        return server.inSystem();
    }

    @Override
    public double utilisationWith(double bits) {
        return server.utilisationWith(bits);
    }
}
