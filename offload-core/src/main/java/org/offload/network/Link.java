package org.offload.network;

import java.util.SplittableRandom;

import org.offload.engine.EventHandler;
import org.offload.engine.Simulation;
import org.offload.model.FailureReason;
import org.offload.queueing.GpsServer;
import org.offload.queueing.Server;
import org.offload.queueing.Work;
import org.offload.scenario.LinkSpec;
import org.offload.scenario.NetworkSpec;

/**
 * One network link (a site's WLAN, the MAN, a site's WAN uplink): a station of its {@link NetworkModel} (shared
 * capacity, an M/M/1 delay, EdgeCloudSim's tables), whose capacity is redrawn uniformly every period from the link's own random
 * stream when the spec gives a bandwidth range. Propagation delay is added by the caller after the transfer is
 * served.
 */
public final class Link implements LinkState, EventHandler {
    private final String name;
    private final LinkKind kind;
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

    /** A link of {@code model} whose rules do not differ by kind (one instance may serve all links). */
    public Link(String name, Simulation sim, LinkSpec spec, NetworkSpec network, NetworkModel model,
                SplittableRandom random, Server.Listener listener) {
        this(name, LinkKind.WLAN, sim, spec, network, model, random, listener);
    }

    /** A link of {@code kind} following {@code model.forLink(kind)} (one model may serve all links of a network). */
    public Link(String name, LinkKind kind, Simulation sim, LinkSpec spec, NetworkSpec network, NetworkModel model,
                SplittableRandom random, Server.Listener listener) {
        this.name = name;
        this.kind = kind;
        this.sim = sim;
        this.spec = spec;
        this.model = model.forLink(kind);
        this.periodS = network.bandwidthPeriodS();
        this.random = random;
        this.server = this.model.newStation(sim, drawBps(), listener);
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
        return admits(bits, true);
    }

    /**
     * False when the network model refuses a transfer of {@code bits} now toward the VM ({@code upload}) or back;
     * one call per attempt, before {@link #start(Work, double, boolean)} (a model may count attempts).
     */
    public boolean admits(double bits, boolean upload) {
        return model.admits(this, bits, upload);
    }

    public void start(Work w, double bits) {
        start(w, bits, true);
    }

    /** Starts a transfer of {@code bits} that {@link #admits(double, boolean)} accepted. */
    public void start(Work w, double bits, boolean upload) {
        model.start(server, w, bits, upload);
    }

    /**
     * Starts a transfer as {@link #start(Work, double, boolean)} in flow {@code flow} of a sliced link
     * ({@link SlicePlan#flow}); on a link without slices flow is ignored.
     */
    public void start(Work w, double bits, boolean upload, int flow) {
        if (server instanceof GpsServer gps) {
            gps.add(w, bits, flow);
        } else {
            model.start(server, w, bits, upload);
        }
    }

    /** What the link is in the topology. */
    public LinkKind kind() {
        return kind;
    }

    /** The GPS station of a sliced link, or null: per-slice occupancy for reports and telemetry. */
    public GpsServer slices() {
        return server instanceof GpsServer gps ? gps : null;
    }

    @Override
    public int[] flowTransfers() {
        return server instanceof GpsServer gps ? gps.inSystemByFlow() : null;
    }

    @Override
    public double delayS(double bits, int flow) {
        return server instanceof GpsServer gps ? gps.estimateSojourn(bits, flow) + spec.propagationS()
                : delayS(bits);
    }

    /** Why a transfer this link refused fails. */
    public FailureReason refusal() {
        return model.refusal();
    }

    /** Whether transfers to and from the cloud cross this (WLAN) link before the WAN. */
    public boolean carriesCloudTransfers() {
        return model.cloudCrossesWlan();
    }

    /** Tells the link's model that a policy decision was acted on (see {@link NetworkModel#onDecision}). */
    public void decisionMade() {
        model.onDecision();
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
