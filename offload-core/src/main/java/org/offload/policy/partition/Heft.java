package org.offload.policy.partition;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * HEFT list scheduling (Topcuoglu, Hariri, Wu, "Performance-effective and low-complexity task scheduling for
 * heterogeneous computing", IEEE TPDS 13(3), 2002): tasks in decreasing upward rank (mean computation cost plus the
 * longest mean path of communication and computation to an exit), each on the processor giving its earliest finish
 * time, inserted into the first idle slot long enough after its inputs are ready (insertion-based policy). Ties in
 * rank go to the lower task index, ties in finish time to the lower processor index.
 *
 * <p>Pure and allocation-light: the graph is given as edge arrays and a topological order, the costs through
 * {@link Costs}; an infinite computation cost forbids a processor (a task pinned elsewhere).
 */
public final class Heft {
    private Heft() {
    }

    /** Computation and communication costs of one scheduling problem. */
    public interface Costs {
        /** Time of task {@code t} on processor {@code p}; infinite where it may not run. */
        double computation(int t, int p);

        /** Time of edge {@code e}'s data from processor {@code p} to processor {@code q} ({@code p != q}). */
        double communication(int e, int p, int q);
    }

    /**
     * A schedule: each task's processor, start and finish time, and the schedule length (the latest finish).
     *
     * @param processor per task
     * @param start     per task
     * @param finish    per task
     * @param order     the tasks in the order they were scheduled (decreasing upward rank)
     * @param rank      per task, its upward rank
     * @param makespan  the latest finish time
     */
    public record Schedule(int[] processor, double[] start, double[] finish, int[] order, double[] rank,
                           double makespan) {
    }

    /**
     * Schedules {@code n} tasks with edges {@code from[e] -> to[e]} on {@code processors} processors; {@code topo}
     * is a topological order of the tasks.
     */
    public static Schedule schedule(int n, int[] from, int[] to, int[] topo, int processors, Costs costs) {
        return schedule(n, from, to, topo, processors, costs, null);
    }

    /**
     * HEFT's list schedule with each task's processor given ({@code fixed[t]}; null: chosen by earliest finish
     * time): the same ranks, ready times and insertion, so a given placement is timed as HEFT would time it.
     */
    public static Schedule schedule(int n, int[] from, int[] to, int[] topo, int processors, Costs costs,
                                    int[] fixed) {
        return schedule(n, from, to, processors, costs, fixed, upwardRanks(n, from, to, topo, processors, costs));
    }

    /** As {@link #schedule(int, int[], int[], int[], int, Costs, int[])} with the upward ranks already computed. */
    static Schedule schedule(int n, int[] from, int[] to, int processors, Costs costs, int[] fixed, double[] rank) {
        int m = from.length;
        int[][] in = adjacency(n, to, m);
        Integer[] byRank = new Integer[n];
        for (int i = 0; i < n; i++) {
            byRank[i] = i;
        }
        Arrays.sort(byRank, (a, b) -> rank[a] != rank[b] ? Double.compare(rank[b], rank[a]) : Integer.compare(a, b));
        int[] proc = new int[n];
        double[] start = new double[n];
        double[] finish = new double[n];
        Arrays.fill(proc, -1);
        List<List<double[]>> slots = new ArrayList<>(processors);
        for (int p = 0; p < processors; p++) {
            slots.add(new ArrayList<>());
        }
        int[] order = new int[n];
        double makespan = 0;
        for (int k = 0; k < n; k++) {
            int t = byRank[k];
            order[k] = t;
            int bestP = -1;
            double bestStart = Double.POSITIVE_INFINITY;
            double bestFinish = Double.POSITIVE_INFINITY;
            for (int p = fixed == null ? 0 : fixed[t]; p < (fixed == null ? processors : fixed[t] + 1); p++) {
                double w = costs.computation(t, p);
                if (!(w < Double.POSITIVE_INFINITY)) {
                    continue;
                }
                double ready = 0;
                for (int e : in[t]) {
                    int u = from[e];
                    if (proc[u] < 0) {
                        throw new IllegalArgumentException("task " + u + " is not scheduled before its successor " + t
                                + ": the ranks do not follow the edges (is the order topological?)");
                    }
                    double arrive = finish[u] + (proc[u] == p ? 0 : costs.communication(e, proc[u], p));
                    ready = Math.max(ready, arrive);
                }
                double s = earliestSlot(slots.get(p), ready, w);
                if (s + w < bestFinish) {
                    bestP = p;
                    bestStart = s;
                    bestFinish = s + w;
                }
            }
            if (bestP < 0) {
                throw new IllegalArgumentException("task " + t + " may run on no processor");
            }
            proc[t] = bestP;
            start[t] = bestStart;
            finish[t] = bestFinish;
            insert(slots.get(bestP), bestStart, bestFinish);
            makespan = Math.max(makespan, bestFinish);
        }
        return new Schedule(proc, start, finish, order, rank, makespan);
    }

    /**
     * rank_u(i) = mean computation of i + max over successors j (mean communication of (i, j) + rank_u(j)): the mean
     * over the processors where i may run, and over ordered pairs of distinct processors.
     */
    static double[] upwardRanks(int n, int[] from, int[] to, int[] topo, int processors, Costs costs) {
        int[][] out = adjacency(n, from, from.length);
        double[] rank = new double[n];
        for (int k = n - 1; k >= 0; k--) {
            int t = topo[k];
            double tail = 0;
            for (int e : out[t]) {
                tail = Math.max(tail, meanCommunication(e, processors, costs) + rank[to[e]]);
            }
            rank[t] = meanComputation(t, processors, costs) + tail;
        }
        return rank;
    }

    private static double meanComputation(int t, int processors, Costs costs) {
        double sum = 0;
        int count = 0;
        for (int p = 0; p < processors; p++) {
            double w = costs.computation(t, p);
            if (w < Double.POSITIVE_INFINITY) {
                sum += w;
                count++;
            }
        }
        return count == 0 ? 0 : sum / count;
    }

    private static double meanCommunication(int e, int processors, Costs costs) {
        if (processors < 2) {
            return 0;
        }
        double sum = 0;
        for (int p = 0; p < processors; p++) {
            for (int q = 0; q < processors; q++) {
                if (p != q) {
                    sum += costs.communication(e, p, q);
                }
            }
        }
        return sum / (processors * (processors - 1.0));
    }

    /** The earliest start >= {@code ready} of an idle interval of length {@code w} among busy {@code slots}. */
    private static double earliestSlot(List<double[]> slots, double ready, double w) {
        double s = ready;
        for (double[] busy : slots) {
            if (s + w <= busy[0]) {
                return s;
            }
            s = Math.max(s, busy[1]);
        }
        return s;
    }

    private static void insert(List<double[]> slots, double s, double f) {
        int i = 0;
        while (i < slots.size() && slots.get(i)[0] < s) {
            i++;
        }
        slots.add(i, new double[] {s, f});
    }

    private static int[][] adjacency(int n, int[] end, int m) {
        int[] count = new int[n];
        for (int e = 0; e < m; e++) {
            count[end[e]]++;
        }
        int[][] adj = new int[n][];
        for (int i = 0; i < n; i++) {
            adj[i] = new int[count[i]];
        }
        int[] fill = new int[n];
        for (int e = 0; e < m; e++) {
            adj[end[e]][fill[end[e]]++] = e;
        }
        return adj;
    }
}
