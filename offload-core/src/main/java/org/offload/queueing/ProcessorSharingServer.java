package org.offload.queueing;

import java.util.Arrays;

import org.offload.engine.EventHandler;
import org.offload.engine.Simulation;

/**
 * Egalitarian processor sharing over {@code c} units: with {@code n} items each receives
 * {@code rate * min(1, c / n)}. Items are kept in a heap by virtual finish time (the attained service at which
 * they complete), so arrivals, departures and rate changes cost O(log n) instead of touching every item.
 * Models CloudSim's time-shared VM scheduler and a link whose bandwidth is shared by concurrent transfers.
 */
public final class ProcessorSharingServer implements Server, EventHandler {
    private final Simulation sim;
    private final int servers;
    private final Listener listener;
    private double rate;
    private Work[] heap = new Work[8];
    private int n;
    private double virtualTime;
    private double lastUpdate;
    private double busy;
    private double pendingAt = Double.POSITIVE_INFINITY;
    /** Handle of the pending event (valid while {@code pendingAt} is finite): replaced, it is cancelled. */
    private int pendingEvent;

    public ProcessorSharingServer(Simulation sim, int servers, double rate, Listener listener) {
        if (servers < 1 || !(rate > 0)) {
            throw new IllegalArgumentException("servers " + servers + ", rate " + rate);
        }
        this.sim = sim;
        this.servers = servers;
        this.rate = rate;
        this.listener = listener;
        this.lastUpdate = sim.now();
    }

    private double perItemRate(int count) {
        return Discipline.sharedRate(rate, servers, count);
    }

    private void advance() {
        double now = sim.now();
        double dt = now - lastUpdate;
        if (dt > 0) {
            if (n > 0) {
                virtualTime += dt * perItemRate(n);
                busy += dt * Math.min(n, servers);
            }
            lastUpdate = now;
        }
    }

    @Override
    public void add(Work w, double amount) {
        advance();
        w.finishV = virtualTime + amount;
        w.amount = amount;
        w.enteredS = sim.now();
        w.startedS = w.enteredS;
        w.started = true;
        w.inServer = true;
        if (n == heap.length) {
            heap = Arrays.copyOf(heap, n * 2);
        }
        siftUp(n++, w);
        reschedule();
    }

    @Override
    public double remove(Work w) {
        if (!w.inServer || w.heapIndex < 0) {
            throw new IllegalStateException("work item is not in this server");
        }
        advance();
        int i = w.heapIndex;
        Work last = heap[--n];
        heap[n] = null;
        if (i < n) {
            siftDown(i, last);
            if (last.heapIndex == i) {
                siftUp(i, last);
            }
        }
        w.heapIndex = -1;
        w.inServer = false;
        double received = w.amount - Math.max(0, w.finishV - virtualTime);
        if (n == 0) {
            virtualTime = 0;
        }
        reschedule();
        return received;
    }

    @Override
    public void onEvent(int tag, Object data, long eventStamp) {
        pendingAt = Double.POSITIVE_INFINITY;
        advance();
        // Tolerate only rounding: a few ulps of the virtual clock and of the real clock at the current rate.
        double limit = n == 0 ? virtualTime : virtualTime
                + 4 * (Math.ulp(virtualTime) + Math.ulp(Math.max(1, sim.now())) * perItemRate(n));
        // Pop every item that has finished, then notify: listeners may add new work to this server.
        Work first = null;
        Work[] done = null;
        int doneCount = 0;
        while (n > 0 && heap[0].finishV <= limit) {
            Work w = pollMin();
            if (first == null) {
                first = w;
            } else {
                if (done == null) {
                    done = new Work[4];
                }
                if (doneCount == done.length) {
                    done = Arrays.copyOf(done, doneCount * 2);
                }
                done[doneCount++] = w;
            }
        }
        reschedule();
        if (first != null) {
            listener.onServed(first);
        }
        for (int i = 0; i < doneCount; i++) {
            listener.onServed(done[i]);
        }
    }

    private Work pollMin() {
        Work w = heap[0];
        Work last = heap[--n];
        heap[n] = null;
        if (n > 0) {
            siftDown(0, last);
        }
        w.heapIndex = -1;
        w.inServer = false;
        if (n == 0) {
            virtualTime = 0;
        }
        return w;
    }

    /**
     * Makes sure an event is pending no later than the earliest completion. An event already pending earlier is
     * kept (it wakes the server early, which then reschedules), so an arrival, which only delays completions,
     * schedules nothing unless its own completion comes first; a pending event it replaces is cancelled, so every
     * event this server receives is its current one.
     */
    private void reschedule() {
        if (n == 0) {
            return;
        }
        double at = sim.now() + Math.max(0, (heap[0].finishV - virtualTime) / perItemRate(n));
        if (at < pendingAt) {
            if (pendingAt != Double.POSITIVE_INFINITY) {
                sim.cancel(pendingEvent);
            }
            pendingAt = at;
            pendingEvent = sim.scheduleCancellable(at, this, 0, null, 0);
        }
    }

    @Override
    public int inSystem() {
        return n;
    }

    @Override
    public int waiting() {
        return 0;
    }

    @Override
    public int servers() {
        return servers;
    }

    @Override
    public double rate() {
        return rate;
    }

    @Override
    public void setRate(double newRate) {
        if (!(newRate > 0)) {
            throw new IllegalArgumentException("rate " + newRate);
        }
        advance();
        rate = newRate;
        reschedule();
    }

    @Override
    public double busyUnitSeconds() {
        advance();
        return busy;
    }

    @Override
    public Discipline discipline() {
        return Discipline.PROCESSOR_SHARING;
    }

    @Override
    public double estimateSojourn(double amount) {
        return Discipline.processorSharingS(amount, rate, servers, n);
    }

    @Override
    public double rateForNext() {
        return perItemRate(n + 1);
    }

    private void siftUp(int pos, Work w) {
        while (pos > 0) {
            int parent = (pos - 1) >>> 1;
            Work p = heap[parent];
            if (p.finishV <= w.finishV) {
                break;
            }
            heap[pos] = p;
            p.heapIndex = pos;
            pos = parent;
        }
        heap[pos] = w;
        w.heapIndex = pos;
    }

    private void siftDown(int pos, Work w) {
        int half = n >>> 1;
        while (pos < half) {
            int child = 2 * pos + 1;
            Work c = heap[child];
            int right = child + 1;
            if (right < n && heap[right].finishV < c.finishV) {
                child = right;
                c = heap[child];
            }
            if (w.finishV <= c.finishV) {
                break;
            }
            heap[pos] = c;
            c.heapIndex = pos;
            pos = child;
        }
        heap[pos] = w;
        w.heapIndex = pos;
    }
}
