package org.offload.model;

/** Why a task did not complete. Every failed task has exactly one. */
public enum FailureReason {
    /** The policy rejected the task. */
    REJECTED,
    /** The device was outside every access point's coverage when the task was generated. */
    NO_COVERAGE,
    /** LOCAL chosen on a device without a CPU. */
    NO_LOCAL_CPU,
    /** The chosen VM's claimed utilisation would exceed its limit. */
    VM_CAPACITY,
    /** The chosen VM lacks free memory for the task. */
    VM_MEMORY,
    /** M/M/1 network model: the link's offered load reached its capacity. */
    NETWORK_CONGESTION,
    /** The device moved to another access point before the result could be delivered. */
    MOBILITY,
    /** The task did not finish within its maximum delay. */
    DEADLINE,
    /** Still running when the simulation's drain time ran out. */
    UNFINISHED,
    /** {@code ecs} network model: the site's WLAN already carried as many transfers as its table has entries. */
    WLAN_CONGESTION,
    /** {@code ecs} network model: the MAN's M/M/1 delay was negative (saturated) or above 15 s. */
    MAN_CONGESTION,
    /** {@code ecs} network model: the site's WAN uplink already carried as many transfers as its table has entries. */
    WAN_CONGESTION,
    /** A status update ended in flight by a newer update of its source ({@code status_update.superseded: drop}). */
    SUPERSEDED;

    public String key() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
