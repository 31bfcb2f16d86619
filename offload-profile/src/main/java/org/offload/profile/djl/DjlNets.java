package org.offload.profile.djl;

import java.util.List;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.ParallelBlock;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.norm.LayerNorm;
import ai.djl.nn.pooling.Pool;
import ai.djl.nn.recurrent.LSTM;
import ai.djl.nn.transformer.TransformerEncoderBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import org.offload.learn.Djl;
import org.offload.profile.arch.Layer;

/** Builds the DJL block of a {@link Layer} description (random weights once initialised). */
public final class DjlNets {
    private DjlNets() {
    }

    /** Initialises {@code block} for inputs of {@code shape} with random weights (seeded by {@code seed}). */
    public static void initialize(Block block, NDManager manager, long seed, long... shape) {
        Djl.engine().setRandomSeed((int) seed);
        block.initialize(manager, DataType.FLOAT32, new Shape(shape));
    }

    /** Trainable parameters of an initialised block (PyTorch's {@code model.parameters()}). */
    public static long trainableParameters(Block block) {
        long n = 0;
        for (Pair<String, Parameter> p : block.getParameters()) {
            Parameter param = p.getValue();
            if (param.requiresGradient() && param.isInitialized()) {
                NDArray a = param.getArray();
                n += a.size();
            }
        }
        return n;
    }

    public static Block build(Layer layer) {
        if (layer instanceof Layer.Seq s) {
            SequentialBlock b = new SequentialBlock();
            for (Layer l : s.layers()) {
                b.add(build(l));
            }
            return b;
        }
        if (layer instanceof Layer.Residual r) {
            Block shortcut = r.shortcut() == null ? Blocks.identityBlock() : build(r.shortcut());
            ParallelBlock sum = new ParallelBlock(DjlNets::add, List.of(build(r.main()), shortcut));
            if (!r.reluAfter()) {
                return sum;
            }
            return new SequentialBlock().add(sum).add(Activation.reluBlock());
        }
        if (layer instanceof Layer.Conv c) {
            return Conv2d.builder().setFilters(c.filters()).setKernelShape(new Shape(c.kernel(), c.kernel()))
                    .optStride(new Shape(c.stride(), c.stride())).optPadding(new Shape(c.padding(), c.padding()))
                    .optGroups(c.groups()).optBias(c.bias()).build();
        }
        if (layer instanceof Layer.BatchNorm) {
            return BatchNorm.builder().build();
        }
        if (layer instanceof Layer.LayerNorm) {
            return LayerNorm.builder().build();
        }
        if (layer instanceof Layer.Act a) {
            return a.kind() == Layer.Act.Kind.RELU ? Activation.reluBlock() : Activation.relu6Block();
        }
        if (layer instanceof Layer.MaxPool p) {
            return Pool.maxPool2dBlock(new Shape(p.kernel(), p.kernel()), new Shape(p.stride(), p.stride()),
                    new Shape(p.padding(), p.padding()));
        }
        if (layer instanceof Layer.GlobalAvgPool) {
            return Pool.globalAvgPool2dBlock();
        }
        if (layer instanceof Layer.Dense d) {
            return Linear.builder().setUnits(d.units()).optBias(d.bias()).build();
        }
        if (layer instanceof Layer.Flatten) {
            return Blocks.batchFlattenBlock();
        }
        if (layer instanceof Layer.SequenceMean) {
            return new LambdaBlock(x -> new NDList(x.singletonOrThrow().mean(new int[] {1})), "sequence-mean");
        }
        if (layer instanceof Layer.SequenceLast) {
            return new LambdaBlock(x -> new NDList(x.get(0).get(":, -1, :")), "sequence-last");
        }
        if (layer instanceof Layer.Lstm l) {
            return new SequentialBlock()
                    .add(LSTM.builder().setStateSize(l.hidden()).setNumLayers(l.layers()).optBatchFirst(true)
                            .optReturnState(false).build());
        }
        if (layer instanceof Layer.EncoderLayer e) {
            return new EncoderBlock(e.heads(), e.hidden());
        }
        throw new IllegalArgumentException("no DJL block for " + layer);
    }

    private static NDList add(List<NDList> branches) {
        NDArray sum = branches.get(0).singletonOrThrow();
        for (int i = 1; i < branches.size(); i++) {
            sum = sum.add(branches.get(i).singletonOrThrow());
        }
        return new NDList(sum);
    }

    /**
     * DJL's {@link TransformerEncoderBlock}, which needs the model width at construction: created lazily from the
     * input shape when the network is initialised.
     */
    static final class EncoderBlock extends ai.djl.nn.AbstractBlock {
        private final int heads;
        private final int hidden;
        private TransformerEncoderBlock inner;

        EncoderBlock(int heads, int hidden) {
            this.heads = heads;
            this.hidden = hidden;
        }

        @Override
        protected void initializeChildBlocks(ai.djl.ndarray.NDManager manager, ai.djl.ndarray.types.DataType dataType,
                                             Shape... inputShapes) {
            int d = (int) inputShapes[0].get(inputShapes[0].dimension() - 1);
            inner = addChildBlock("encoder", new TransformerEncoderBlock(d, heads, hidden, 0f, Activation::relu));
            inner.initialize(manager, dataType, inputShapes);
        }

        @Override
        protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
                                         ai.djl.util.PairList<String, Object> params) {
            return inner.forward(store, inputs, training, params);
        }

        @Override
        public Shape[] getOutputShapes(Shape[] inputShapes) {
            return inputShapes;
        }
    }
}
