package org.offload.queueing;

import java.util.Arrays;

import org.offload.engine.EventHandler;
import org.offload.engine.Simulation;

/**
 * First-come first-served over {@code c} units (an M/M/c-style station): each item occupies one unit at the
 * full rate; the others wait in arrival order. A waiting item that is removed is skipped lazily: each queue
 * entry carries the token it was enqueued with, so a removed and re-added item cannot be served twice.
 */
public final class FcfsServer implements Server, EventHandler {
    private final Simulation sim;
    private final int servers;
    private final Listener listener;
    private final Work[] onCore;
    private final double[] coreFinish;
    private Work[] queue = new Work[16];
    private long[] queueToken = new long[16];
    private int head;
    private int tail;
    private final double rate;
    private int busyCount;
    private int waitingLive;
    private double queuedWork;
    private double busy;
    private double lastUpdate;
    private long stampSeq;

    public FcfsServer(Simulation sim, int servers, double rate, Listener listener) {
        if (servers < 1 || !(rate > 0)) {
            throw new IllegalArgumentException("servers " + servers + ", rate " + rate);
        }
        this.sim = sim;
        this.servers = servers;
        this.rate = rate;
        this.listener = listener;
        this.onCore = new Work[servers];
        this.coreFinish = new double[servers];
        this.lastUpdate = sim.now();
    }

    private void advance() {
        double now = sim.now();
        if (now > lastUpdate) {
            busy += (now - lastUpdate) * busyCount;
            lastUpdate = now;
        }
    }

    @Override
    public void add(Work w, double amount) {
        advance();
        w.enteredS = sim.now();
        w.amount = amount;
        w.inServer = true;
        w.started = false;
        w.core = -1;
        w.serviceStamp = ++stampSeq;
        if (busyCount < servers) {
            start(w, freeCore());
        } else {
            enqueue(w);
        }
    }

    private void enqueue(Work w) {
        int size = tail - head;
        if (size == queue.length) {
            Work[] q = new Work[size * 2];
            long[] t = new long[size * 2];
            for (int i = 0; i < size; i++) {
                q[i] = queue[(head + i) & (queue.length - 1)];
                t[i] = queueToken[(head + i) & (queue.length - 1)];
            }
            queue = q;
            queueToken = t;
            head = 0;
            tail = size;
        }
        int i = tail++ & (queue.length - 1);
        queue[i] = w;
        queueToken[i] = w.serviceStamp;
        waitingLive++;
        queuedWork += w.amount;
    }

    private int freeCore() {
        for (int i = 0; i < servers; i++) {
            if (onCore[i] == null) {
                return i;
            }
        }
        throw new IllegalStateException("no free core");
    }

    private void start(Work w, int core) {
        w.core = core;
        w.startedS = sim.now();
        w.started = true;
        w.serviceStamp = ++stampSeq;
        onCore[core] = w;
        busyCount++;
        double service = w.amount / rate;
        coreFinish[core] = sim.now() + service;
        sim.schedule(service, this, core, w, w.serviceStamp);
    }

    @Override
    public void onEvent(int core, Object data, long stamp) {
        Work w = (Work) data;
        if (onCore[core] != w || w.serviceStamp != stamp) {
            return;
        }
        advance();
        onCore[core] = null;
        busyCount--;
        w.inServer = false;
        w.core = -1;
        startNext(core);
        listener.onServed(w);
    }

    private void startNext(int core) {
        while (head != tail) {
            int i = head++ & (queue.length - 1);
            Work next = queue[i];
            long token = queueToken[i];
            queue[i] = null;
            if (next.inServer && !next.started && next.serviceStamp == token) {
                waitingLive--;
                queuedWork -= next.amount;
                start(next, core);
                return;
            }
        }
    }

    @Override
    public double remove(Work w) {
        if (!w.inServer) {
            throw new IllegalStateException("work item is not in this server");
        }
        advance();
        w.inServer = false;
        if (w.core >= 0) {
            int core = w.core;
            double served = (sim.now() - w.startedS) * rate;
            onCore[core] = null;
            busyCount--;
            w.core = -1;
            startNext(core);
            return served;
        }
        w.serviceStamp = ++stampSeq;
        waitingLive--;
        queuedWork -= w.amount;
        if (waitingLive == 0) {
            Arrays.fill(queue, null);
            head = tail = 0;
            queuedWork = 0;
        }
        return 0;
    }

    @Override
    public int inSystem() {
        return busyCount + waitingLive;
    }

    @Override
    public int waiting() {
        return waitingLive;
    }

    @Override
    public int servers() {
        return servers;
    }

    @Override
    public double rate() {
        return rate;
    }

    /** FCFS stations keep their rate; VMs do not change speed. */
    @Override
    public void setRate(double newRate) {
        throw new UnsupportedOperationException("FCFS servers have a fixed rate");
    }

    @Override
    public double busyUnitSeconds() {
        advance();
        return busy;
    }

    @Override
    public Discipline discipline() {
        return Discipline.FCFS;
    }

    @Override
    public double estimateSojourn(double amount) {
        return Discipline.fcfsS(amount, rate, servers, inSystem(), waitAheadS());
    }

    /**
     * Exact when nobody waits (the earliest free unit); with a queue, the work-conserving approximation that the
     * queued work and the work in service spread evenly over all units. 0 while a unit is free.
     */
    @Override
    public double waitAheadS() {
        if (busyCount < servers) {
            return 0;
        }
        double now = sim.now();
        double earliest = Double.POSITIVE_INFINITY;
        double remainingInService = 0;
        for (int i = 0; i < servers; i++) {
            earliest = Math.min(earliest, coreFinish[i]);
            remainingInService += Math.max(0, coreFinish[i] - now);
        }
        return waitingLive == 0 ? earliest - now
                : Math.max(earliest - now, (remainingInService + queuedWork / rate) / servers);
    }
}
