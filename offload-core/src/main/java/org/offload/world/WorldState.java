package org.offload.world;

import org.offload.compute.ComputeState;
import org.offload.network.LinkState;

/**
 * The raw, per-node state of an edge-cloud infrastructure at one moment, numbered as its {@link Topology}: what
 * {@link WorldView} derives everything a policy reads from. The simulator's {@link World} reads it off its live
 * VMs, links and mobility; a telemetry-fed state (the decision service) reports what the nodes sent.
 */
public interface WorldState {
    /** The time the state is for (s). */
    double now();

    /** The site whose access point serves the device now, or -1 when out of coverage. */
    int deviceSite(int device);

    double deviceX(int device);

    double deviceY(int device);

    /** Edge or cloud VM {@code vm}: the same object for as long as the state lives (views read it once). */
    ComputeState vm(int vm);

    /** The device's own CPU (an idle one when it has never run a task). */
    ComputeState deviceCpu(int device);

    LinkState wlan(int site);

    LinkState wan(int site);

    LinkState man();
}
