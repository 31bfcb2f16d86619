package org.offload.policy.partition;

import org.offload.model.Decision;
import org.offload.model.Task;
import org.offload.model.Tier;
import org.offload.policy.Estimates;
import org.offload.policy.SystemView;
import org.offload.scenario.DagSpec;
import org.offload.scenario.PowerSpec;

/**
 * One workflow task's placement problem at decision time, from the current estimates: the processors (index 0 the
 * device, then one per core of every VM that admits the task, as a VM's cores run components side by side), each component's computation time on each, the transfer times between
 * places ({@link Estimates#betweenS}), and the workflow with two pseudo tasks of zero work pinned to the device: a
 * source sending the upload to every entry and a sink receiving every exit's result. {@code heft} schedules it;
 * {@code nsga3-dag} evaluates candidate placements with {@link #objectives}.
 */
public final class WorkflowProblem implements Heft.Costs {
    /** Objectives of {@link #objectives}, in this order. */
    public static final int MAKESPAN = 0;
    public static final int ENERGY = 1;
    public static final int COST = 2;

    private final SystemView view;
    private final Task task;
    private final DagSpec dag;
    private final int site;
    private final PowerSpec power;
    /** Place of each processor: -1 the device, else a VM index. */
    private final int[] places;
    /** Seconds of component {@code i} on processor {@code p}, infinite where it may not run. */
    private final double[][] computation;
    private final double scale;
    private final double deviceMips;
    private final int n;
    private final int[] from;
    private final int[] to;
    private final double[] kb;
    private final int[] topo;
    /** HEFT's upward ranks, computed on first use (they depend on the costs only). */
    private double[] ranks;

    private WorkflowProblem(SystemView view, Task task, DagSpec dag, int site, int[] places) {
        this.view = view;
        this.task = task;
        this.dag = dag;
        this.site = site;
        this.places = places;
        this.power = view.scenario().devices().power();
        this.n = dag.componentCount();
        this.scale = task.lengthMi() / dag.totalMi();
        boolean local = view.deviceCanCompute(task.device());
        this.deviceMips = local ? view.scenario().devices().cpu().mips() : 0;
        this.computation = new double[n + 2][places.length];
        for (int i = 0; i < n; i++) {
            double mi = dag.mi(i) * scale;
            for (int p = 0; p < places.length; p++) {
                computation[i][p] = places[p] >= 0 ? view.estimateExecutionS(places[p], mi)
                        : local ? view.estimateLocalExecutionS(task.device(), mi) : Double.POSITIVE_INFINITY;
            }
        }
        for (int p = 1; p < places.length; p++) {
            computation[n][p] = Double.POSITIVE_INFINITY;
            computation[n + 1][p] = Double.POSITIVE_INFINITY;
        }
        int[] entries = dag.entries();
        int[] exits = dag.exits();
        int m = dag.edgeCount() + entries.length + exits.length;
        this.from = new int[m];
        this.to = new int[m];
        this.kb = new double[m];
        int e = 0;
        for (; e < dag.edgeCount(); e++) {
            from[e] = dag.from(e);
            to[e] = dag.to(e);
            kb[e] = dag.kb(e);
        }
        for (int c : entries) {
            from[e] = n;
            to[e] = c;
            kb[e++] = task.uploadKb();
        }
        for (int c : exits) {
            from[e] = c;
            to[e] = n + 1;
            kb[e++] = task.downloadKb();
        }
        this.topo = new int[n + 2];
        topo[0] = n;
        System.arraycopy(dag.topologicalOrder(), 0, topo, 1, n);
        topo[n + 1] = n + 1;
    }

    /** The problem of {@code task} now; null when no component can run anywhere (no CPU and no coverage). */
    public static WorkflowProblem of(SystemView view, Task task, DagSpec dag) {
        int site = view.deviceSite(task.device());
        int count = 1;
        int[] candidates = new int[16];
        candidates[0] = -1;
        if (site >= 0) {
            for (int v = 0; v < view.vmCount(); v++) {
                if (view.vmAdmits(v, task)) {
                    // One processor per core: a VM runs that many components at once at full speed.
                    for (int c = 0; c < view.vmCores(v); c++) {
                        if (count == candidates.length) {
                            candidates = java.util.Arrays.copyOf(candidates, 2 * count);
                        }
                        candidates[count++] = v;
                    }
                }
            }
        }
        if (count == 1 && !view.deviceCanCompute(task.device())) {
            return null;
        }
        return new WorkflowProblem(view, task, dag, site, java.util.Arrays.copyOf(candidates, count));
    }

    /** Number of processors (the device and the admitting VMs). */
    public int processors() {
        return places.length;
    }

    /** Place (-1: the device, else a VM index) of processor {@code p}. */
    public int place(int p) {
        return places[p];
    }

    /** True when component {@code i} may run on processor {@code p}. */
    public boolean allowed(int i, int p) {
        return computation[i][p] < Double.POSITIVE_INFINITY;
    }

    @Override
    public double computation(int t, int p) {
        return computation[t][p];
    }

    @Override
    public double communication(int e, int p, int q) {
        return Estimates.betweenS(view, site, places[p], places[q], kb[e]);
    }

    /** HEFT's schedule of the workflow on these processors. */
    public Heft.Schedule heft() {
        return Heft.schedule(n + 2, from, to, places.length, this, null, ranks());
    }

    private double[] ranks() {
        if (ranks == null) {
            ranks = Heft.upwardRanks(n + 2, from, to, topo, places.length, this);
        }
        return ranks;
    }

    /** HEFT's timing of components on the processors {@code proc} (one per component). */
    public Heft.Schedule timed(int[] proc) {
        int[] fixed = java.util.Arrays.copyOf(proc, n + 2);
        fixed[n] = 0;
        fixed[n + 1] = 0;
        return Heft.schedule(n + 2, from, to, places.length, this, fixed, ranks());
    }

    /** Places (VM index or -1) of the components from a schedule's processors. */
    public int[] placement(int[] proc) {
        int[] where = new int[n];
        for (int i = 0; i < n; i++) {
            where[i] = places[proc[i]];
        }
        return where;
    }

    /** The decision running the components at {@code where}. */
    public Decision decision(int[] where) {
        return HeftPolicy.decision(view, dag, where);
    }

    /**
     * Predicted {makespan (s), device energy (J), server work (MI on edge and cloud VMs)} of the components on the
     * processors {@code proc}: the makespan as HEFT times it, the energy as the device's computation plus its radio's
     * WLAN air time, the server work as a stand-in for the operator's cost (the scenario has no prices).
     */
    public double[] objectives(int[] proc) {
        double makespan = timed(proc).makespan();
        double energy = 0;
        double serverMi = 0;
        for (int i = 0; i < n; i++) {
            double mi = dag.mi(i) * scale;
            if (places[proc[i]] < 0) {
                energy += power.computeJ(mi, deviceMips);
            } else {
                serverMi += mi;
            }
        }
        for (int e = 0; e < from.length; e++) {
            int a = from[e] >= n ? -1 : places[proc[from[e]]];
            int b = to[e] >= n ? -1 : places[proc[to[e]]];
            if (a != b && (a < 0 || b < 0)) {
                double air = view.estimateWlanDelayS(site, kb[e]);
                energy += a < 0 ? power.transmitJ(air) : power.receiveJ(air);
            }
        }
        return new double[] {makespan, energy, serverMi};
    }

    /** The tier of processor {@code p}. */
    public Tier tier(int p) {
        return places[p] < 0 ? Tier.LOCAL : view.vmTier(places[p]);
    }

    public int components() {
        return n;
    }
}
