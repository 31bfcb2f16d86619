package org.offload.io;

import java.util.ArrayList;
import java.util.List;

import org.offload.scenario.DagSpec;
import org.offload.scenario.DnnLayerCounter;
import org.offload.scenario.PartitionSpec;

/**
 * Reads an application's {@code kind} and its section (issue 19):
 * <pre>
 * kind: task                      # default: a task runs whole where its decision places it
 * kind: partial                   # a divisible task: the decision's ratio λ runs on the device, the rest on a VM
 * partial: {aggregation_s: 0.01}  #   seconds from both parts finished to the result (default 0)
 * kind: dnn                       # a chain of layers split at the decision's split point
 * dnn:
 *   architecture: resnet18        #   counted by offload-profile: resnet18/34/50/101/152, mobilenet_v2[_W],
 *   input: 224                    #   mlp-d<D>-w<W>, transformer-d<D>-w<W>; input size (default: the family's)
 *   layers:                       #   or inline, instead of architecture:
 *     - {name: conv1, mflop: 236, output_kb: 803}
 *   mi_per_mflop: 1               #   MI of work per MFLOP (default 1: one instruction per floating-point operation)
 * kind: dag                       # a workflow: each component placed on its own (the decision's placement)
 * dag:
 *   components:                   #   name, work (MI, > 0), memory_mb (default: the application's memory_mb)
 *     - {name: capture, mi: 200, memory_mb: 64}
 *   edges:                        #   data (KB) from one component to another; acyclic
 *     - {from: capture, to: detect, kb: 300}
 * </pre>
 * A {@code dnn} or {@code dag} application's {@code task_length_mi} is its layers' or components' sum, so it is not
 * given.
 */
final class ApplicationKinds {
    enum Kind { TASK, PARTIAL, DNN, DAG }

    private static final double DEFAULT_MI_PER_MFLOP = 1;

    private final DnnLayerCounter counter;

    /** {@code counter} null: {@code architecture} is an error naming the module that provides one. */
    ApplicationKinds(DnnLayerCounter counter) {
        this.counter = counter;
    }

    /** The application's partition, or null for kind {@code task}. */
    PartitionSpec partition(Section a) {
        Kind kind = a.choice("kind", Kind.class, Kind.TASK);
        for (Kind other : Kind.values()) {
            String k = other.name().toLowerCase(java.util.Locale.ROOT);
            if (other != kind && other != Kind.TASK && a.has(k)) {
                throw a.error(k, "only allowed with kind: " + k + " (this application is of kind "
                        + kind.name().toLowerCase(java.util.Locale.ROOT) + ")");
            }
        }
        if (kind != Kind.TASK && a.has("model")) {
            throw a.error("model", "not allowed beside kind " + kind.name().toLowerCase(java.util.Locale.ROOT)
                    + " (a model's variants are chosen whole)");
        }
        return switch (kind) {
            case TASK -> null;
            case PARTIAL -> partial(a);
            case DNN -> dnn(a);
            case DAG -> dag(a);
        };
    }

    /** A workflow: components and edges; the graph's own checks (names, cycles) are reported at its keys. */
    private static PartitionSpec dag(Section a) {
        if (a.has("task_length_mi")) {
            throw a.error("task_length_mi", "not allowed beside kind dag (the work is the sum of its components)");
        }
        Section d = a.section("dag").allow("components", "edges");
        List<DagSpec.Component> components = new ArrayList<>();
        for (Section c : d.sections("components")) {
            c.allow("name", "mi", "memory_mb");
            String name = c.text("name");
            double mi = c.number("mi");
            double memory = c.number("memory_mb", Double.NaN);
            components.add(c.build(() -> new DagSpec.Component(name, mi, memory)));
        }
        List<DagSpec.Edge> edges = new ArrayList<>();
        for (Section e : d.has("edges") ? d.sections("edges") : List.<Section>of()) {
            e.allow("from", "to", "kb");
            String from = e.text("from");
            String to = e.text("to");
            double kb = e.number("kb");
            edges.add(e.build(() -> new DagSpec.Edge(from, to, kb)));
        }
        return d.build(() -> new DagSpec(components, edges));
    }

    private static PartitionSpec partial(Section a) {
        if (!a.has("partial")) {
            return new PartitionSpec.Partial(0);
        }
        Section p = a.section("partial").allow("aggregation_s");
        double aggregation = p.number("aggregation_s", 0);
        return p.build(() -> new PartitionSpec.Partial(aggregation));
    }

    private PartitionSpec dnn(Section a) {
        if (a.has("task_length_mi")) {
            throw a.error("task_length_mi", "not allowed beside kind dnn (the work is the sum of its layers)");
        }
        Section d = a.section("dnn").allow("architecture", "input", "layers", "mi_per_mflop");
        double miPerMflop = d.number("mi_per_mflop", DEFAULT_MI_PER_MFLOP);
        if (!(miPerMflop > 0)) {
            throw d.error("mi_per_mflop", "must be > 0, got " + miPerMflop);
        }
        if (d.has("architecture") == d.has("layers")) {
            throw d.error(d.has("layers") ? "layers" : "architecture",
                    "give either architecture (with an optional input) or inline layers, not " + (d.has("layers")
                            ? "both" : "neither"));
        }
        List<PartitionSpec.DnnLayer> layers = new ArrayList<>();
        String source;
        if (d.has("layers")) {
            if (d.has("input")) {
                throw d.error("input", "only allowed with architecture");
            }
            source = "inline";
            for (Section l : d.sections("layers")) {
                l.allow("name", "mflop", "output_kb");
                String name = l.text("name", "layer" + (layers.size() + 1));
                double mflop = l.number("mflop");
                double out = l.number("output_kb");
                layers.add(l.build(() -> new PartitionSpec.DnnLayer(name, mflop * miPerMflop, out)));
            }
        } else {
            String arch = d.text("architecture");
            int input = d.integer("input", 0);
            if (counter == null) {
                throw d.error("architecture", "needs the offload-profile module on the class path (it counts the "
                        + "layers); give inline layers instead");
            }
            List<DnnLayerCounter.LayerCount> counted;
            try {
                counted = counter.count(arch, input);
            } catch (IllegalArgumentException e) {
                throw d.error("architecture", e.getMessage());
            }
            for (DnnLayerCounter.LayerCount c : counted) {
                layers.add(new PartitionSpec.DnnLayer(c.name(), c.mflop() * miPerMflop, c.outputKb()));
            }
            source = arch + (input > 0 ? " input " + input : "");
        }
        PartitionSpec.Dnn dnn = d.build(() -> new PartitionSpec.Dnn(source, layers));
        if (!(dnn.totalMi() > 0)) {
            throw d.error("layers", "the layers' total work must be > 0");
        }
        return dnn;
    }
}
