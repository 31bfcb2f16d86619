package org.offload.network;

import java.util.SplittableRandom;

import org.offload.engine.EventHandler;
import org.offload.engine.Simulation;
import org.offload.queueing.Mm1DelayServer;
import org.offload.queueing.ProcessorSharingServer;
import org.offload.queueing.Server;
import org.offload.queueing.Work;
import org.offload.scenario.LinkSpec;
import org.offload.scenario.NetworkSpec;

/**
 * One network link (a site's WLAN, the MAN, a site's WAN uplink). Its capacity is shared by concurrent
 * transfers ({@link NetworkSpec.Model#SHARED}) or turned into an M/M/1 delay ({@link NetworkSpec.Model#MM1});
 * when the spec gives a bandwidth range the capacity is redrawn uniformly every period from the link's own
 * random stream. Propagation delay is added by the caller after the transfer is served.
 */
public final class Link implements EventHandler {
    private final String name;
    private final Server server;
    private final Mm1DelayServer mm1;
    private final LinkSpec spec;
    private final double periodS;
    private final SplittableRandom random;
    private final Simulation sim;

    public Link(String name, Simulation sim, LinkSpec spec, NetworkSpec network, SplittableRandom random,
                Server.Listener listener) {
        this.name = name;
        this.sim = sim;
        this.spec = spec;
        this.periodS = network.bandwidthPeriodS();
        this.random = random;
        double initial = drawBps();
        if (network.model() == NetworkSpec.Model.MM1) {
            mm1 = new Mm1DelayServer(sim, initial, network.mm1WindowS(), listener);
            server = mm1;
        } else {
            mm1 = null;
            server = new ProcessorSharingServer(sim, 1, initial, listener);
        }
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

    /** False when the M/M/1 model says a transfer of {@code bits} would see a load of 1 or more. */
    public boolean admits(double bits) {
        return mm1 == null || mm1.utilisationWith(bits) < 1;
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

    public double propagationS() {
        return spec.propagationS();
    }

    public int activeTransfers() {
        return server.inSystem();
    }

    /** Expected delay of a transfer of {@code bits} started now, including propagation. */
    public double estimateDelayS(double bits) {
        return server.estimateSojourn(bits) + spec.propagationS();
    }

    /** Busy time of the link so far (seconds with at least one transfer, or M/M/1 utilisation integral). */
    public double busySeconds() {
        return server.busyUnitSeconds();
    }
}
