package org.offload.queueing;

/**
 * What a sojourn estimate reads of a station now: its capacity and occupancy. A live {@link Server} reports its
 * own state; a view fed by telemetry, or a what-if question, supplies a {@link StationSnapshot}. The formulas that
 * turn this into a time are written once, in {@link Discipline}.
 */
public interface StationState {
    /** Work units per second of one unit: MIPS of a core, bit/s of a link. */
    double rate();

    /** Parallel units: cores of a VM, 1 for a link. */
    int servers();

    /** Items in the station, waiting or in service. */
    int inSystem();

    /**
     * FCFS: time from now until a unit is free for an item arriving now; 0 while a unit is free. NaN when unknown
     * (telemetry without it), which {@link Discipline#FCFS} then assumes from the queue length.
     */
    default double waitAheadS() {
        return 0;
    }

    /**
     * M/M/1 delay station: the utilisation (offered load over capacity) an item of {@code amount} arriving now
     * would see, its own load included. NaN for stations that do not track it.
     */
    default double utilisationWith(double amount) {
        return Double.NaN;
    }
}
