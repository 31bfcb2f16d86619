package org.offload.queueing;

/**
 * A station's state as numbers, for estimates over state that is not a live server: telemetry (the decision
 * service) or a what-if (a policy adding the tasks it has just placed). {@code utilisation} is what an M/M/1
 * station reported; a snapshot cannot add an arriving item's own load to it.
 *
 * @param rate        work units per second of one unit (MIPS, bit/s)
 * @param servers     parallel units, at least 1
 * @param inSystem    items in the station
 * @param waitAheadS  FCFS wait until a unit is free (NaN: unknown)
 * @param utilisation M/M/1 utilisation (NaN: not an M/M/1 station)
 */
public record StationSnapshot(double rate, int servers, int inSystem, double waitAheadS, double utilisation)
        implements StationState {
    /** An idle station of {@code servers} units of {@code rate}. */
    public static StationSnapshot idle(double rate, int servers) {
        return new StationSnapshot(rate, servers, 0, 0, 0);
    }

    @Override
    public double utilisationWith(double amount) {
        return utilisation;
    }
}
