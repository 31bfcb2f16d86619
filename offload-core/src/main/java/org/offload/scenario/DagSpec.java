package org.offload.scenario;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A workflow application (kind {@code dag}, issue 19): components with their work, and edges carrying data from one
 * component to another. The task's upload ({@code upload_kb}) goes from the device to every entry component (one
 * without inputs), every exit component (one without outputs) sends the task's result ({@code download_kb}) back to
 * the device; a component starts when all its inputs have arrived, and the task ends when every exit's result has.
 * Each component gets its own placement ({@link org.offload.model.Partition#placement}).
 *
 * <p>Immutable; the constructor checks the graph (unique names, known edge ends, no self-loop or duplicate edge, no
 * cycle) and precomputes the adjacency and a topological order the simulator and the policies read.
 */
public final class DagSpec implements PartitionSpec {
    /**
     * One component of the workflow.
     *
     * @param name     unique within the workflow
     * @param mi       its work (MI)
     * @param memoryMb memory it claims where it runs (MB); NaN: the application's {@code memory_mb}
     */
    public record Component(String name, double mi, double memoryMb) {
        public Component {
            Check.present("name", name);
            Check.positive("mi", mi);
            if (!Double.isNaN(memoryMb)) {
                Check.nonNegative("memory_mb", memoryMb);
            }
        }
    }

    /**
     * Data from component {@code from} to component {@code to}.
     *
     * @param kb the data crossing the network when the two run in different places (KB)
     */
    public record Edge(String from, String to, double kb) {
        public Edge {
            Check.present("from", from);
            Check.present("to", to);
            Check.nonNegative("kb", kb);
        }
    }

    private final List<Component> components;
    private final List<Edge> edges;
    private final int[] from;
    private final int[] to;
    private final int[][] inEdges;
    private final int[][] outEdges;
    private final int[] order;
    private final int[] entries;
    private final int[] exits;
    private final double totalMi;

    public DagSpec(List<Component> components, List<Edge> edges) {
        this.components = List.copyOf(Check.present("components", components));
        this.edges = List.copyOf(Check.present("edges", edges));
        int n = this.components.size();
        if (n == 0) {
            throw new ScenarioException("components", "needs at least one component (an entry and an exit)");
        }
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < n; i++) {
            if (index.putIfAbsent(this.components.get(i).name(), i) != null) {
                throw new ScenarioException("components[" + i + "].name", "duplicate component name '"
                        + this.components.get(i).name() + "'");
            }
        }
        int m = this.edges.size();
        this.from = new int[m];
        this.to = new int[m];
        int[] inCount = new int[n];
        int[] outCount = new int[n];
        java.util.Set<Long> seen = new java.util.HashSet<>();
        for (int e = 0; e < m; e++) {
            Edge edge = this.edges.get(e);
            from[e] = endpoint(index, e, "from", edge.from());
            to[e] = endpoint(index, e, "to", edge.to());
            if (from[e] == to[e]) {
                throw new ScenarioException("edges[" + e + "].to", "an edge from '" + edge.from()
                        + "' to itself is a cycle; a workflow is acyclic");
            }
            if (!seen.add((long) from[e] * n + to[e])) {
                throw new ScenarioException("edges[" + e + "]", "duplicate edge " + edge.from() + " -> " + edge.to()
                        + "; give one edge with the total kb");
            }
            outCount[from[e]]++;
            inCount[to[e]]++;
        }
        this.inEdges = new int[n][];
        this.outEdges = new int[n][];
        for (int i = 0; i < n; i++) {
            inEdges[i] = new int[inCount[i]];
            outEdges[i] = new int[outCount[i]];
        }
        int[] fillIn = new int[n];
        int[] fillOut = new int[n];
        for (int e = 0; e < m; e++) {
            outEdges[from[e]][fillOut[from[e]]++] = e;
            inEdges[to[e]][fillIn[to[e]]++] = e;
        }
        this.order = topologicalOrder(n);
        this.entries = java.util.stream.IntStream.range(0, n).filter(i -> inEdges[i].length == 0).toArray();
        this.exits = java.util.stream.IntStream.range(0, n).filter(i -> outEdges[i].length == 0).toArray();
        double sum = 0;
        for (Component c : this.components) {
            sum += c.mi();
        }
        this.totalMi = sum;
    }

    private static int endpoint(Map<String, Integer> index, int e, String key, String name) {
        Integer i = index.get(name);
        if (i == null) {
            throw new ScenarioException("edges[" + e + "]." + key, "unknown component '" + name + "'; components: "
                    + String.join(", ", index.keySet().stream().sorted().toList()));
        }
        return i;
    }

    /** Kahn's algorithm, lowest index first among ready components; a leftover means a cycle, which it names. */
    private int[] topologicalOrder(int n) {
        int[] pending = new int[n];
        java.util.PriorityQueue<Integer> ready = new java.util.PriorityQueue<>();
        for (int i = 0; i < n; i++) {
            pending[i] = inEdges[i].length;
            if (pending[i] == 0) {
                ready.add(i);
            }
        }
        int[] out = new int[n];
        int k = 0;
        while (!ready.isEmpty()) {
            int c = ready.poll();
            out[k++] = c;
            for (int e : outEdges[c]) {
                if (--pending[to[e]] == 0) {
                    ready.add(to[e]);
                }
            }
        }
        if (k < n) {
            throw new ScenarioException("edges", "a workflow is acyclic, but it has the cycle " + cycle(pending));
        }
        return out;
    }

    /** A cycle among the components Kahn's algorithm could not order, as {@code a -> b -> a}. */
    private String cycle(int[] pending) {
        int c = 0;
        while (pending[c] == 0) {
            c++;
        }
        // Walk backwards along inputs that are themselves unordered: the walk must revisit a component.
        int[] seenAt = new int[pending.length];
        Arrays.fill(seenAt, -1);
        List<Integer> walk = new ArrayList<>();
        while (seenAt[c] < 0) {
            seenAt[c] = walk.size();
            walk.add(c);
            int next = -1;
            for (int e : inEdges[c]) {
                if (pending[from[e]] > 0) {
                    next = from[e];
                    break;
                }
            }
            c = next;
        }
        List<Integer> loop = new ArrayList<>(walk.subList(seenAt[c], walk.size()));
        java.util.Collections.reverse(loop);
        StringBuilder s = new StringBuilder();
        for (int i : loop) {
            s.append(components.get(i).name()).append(" -> ");
        }
        return s.append(components.get(loop.get(0)).name()).toString();
    }

    @Override
    public String kind() {
        return "dag";
    }

    public List<Component> components() {
        return components;
    }

    public List<Edge> edges() {
        return edges;
    }

    public int componentCount() {
        return components.size();
    }

    public int edgeCount() {
        return edges.size();
    }

    /** Work (MI) of component {@code i}. */
    public double mi(int i) {
        return components.get(i).mi();
    }

    /** Work (MI) of all components. */
    public double totalMi() {
        return totalMi;
    }

    /** The component edge {@code e} leaves. */
    public int from(int e) {
        return from[e];
    }

    /** The component edge {@code e} enters. */
    public int to(int e) {
        return to[e];
    }

    /** KB edge {@code e} carries. */
    public double kb(int e) {
        return edges.get(e).kb();
    }

    /** Indices of the edges into component {@code i} (a copy). */
    public int[] inEdges(int i) {
        return inEdges[i].clone();
    }

    /** Indices of the edges out of component {@code i} (a copy). */
    public int[] outEdges(int i) {
        return outEdges[i].clone();
    }

    /** Number of edges into component {@code i}. */
    public int inDegree(int i) {
        return inEdges[i].length;
    }

    /** Edge {@code k} (0-based, in edge order) out of component {@code i}. */
    public int outEdge(int i, int k) {
        return outEdges[i][k];
    }

    /** Number of edges out of component {@code i}. */
    public int outDegree(int i) {
        return outEdges[i].length;
    }

    /** The components in a topological order (every edge goes forward; a copy). */
    public int[] topologicalOrder() {
        return order.clone();
    }

    /** Components without inputs: they receive the task's upload from the device (a copy). */
    public int[] entries() {
        return entries.clone();
    }

    /** Components without outputs: each sends the task's result to the device (a copy). */
    public int[] exits() {
        return exits.clone();
    }

    public boolean isEntry(int i) {
        return inEdges[i].length == 0;
    }

    public boolean isExit(int i) {
        return outEdges[i].length == 0;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DagSpec d && d.components.equals(components) && d.edges.equals(edges);
    }

    @Override
    public int hashCode() {
        return components.hashCode() * 31 + edges.hashCode();
    }

    @Override
    public String toString() {
        return "dag " + components.size() + " components, " + edges.size() + " edges";
    }
}
