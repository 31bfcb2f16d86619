package org.offload.queueing;

import org.offload.scenario.Scenario;

/**
 * How a station serves its items, and the one formula for the time an item arriving now would spend in it.
 * The formulas are static functions of a station's numbers (rate per unit, units, items in it, the FCFS wait,
 * the M/M/1 load): the servers call them with their own state, views read a node's numbers and call them, and
 * {@link #sojournS(StationState, double)} applies them to any {@link StationState} (a telemetry
 * {@link StationSnapshot}). Hot callers read the numbers themselves and call the static formula, so each call
 * site sees one kind of node and the JIT can inline the reads.
 */
public enum Discipline {
    /**
     * Egalitarian processor sharing over {@code c} units ({@link ProcessorSharingServer}): with {@code n} items in
     * the station a newcomer gets {@code rate * min(1, c / (n + 1))}; the estimate assumes that share holds.
     */
    PROCESSOR_SHARING,
    /**
     * First come, first served over {@code c} units ({@link FcfsServer}): the service time alone while a unit is
     * free, else the wait until one is ({@link StationState#waitAheadS}) plus the service time.
     */
    FCFS,
    /**
     * EdgeCloudSim's analytic M/M/1 delay ({@link Mm1DelayServer}): {@code amount / (rate * (1 - rho))}, infinite
     * when {@code rho >= 1}.
     */
    MM1_DELAY;

    /** The discipline of VMs and device CPUs under a scenario's scheduling. */
    public static Discipline of(Scenario.Scheduling scheduling) {
        return scheduling == Scenario.Scheduling.FCFS ? FCFS : PROCESSOR_SHARING;
    }

    /** Expected time from now until an item of {@code amount} work units arriving now at {@code s} would finish. */
    public double sojournS(StationState s, double amount) {
        return switch (this) {
            case PROCESSOR_SHARING -> processorSharingS(amount, s.rate(), s.servers(), s.inSystem());
            case FCFS -> fcfsS(amount, s.rate(), s.servers(), s.inSystem(), s.waitAheadS());
            case MM1_DELAY -> mm1S(amount, s.rate(), s.utilisationWith(amount));
        };
    }

    /**
     * The rate an item arriving now at {@code s} would be served at when that alone gives its sojourn
     * ({@code sojournS(s, a) == a / rateForNext(s)} bit for bit): processor sharing. NaN for the others, whose
     * estimate also depends on the work ahead or the load.
     */
    public double rateForNext(StationState s) {
        return this == PROCESSOR_SHARING ? sharedRate(s.rate(), s.servers(), s.inSystem() + 1) : Double.NaN;
    }

    /** Processor sharing: what each of {@code count} items gets from {@code units} units of {@code rate}. */
    public static double sharedRate(double rate, int units, int count) {
        return count <= units ? rate : rate * units / count;
    }

    /** Processor-sharing sojourn of {@code amount} arriving where {@code inSystem} items are already served. */
    public static double processorSharingS(double amount, double rate, int units, int inSystem) {
        return amount / sharedRate(rate, units, inSystem + 1);
    }

    /**
     * FCFS sojourn: service time alone while fewer than {@code units} items are in the station; else the wait until
     * a unit is free plus the service time. An unknown wait (NaN) is taken as the items ahead of a free unit being
     * as long as this one, spread over all units.
     */
    public static double fcfsS(double amount, double rate, int units, int inSystem, double waitAheadS) {
        if (inSystem < units) {
            return amount / rate;
        }
        double wait = Double.isNaN(waitAheadS) ? (inSystem - units + 1) * amount / (rate * units) : waitAheadS;
        return Math.max(0, wait) + amount / rate;
    }

    /** M/M/1 processor-sharing sojourn at utilisation {@code rho}: infinite once {@code rho >= 1}. */
    public static double mm1S(double amount, double rate, double rho) {
        return rho >= 1 ? Double.POSITIVE_INFINITY : amount / (rate * (1 - rho));
    }
}
