package org.offload.compute;

import org.offload.queueing.StationState;

/**
 * What a view reads of a VM or a device's CPU: its station state (cores, MIPS, tasks in it, the FCFS wait), the
 * execution estimate its scheduling {@link org.offload.queueing.Discipline} gives for that state, and
 * EdgeCloudSim-style admission state (claimed share, memory). A simulated {@link Vm} asks its own server; a
 * telemetry-fed view applies the discipline's formula to what the node sent.
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

    /** Expected time from now until {@code mi} arriving now would finish. */
    double sojournS(double mi);

    /**
     * The MIPS a task started now would get when that alone gives its estimate ({@code sojournS(mi) ==
     * mi / rateForNext()} bit for bit: processor sharing); NaN otherwise.
     */
    default double rateForNext() {
        return Double.NaN;
    }
}
