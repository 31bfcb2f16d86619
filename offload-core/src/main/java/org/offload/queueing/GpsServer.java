package org.offload.queueing;

import org.offload.engine.Simulation;

/**
 * Generalised processor sharing (GPS, Parekh &amp; Gallager 1993) between weighted flows, egalitarian processor
 * sharing within each flow: at every instant the flows with items share the capacity in proportion to their
 * weights, so a flow of weight {@code w_k} gets at least {@code C * w_k / sum(w)} whenever it has items and more
 * while others are idle (work conserving). A network slice is a flow whose weight is its reserved share; flow 0
 * carries unsliced traffic at the unreserved remainder. A flow whose weight is 0 is served only while every flow
 * of positive weight is idle (its rate otherwise is {@link #STARVED} of the capacity, practically nothing).
 * Each flow is a {@link ProcessorSharingServer} whose rate is reset whenever the set of busy flows or the
 * capacity changes, so service stays exact between those instants.
 */
public final class GpsServer implements Server {
    /** Fraction of the capacity a zero-weight flow gets while a weighted flow is busy (a rate must be positive). */
    public static final double STARVED = 1e-12;

    private final Simulation sim;
    private final double[] weights;
    private final ProcessorSharingServer[] flows;
    private double rate;
    private int n;
    private double busy;
    private double lastUpdate;

    /** A station of {@code rate} whose flow {@code k} has weight {@code weights[k]} (flow 0: unsliced traffic). */
    public GpsServer(Simulation sim, double rate, double[] weights, Listener listener) {
        if (!(rate > 0) || weights.length == 0) {
            throw new IllegalArgumentException("rate " + rate + ", flows " + weights.length);
        }
        this.sim = sim;
        this.rate = rate;
        this.weights = weights.clone();
        this.flows = new ProcessorSharingServer[weights.length];
        for (int k = 0; k < flows.length; k++) {
            if (!(this.weights[k] >= 0)) {
                throw new IllegalArgumentException("weight of flow " + k + ": " + this.weights[k]);
            }
            int flow = k;
            flows[k] = new ProcessorSharingServer(sim, 1, rate, w -> {
                itemLeft(flow);
                listener.onServed(w);
            });
        }
        this.lastUpdate = sim.now();
    }

    /** Number of flows (slices plus the unsliced flow 0). */
    public int flows() {
        return flows.length;
    }

    /** Starts serving {@code amount} of {@code w} in flow {@code flow}. */
    public void add(Work w, double amount, int flow) {
        advance();
        boolean wasIdle = flows[flow].inSystem() == 0;
        w.flow = flow;
        n++;
        if (wasIdle) {
            // The flow becomes busy: every busy flow's rate changes now (its own before its item enters).
            reallocate(flow);
        }
        flows[flow].add(w, amount);
    }

    @Override
    public void add(Work w, double amount) {
        add(w, amount, 0);
    }

    @Override
    public double remove(Work w) {
        if (!w.isInServer()) {
            throw new IllegalStateException("work item is not in this server");
        }
        advance();
        double received = flows[w.flow].remove(w);
        itemLeft(w.flow);
        return received;
    }

    /** An item of {@code flow} left (served or removed): when the flow fell idle, the others share its rate. */
    private void itemLeft(int flow) {
        advance();
        n--;
        if (flows[flow].inSystem() == 0) {
            reallocate(-1);
        }
    }

    /** Sets every busy flow's rate (and {@code extra}'s, about to become busy) to its GPS share now. */
    private void reallocate(int extra) {
        double total = activeWeight(extra);
        for (int k = 0; k < flows.length; k++) {
            if (k == extra || flows[k].inSystem() > 0) {
                flows[k].setRate(share(k, total));
            }
        }
    }

    private double activeWeight(int extra) {
        double total = 0;
        for (int k = 0; k < flows.length; k++) {
            if (k == extra || flows[k].inSystem() > 0) {
                total += weights[k];
            }
        }
        return total;
    }

    /** The rate of busy flow {@code k} when the busy flows' weights add up to {@code total}. */
    private double share(int k, double total) {
        if (total <= 0) {
            return rate; // only zero-weight flows are busy: they share everything
        }
        return weights[k] > 0 ? rate * (weights[k] / total) : rate * STARVED;
    }

    private void advance() {
        double now = sim.now();
        if (now > lastUpdate) {
            if (n > 0) {
                busy += now - lastUpdate;
            }
            lastUpdate = now;
        }
    }

    @Override
    public int inSystem() {
        return n;
    }

    /** Items of flow {@code flow} in the station. */
    public int inSystem(int flow) {
        return flows[flow].inSystem();
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
        if (!(newRate > 0)) {
            throw new IllegalArgumentException("rate " + newRate);
        }
        advance();
        rate = newRate;
        reallocate(-1);
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

    /** The unsliced view: egalitarian processor sharing over all items, as if there were no flows. */
    @Override
    public double estimateSojourn(double amount) {
        return Discipline.processorSharingS(amount, rate, 1, n);
    }

    @Override
    public double rateForNext() {
        return Discipline.sharedRate(rate, 1, n + 1);
    }

    /**
     * Expected time until an item of {@code amount} arriving now in {@code flow} would finish, if the busy flows
     * stayed as they are: its flow's GPS share split equally with the flow's items ({@link #gpsS}).
     */
    public double estimateSojourn(double amount, int flow) {
        return gpsS(amount, rate, weights, inSystemByFlow(), flow);
    }

    /** Items in the station per flow now (a fresh array, index = flow). */
    public int[] inSystemByFlow() {
        int[] counts = new int[flows.length];
        for (int k = 0; k < flows.length; k++) {
            counts[k] = flows[k].inSystem();
        }
        return counts;
    }

    /**
     * GPS sojourn of {@code amount} arriving in {@code flow} where {@code counts[k]} items of flow {@code k} are
     * served at {@code rate}: {@code amount / (rate * w_f / sum_{busy k or f} w_k / (counts[f] + 1))}. The formula
     * for a live station and for telemetry alike.
     */
    public static double gpsS(double amount, double rate, double[] weights, int[] counts, int flow) {
        double total = 0;
        for (int k = 0; k < weights.length; k++) {
            if (k == flow || counts[k] > 0) {
                total += weights[k];
            }
        }
        double flowRate = total <= 0 ? rate : weights[flow] > 0 ? rate * (weights[flow] / total) : rate * STARVED;
        return amount / (flowRate / (counts[flow] + 1));
    }
}
