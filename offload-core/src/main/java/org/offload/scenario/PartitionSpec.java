package org.offload.scenario;

import java.util.List;

/**
 * What makes an application's tasks divisible (issue 19), or null on an {@link ApplicationSpec} for a plain
 * {@code task}. A policy divides a task with the {@link org.offload.model.Partition} of its decision.
 */
public sealed interface PartitionSpec permits PartitionSpec.Partial, PartitionSpec.Dnn, DagSpec {
    /** The application kind as the scenario file names it: {@code partial}, {@code dnn} or {@code dag}. */
    String kind();

    /**
     * A divisible task: a share λ of its work runs on the device and the rest, with the same share of its upload,
     * on a VM in parallel; the result is ready {@code aggregationS} after both parts finished (only when both parts
     * have work: λ = 0 and λ = 1 are the plain task's full offloading and local execution).
     */
    record Partial(double aggregationS) implements PartitionSpec {
        public Partial {
            Check.nonNegative("partial.aggregation_s", aggregationS);
        }

        @Override
        public String kind() {
            return "partial";
        }
    }

    /**
     * A chain of DNN layers (or blocks that are split as a unit): the device runs layers {@code 1..k}, the output of
     * layer {@code k} is uploaded, the VM runs the rest. The application's {@code task_length_mi} is the layers' sum
     * and its {@code upload_kb} the network's input (the activation of "layer 0").
     *
     * @param source where the table came from: {@code inline} or the architecture name and input size
     * @param layers the layers in execution order, at least one
     */
    record Dnn(String source, List<DnnLayer> layers) implements PartitionSpec {
        public Dnn {
            Check.present("dnn.source", source);
            layers = List.copyOf(Check.present("dnn.layers", layers));
            if (layers.isEmpty()) {
                throw new ScenarioException("dnn.layers", "needs at least one layer");
            }
        }

        @Override
        public String kind() {
            return "dnn";
        }

        public int layerCount() {
            return layers.size();
        }

        /** Work (MI) of layers {@code 1..k}. */
        public double prefixMi(int k) {
            double s = 0;
            for (int i = 0; i < k; i++) {
                s += layers.get(i).mi();
            }
            return s;
        }

        /** Work (MI) of all layers. */
        public double totalMi() {
            return prefixMi(layers.size());
        }

        /** KB crossing the network when the split is after layer {@code k} ({@code k >= 1}). */
        public double activationKb(int k) {
            return layers.get(k - 1).outputKb();
        }
    }

    /**
     * One layer (or block) of a {@link Dnn}.
     *
     * @param name     for messages and traces
     * @param mi       its work (MI: the scenario's MFLOP times its {@code mi_per_mflop})
     * @param outputKb size of its output activation (KB)
     */
    record DnnLayer(String name, double mi, double outputKb) {
        public DnnLayer {
            Check.present("name", name);
            Check.nonNegative("mi", mi);
            Check.nonNegative("output_kb", outputKb);
        }
    }
}
