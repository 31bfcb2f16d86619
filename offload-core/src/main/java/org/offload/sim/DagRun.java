package org.offload.sim;

import org.offload.compute.Vm;
import org.offload.network.Link;
import org.offload.queueing.Work;
import org.offload.scenario.DagSpec;

/**
 * One workflow task in flight (kind {@code dag}): where each component runs, how many inputs each still waits for,
 * the component work items on their CPUs and the transfers on their links. {@link DagSteps} moves it; the job's own
 * fields hold the task's totals (its energy, network, wait and processing seconds summed over components and
 * transfers).
 */
final class DagRun {
    /** A component's states; each component reaches exactly one of the last three once. */
    static final byte WAITING = 0;
    static final byte RUNNING = 1;
    static final byte DONE = 2;
    static final byte ABORTED = 3;
    static final byte NEVER_STARTED = 4;
    /** The trace's name of each state (a task's components have reached one of the last three when it ends). */
    private static final String[] OUTCOMES = {"waiting", "running", "done", "aborted", "never_started"};

    final Job job;
    final DagSpec dag;
    /** VM index of each component, -1 for the device. */
    final int[] where;
    /** The task's draw around the application's mean length, scaling every component's work alike. */
    final double scale;
    final Component[] components;
    /** Inputs each component still waits for (its in-edges, or 1 for the upload of an entry). */
    final int[] pending;
    /** Transfers under way, in start order (a transfer leaves the list when it arrives or is aborted). */
    final java.util.ArrayList<Transfer> transfers = new java.util.ArrayList<>();
    /** Exit results not yet back at the device. */
    int resultsPending;
    /** KB that crossed at least one link. */
    double movedKb;
    /** Components placed on the device, an edge VM, a cloud VM. */
    final int onDevice;
    final int onEdge;
    final int onCloud;
    /** When the task ended (set by {@link DagSteps#ending}). */
    double endedS = Double.NaN;

    DagRun(Job job, DagSpec dag, int[] where, double scale, org.offload.world.World world) {
        this.job = job;
        this.dag = dag;
        this.where = where;
        this.scale = scale;
        int device = 0;
        int edge = 0;
        for (int w : where) {
            device += w < 0 ? 1 : 0;
            edge += w >= 0 && world.vm(w).tier() == org.offload.model.Tier.EDGE ? 1 : 0;
        }
        this.onDevice = device;
        this.onEdge = edge;
        this.onCloud = where.length - device - edge;
        int n = dag.componentCount();
        this.components = new Component[n];
        this.pending = new int[n];
        for (int i = 0; i < n; i++) {
            components[i] = new Component(this, i);
            pending[i] = dag.isEntry(i) ? 1 : dag.inDegree(i);
        }
        this.resultsPending = dag.exits().length;
    }

    /** One trace record per component, in declaration order: where it ran, when, the KB it moved, its energy. */
    java.util.List<org.offload.metrics.PartRecord> parts(org.offload.world.World world) {
        org.offload.metrics.PartRecord[] out = new org.offload.metrics.PartRecord[components.length];
        for (Component c : components) {
            int w = where[c.index];
            String outcome = OUTCOMES[c.state];
            out[c.index] = new org.offload.metrics.PartRecord("component:" + dag.components().get(c.index).name(),
                    w < 0 ? org.offload.model.Tier.LOCAL : world.vm(w).tier(), w, c.startS, c.endS, c.inKb, c.outKb,
                    c.energyJ, outcome);
        }
        return java.util.List.of(out);
    }

    /** A component's computation on its VM or the device's CPU. */
    static final class Component extends Work {
        final DagRun run;
        final int index;
        byte state = WAITING;
        /** Its CPU while admitted there, else null. */
        Vm vm;
        double share;
        double memoryMb;
        double startS = Double.NaN;
        double endS = Double.NaN;
        /** KB of its inputs (for an entry, the upload) that crossed at least one link and arrived. */
        double inKb;
        /** KB of its outputs (for an exit, its result too) that crossed at least one link and arrived. */
        double outKb;
        /** The device's joules charged to it: its computation there, the radio's air time of its inputs and result. */
        double energyJ;

        Component(DagRun run, int index) {
            this.run = run;
            this.index = index;
        }
    }

    /**
     * Data moving between two placements over one or more links: an edge's data, the upload to an entry
     * ({@code edge = -1}) or an exit's result to the device ({@code edge = -2}).
     */
    static final class Transfer extends Work {
        final DagRun run;
        final int edge;
        /** The component it feeds, or the exit whose result it carries ({@code edge = -2}). */
        final int component;
        final double kb;
        final Link[] hops;
        final boolean[] up;
        /** Per hop: whether the device's radio carries it (the WLAN), for its energy. */
        final boolean[] radio;
        int hop;
        /** The link it is on, null while propagating or done. */
        Link link;
        double stageStartS;
        long stamp;

        Transfer(DagRun run, int edge, int component, double kb, Link[] hops, boolean[] up, boolean[] radio) {
            this.run = run;
            this.edge = edge;
            this.component = component;
            this.kb = kb;
            this.hops = hops;
            this.up = up;
            this.radio = radio;
        }
    }
}
