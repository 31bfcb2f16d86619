package org.offload.compute;

import org.offload.queueing.StationState;

/**
 * What a view reads of a VM or a device's CPU: its station state (cores, MIPS, tasks in it, the FCFS wait) plus
 * EdgeCloudSim-style admission state (claimed share, memory). A simulated {@link Vm} reports its own; a
 * telemetry-fed view reports what the node sent.
 */
public interface ComputeState extends StationState {
    /** Share of the node (percent) claimed by its admitted tasks. */
    double claimedPercent();

    /** Free memory (MB); infinite when the node's memory is not limited. */
    double freeMemoryMb();

    /** Tasks waiting for a core (always 0 under processor sharing). */
    int waiting();

    /** Whether a task claiming {@code sharePercent} and {@code memoryMb} would be admitted now. */
    boolean admits(double sharePercent, double memoryMb);
}
