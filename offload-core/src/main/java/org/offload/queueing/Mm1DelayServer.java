package org.offload.queueing;

import org.offload.engine.EventHandler;
import org.offload.engine.Simulation;

/**
 * EdgeCloudSim-style analytic link: a transfer of {@code b} bits takes {@code b / (C * (1 - rho))}, the mean
 * sojourn of a job of that size in an M/M/1 processor-sharing queue, with {@code rho} the offered load estimated
 * as bits offered in an exponentially weighted window of {@code windowS} seconds over {@code C * windowS}.
 * Transfers do not slow each other directly; they see the load through {@code rho}.
 */
public final class Mm1DelayServer implements Server, EventHandler {
    private final Simulation sim;
    private final Listener listener;
    private final double windowS;
    private double rate;
    private double offeredBits;
    private double lastUpdate;
    private int inTransit;
    private double busy;
    private long stampSeq;

    public Mm1DelayServer(Simulation sim, double rate, double windowS, Listener listener) {
        this.sim = sim;
        this.rate = rate;
        this.windowS = windowS;
        this.listener = listener;
    }

    /**
     * Ages the offered-load estimate to now and adds the exact integral of {@code min(1, rho(t))} over the
     * elapsed time, where {@code rho(t) = rho0 * exp(-t / W)} between arrivals.
     */
    private void decay() {
        double now = sim.now();
        double dt = now - lastUpdate;
        if (dt <= 0) {
            return;
        }
        double rho0 = utilisation();
        if (rho0 > 0) {
            double saturated = rho0 > 1 ? Math.min(dt, windowS * Math.log(rho0)) : 0;
            double rhoAtSat = rho0 * Math.exp(-saturated / windowS);
            busy += saturated + rhoAtSat * windowS * (1 - Math.exp(-(dt - saturated) / windowS));
        }
        offeredBits *= Math.exp(-dt / windowS);
        lastUpdate = now;
    }

    /** Current estimate of the offered load over capacity. */
    public double utilisation() {
        return offeredBits / (rate * windowS);
    }

    /** Utilisation that a transfer of {@code bits} starting now would see. */
    @Override
    public double utilisationWith(double bits) {
        decay();
        return (offeredBits + bits) / (rate * windowS);
    }

    @Override
    public void add(Work w, double amount) {
        decay();
        offeredBits += amount;
        double rho = utilisation();
        // Discipline.MM1_DELAY's formula, kept finite: a transfer the link admitted always ends
        double delay = amount / (rate * Math.max(1e-9, 1 - rho));
        w.enteredS = sim.now();
        w.startedS = w.enteredS;
        w.started = true;
        w.amount = amount;
        w.inServer = true;
        w.serviceStamp = ++stampSeq;
        inTransit++;
        sim.schedule(delay, this, 0, w, w.serviceStamp);
    }

    @Override
    public void onEvent(int tag, Object data, long stamp) {
        Work w = (Work) data;
        if (!w.inServer || w.serviceStamp != stamp) {
            return;
        }
        decay();
        w.inServer = false;
        inTransit--;
        listener.onServed(w);
    }

    @Override
    public double remove(Work w) {
        if (!w.inServer) {
            throw new IllegalStateException("work item is not in this server");
        }
        decay();
        w.inServer = false;
        inTransit--;
        return 0; // an M/M/1 transfer has no partial progress to report
    }

    @Override
    public int inSystem() {
        return inTransit;
    }

    @Override
    public int waiting() {
        return 0;
    }

    @Override
    public int servers() {
        return 1;
    }

    @Override
    public double rate() {
        return rate;
    }

    @Override
    public void setRate(double newRate) {
        decay();
        rate = newRate;
    }

    @Override
    public double busyUnitSeconds() {
        decay();
        return busy;
    }

    @Override
    public Discipline discipline() {
        return Discipline.MM1_DELAY;
    }

    @Override
    public double estimateSojourn(double amount) {
        return Discipline.mm1S(amount, rate, utilisationWith(amount));
    }
}
