package org.offload.queueing;

/**
 * A queueing station with {@code servers} parallel units of {@code rate} work units per second each: a VM's
 * cores (MI, MIPS) or a link (bits, bit/s). Items leave through the {@link Listener}. Its estimates are its
 * {@link #discipline() discipline's} formulas over its own {@link StationState state}.
 */
public interface Server extends StationState {
    /** Starts serving {@code amount} work units of {@code w}. */
    void add(Work w, double amount);

    /** Takes {@code w} out without completing it; returns the work units it had received so far. */
    double remove(Work w);

    /** Items in the station (waiting or in service). */
    @Override
    int inSystem();

    /** Items waiting for a free unit (always 0 for processor sharing). */
    int waiting();

    @Override
    int servers();

    @Override
    double rate();

    /** How the station serves its items; its estimates are this discipline's formulas. */
    Discipline discipline();

    /** Changes the per-unit rate from now on (e.g. a link's bandwidth). */
    void setRate(double newRate);

    /** Integral over time of busy units (unit-seconds) up to now. */
    double busyUnitSeconds();

    /**
     * Expected time from now until an item of {@code amount} would finish if it arrived now: its
     * {@link #discipline() discipline's} formula over the station's own state.
     */
    double estimateSojourn(double amount);

    /**
     * The rate an item arriving now would be served at, when that alone gives its sojourn: then
     * {@code estimateSojourn(amount) == amount / rateForNext()} bit for bit (processor sharing). NaN when the
     * sojourn also depends on the work ahead of it (queues).
     */
    default double rateForNext() {
        return Double.NaN;
    }

    /** Told when an item has received all its work. */
    @FunctionalInterface
    interface Listener {
        void onServed(Work w);
    }
}
