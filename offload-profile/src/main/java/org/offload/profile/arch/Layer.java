package org.offload.profile.arch;

import java.util.List;

/**
 * A network described layer by layer, independently of any deep-learning library: the same description is counted
 * (parameters, multiply-accumulates) by {@link #count} and built into a DJL block by
 * {@code org.offload.profile.djl.DjlNets}, so the counts describe exactly the network that was timed.
 *
 * <p>Counting conventions: parameters are the trainable ones (weights and biases; batch-norm gamma and beta, not
 * its running statistics), as {@code sum(p.numel() for p in model.parameters())} in PyTorch. MACs are the
 * multiply-accumulates of convolutions, linear layers, attention matrix products and LSTM gate products for one
 * sample; FLOPs = 2 x MACs. Normalisation, activations, pooling, softmax and additions are not counted (under 1%
 * of the MACs for these networks), the convention of torchvision's published "GFLOPS".
 */
public sealed interface Layer {
    /** Parameters, MACs and output shape of this layer for one sample of shape {@code in}. */
    Count count(Shape in);

    /** Totals of a layer or network. */
    record Count(long params, long macs, Shape out) {
        public long flops() {
            return 2 * macs;
        }
    }

    /** 2-D convolution over (C, H, W); {@code groups == in channels} is depthwise. */
    record Conv(int filters, int kernel, int stride, int padding, int groups, boolean bias) implements Layer {
        @Override
        public Count count(Shape in) {
            long c = in.dim(0);
            if (c % groups != 0 || filters % groups != 0) {
                throw new IllegalArgumentException("channels " + c + " -> " + filters + " not divisible by groups " + groups);
            }
            long h = (in.dim(1) + 2L * padding - kernel) / stride + 1;
            long w = (in.dim(2) + 2L * padding - kernel) / stride + 1;
            long perOut = c / groups * kernel * kernel;
            long params = filters * perOut + (bias ? filters : 0);
            return new Count(params, filters * h * w * perOut, Shape.of(filters, h, w));
        }
    }

    /** Batch normalisation over channels (dimension 0). */
    record BatchNorm() implements Layer {
        @Override
        public Count count(Shape in) {
            return new Count(2 * in.dim(0), 0, in);
        }
    }

    /** Layer normalisation over the last dimension. */
    record LayerNorm() implements Layer {
        @Override
        public Count count(Shape in) {
            return new Count(2 * in.dim(in.rank() - 1), 0, in);
        }
    }

    /** Element-wise activation. */
    record Act(Kind kind) implements Layer {
        public enum Kind { RELU, RELU6 }

        @Override
        public Count count(Shape in) {
            return new Count(0, 0, in);
        }
    }

    /** Max pooling over (C, H, W). */
    record MaxPool(int kernel, int stride, int padding) implements Layer {
        @Override
        public Count count(Shape in) {
            long h = (in.dim(1) + 2L * padding - kernel) / stride + 1;
            long w = (in.dim(2) + 2L * padding - kernel) / stride + 1;
            return new Count(0, 0, Shape.of(in.dim(0), h, w));
        }
    }

    /** Global average pooling: (C, H, W) to (C). */
    record GlobalAvgPool() implements Layer {
        @Override
        public Count count(Shape in) {
            return new Count(0, 0, Shape.of(in.dim(0)));
        }
    }

    /** Fully connected over the last dimension (applied to every position of a sequence). */
    record Dense(int units, boolean bias) implements Layer {
        @Override
        public Count count(Shape in) {
            long f = in.dim(in.rank() - 1);
            long positions = in.size() / f;
            long params = f * units + (bias ? units : 0);
            return new Count(params, positions * f * units, in.withLast(units));
        }
    }

    /** Flattens to one dimension. */
    record Flatten() implements Layer {
        @Override
        public Count count(Shape in) {
            return new Count(0, 0, Shape.of(in.size()));
        }
    }

    /** Mean over the sequence: (S, F) to (F). */
    record SequenceMean() implements Layer {
        @Override
        public Count count(Shape in) {
            return new Count(0, 0, Shape.of(in.dim(1)));
        }
    }

    /** Last position of a sequence: (S, F) to (F). */
    record SequenceLast() implements Layer {
        @Override
        public Count count(Shape in) {
            return new Count(0, 0, Shape.of(in.dim(1)));
        }
    }

    /**
     * Multi-layer LSTM over (S, F), batch first, returning the sequence (S, hidden). PyTorch's parameterisation:
     * per layer W_ih (4h x in), W_hh (4h x h) and two bias vectors of 4h.
     */
    record Lstm(int hidden, int layers) implements Layer {
        @Override
        public Count count(Shape in) {
            long s = in.dim(0);
            long f = in.dim(1);
            long params = 0;
            long macs = 0;
            for (int l = 0; l < layers; l++) {
                long inputs = l == 0 ? f : hidden;
                params += 4L * hidden * (inputs + hidden) + 8L * hidden;
                macs += s * 4L * hidden * (inputs + hidden);
            }
            return new Count(params, macs, Shape.of(s, hidden));
        }
    }

    /**
     * One post-norm transformer encoder layer over (S, d) as DJL's {@code TransformerEncoderBlock}: multi-head
     * self-attention (query, key, value and output projections, with biases), add and layer norm, a two-layer
     * ReLU feed-forward of width {@code hidden}, add and layer norm. MACs: 4 S d^2 projections, 2 S^2 d for the
     * attention products, 2 S d h feed-forward.
     */
    record EncoderLayer(int heads, int hidden) implements Layer {
        @Override
        public Count count(Shape in) {
            long s = in.dim(0);
            long d = in.dim(1);
            if (d % heads != 0) {
                throw new IllegalArgumentException("model width " + d + " not divisible by " + heads + " heads");
            }
            long params = 4 * (d * d + d) + 2 * (2 * d) + (d * hidden + hidden) + (hidden * d + d);
            long macs = 4 * s * d * d + 2 * s * s * d + 2 * s * d * hidden;
            return new Count(params, macs, in);
        }
    }

    /** Layers in order. */
    record Seq(List<Layer> layers) implements Layer {
        public Seq {
            layers = List.copyOf(layers);
        }

        public static Seq of(Layer... layers) {
            return new Seq(List.of(layers));
        }

        @Override
        public Count count(Shape in) {
            long params = 0;
            long macs = 0;
            Shape s = in;
            for (Layer l : layers) {
                Count c = l.count(s);
                params += c.params;
                macs += c.macs;
                s = c.out;
            }
            return new Count(params, macs, s);
        }
    }

    /** {@code main(x) + shortcut(x)} ({@code shortcut == null}: identity), then an optional ReLU. */
    record Residual(Layer main, Layer shortcut, boolean reluAfter) implements Layer {
        @Override
        public Count count(Shape in) {
            Count m = main.count(in);
            Count s = shortcut == null ? new Count(0, 0, in) : shortcut.count(in);
            if (!m.out.equals(s.out)) {
                throw new IllegalArgumentException("residual branches differ: " + m.out + " vs " + s.out);
            }
            return new Count(m.params + s.params, m.macs + s.macs, m.out);
        }
    }
}
