package org.offload.scenario;

/**
 * Marks an application as a status-update application (Age of Information, Kaul, Yates and Gruteser 2012): every
 * device running it is one source, each task one update of that source, and its result delivered to the device is
 * the monitor's newest knowledge of the source. {@code superseded} is the source's packet management: {@link
 * Superseded#KEEP} lets every update run its course (FCFS on an FCFS VM), {@link Superseded#DROP} ends an update
 * still in flight when the same source generates a newer one (failure {@code superseded}; on a one-core FCFS path
 * this is LCFS with preemption in service).
 */
public record StatusUpdateSpec(Superseded superseded) {
    /** What happens to an update still in flight when its source generates a newer one. */
    public enum Superseded { KEEP, DROP }

    /** Every update runs its course. */
    public static final StatusUpdateSpec KEEP_ALL = new StatusUpdateSpec(Superseded.KEEP);

    public StatusUpdateSpec {
        Check.present("status_update.superseded", superseded);
    }

    /** True when a newer update ends its source's update still in flight. */
    public boolean dropsSuperseded() {
        return superseded == Superseded.DROP;
    }
}
