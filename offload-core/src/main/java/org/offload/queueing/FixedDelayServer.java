package org.offload.queueing;

import org.offload.engine.EventHandler;
import org.offload.engine.Simulation;

/**
 * A station whose items each take a delay fixed when they arrive, from the station's state at that moment
 * (EdgeCloudSim's empirical network models: a transfer's time is looked up when it starts and never changes as
 * other transfers come and go). Items do not slow each other after they started; the {@link Delay} a caller
 * gives decides how the state at arrival sets the delay. Busy time is the time with at least one item in it.
 */
public final class FixedDelayServer implements Server, EventHandler {
    /** The delay (s) of an item of {@code amount} arriving now at {@code station}; used by {@link #add(Work, double)}. */
    @FunctionalInterface
    public interface Delay {
        double seconds(FixedDelayServer station, double amount);
    }

    private final Simulation sim;
    private final Listener listener;
    private final Delay delay;
    private double rate;
    private int inTransit;
    private double busy;
    private double lastChange;
    private long stampSeq;

    public FixedDelayServer(Simulation sim, double rate, Listener listener, Delay delay) {
        this.sim = sim;
        this.rate = rate;
        this.listener = listener;
        this.delay = delay;
    }

    /** Starts {@code w} with the delay the station's {@link Delay} gives now. */
    @Override
    public void add(Work w, double amount) {
        add(w, amount, delay.seconds(this, amount));
    }

    /** Starts {@code w}; it leaves after {@code delayS} seconds (a finite, non-negative delay). */
    public void add(Work w, double amount, double delayS) {
        if (!(delayS >= 0) || Double.isInfinite(delayS)) {
            throw new IllegalArgumentException("a fixed delay must be finite and >= 0, got " + delayS);
        }
        track();
        w.enterDelay(sim.now(), amount, ++stampSeq);
        inTransit++;
        sim.schedule(delayS, this, 0, w, w.serviceStamp);
    }

    @Override
    public void onEvent(int tag, Object data, long stamp) {
        Work w = (Work) data;
        if (!w.completesWith(stamp)) {
            return;
        }
        track();
        w.leaveDelay();
        inTransit--;
        listener.onServed(w);
    }

    @Override
    public double remove(Work w) {
        w.leaveDelay();
        track();
        inTransit--;
        return 0; // a fixed-delay transfer has no partial progress to report
    }

    private void track() {
        double now = sim.now();
        if (inTransit > 0) {
            busy += now - lastChange;
        }
        lastChange = now;
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
        rate = newRate;
    }

    @Override
    public double busyUnitSeconds() {
        track();
        return busy;
    }

    /** Like {@link Mm1DelayServer}, a delay station: each item's time is set at its arrival, with no queue. */
    @Override
    public Discipline discipline() {
        return Discipline.MM1_DELAY;
    }

    /** The {@link Delay} of an item of {@code amount} arriving now (infinite when it would be refused). */
    @Override
    public double estimateSojourn(double amount) {
        return delay.seconds(this, amount);
    }
}
