package org.offload.policy.learned;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small trained multilayer perceptron: input normalisation, dense layers with ReLU between them, and a softmax
 * or linear output. Immutable and shareable between threads; evaluate it through a {@link Runner}, which owns
 * preallocated buffers so a forward pass allocates nothing.
 *
 * <p>Arithmetic is single precision, as in the framework that trained the weights (DJL/PyTorch, float32); results
 * match it to about 1e-6. Each layer is computed as {@code out += x[i] * W[i][.]} over the inputs, four input rows per
 * update of the outputs. Two kernels compute it with the same float operations in the same order, so they give the
 * same bits: a portable one (one weight array per input, a loop the JIT vectorises) and, when the JVM runs with
 * {@code --add-modules jdk.incubator.vector}, one on the JDK's Vector API ({@link #vectorised()}; the 64-32-16 tier
 * network's pass takes about half the time).
 *
 * <p>Stored as text in the {@code offload-mlp 1} format read and written by {@link MlpFormat}.
 */
public final class Mlp {
    /** Activation after a layer. */
    public enum Activation { RELU, LINEAR }

    /** Output transform after the last layer. */
    public enum Output { SOFTMAX, LINEAR }

    /** One dense layer: {@code weights[out][in]} as trained (row j feeds output j) and {@code bias[out]}. */
    public record Layer(int in, int out, float[][] weights, float[] bias, Activation activation) {
        public Layer {
            if (in < 1 || out < 1) {
                throw new IllegalArgumentException("layer needs in, out >= 1, got " + in + ", " + out);
            }
            if (weights.length != out || bias.length != out) {
                throw new IllegalArgumentException("layer " + in + "x" + out + ": " + weights.length
                        + " weight rows and " + bias.length + " biases");
            }
            for (float[] row : weights) {
                if (row.length != in) {
                    throw new IllegalArgumentException("layer " + in + "x" + out + ": a weight row has "
                            + row.length + " values");
                }
            }
        }
    }

    private final String name;
    private final Map<String, String> meta;
    private final List<String> features;
    private final float[] mean;
    private final float[] invStd;
    private final float[] std;
    private final List<String> classes;
    private final Output output;
    private final List<Layer> layers;
    /**
     * Per layer, one array of weights per input: {@code wt[l][i][j]} feeds input i to output j. Separate rows let
     * the JIT vectorise the update of all outputs from one input: with one flat array, the output buffer and
     * the weights could be the same array at different offsets, which keeps the loop scalar.
     */
    private final float[][][] wt;
    /** The layers as an array: the forward pass reads them without going through the list's interface calls. */
    private final Layer[] layerArray;
    /** Per layer, the weights flat by input: {@code flat[l][i * out + j]} (the vector kernel's layout). */
    private final float[][] flat;
    private final int maxWidth;

    /** Whether runners use the Vector API kernel: the module is enabled and the platform has wide enough vectors. */
    private static final boolean VECTOR = detectVector();

    public Mlp(String name, Map<String, String> meta, List<String> features, float[] mean, float[] std,
               List<String> classes, Output output, List<Layer> layers) {
        this.name = name;
        this.meta = Collections.unmodifiableMap(new LinkedHashMap<>(meta));
        this.features = List.copyOf(features);
        int n = features.size();
        if (layers.isEmpty()) {
            throw new IllegalArgumentException(name + ": no layers");
        }
        if (mean.length != n || std.length != n) {
            throw new IllegalArgumentException(name + ": " + n + " features but " + mean.length + " means and "
                    + std.length + " stds");
        }
        this.mean = mean.clone();
        this.std = std.clone();
        this.invStd = new float[n];
        for (int i = 0; i < n; i++) {
            if (!(std[i] > 0)) {
                throw new IllegalArgumentException(name + ": std of feature " + features.get(i) + " is " + std[i]);
            }
            invStd[i] = 1f / std[i];
        }
        this.classes = List.copyOf(classes);
        this.output = output;
        this.layers = List.copyOf(layers);
        int prev = n;
        int widest = n;
        this.layerArray = layers.toArray(new Layer[0]);
        this.wt = new float[layers.size()][][];
        this.flat = new float[layers.size()][];
        for (int l = 0; l < layers.size(); l++) {
            Layer layer = layers.get(l);
            if (layer.in() != prev) {
                throw new IllegalArgumentException(name + ": layer " + (l + 1) + " takes " + layer.in()
                        + " inputs but receives " + prev);
            }
            float[][] t = new float[layer.in()][layer.out()];
            float[] f = new float[layer.in() * layer.out()];
            for (int j = 0; j < layer.out(); j++) {
                for (int i = 0; i < layer.in(); i++) {
                    t[i][j] = layer.weights()[j][i];
                    f[i * layer.out() + j] = t[i][j];
                }
            }
            wt[l] = t;
            flat[l] = f;
            prev = layer.out();
            widest = Math.max(widest, prev);
        }
        if (!classes.isEmpty() && classes.size() != prev) {
            throw new IllegalArgumentException(name + ": " + classes.size() + " class names for " + prev
                    + " outputs");
        }
        this.maxWidth = widest;
    }

    public String name() {
        return name;
    }

    public Map<String, String> meta() {
        return meta;
    }

    public List<String> features() {
        return features;
    }

    public int inputs() {
        return features.size();
    }

    public int outputs() {
        return layers.get(layers.size() - 1).out();
    }

    public List<String> classes() {
        return classes;
    }

    public Output output() {
        return output;
    }

    public List<Layer> layers() {
        return layers;
    }

    public float[] mean() {
        return mean.clone();
    }

    public float[] std() {
        return std.clone();
    }

    /** A new evaluator with its own buffers (not thread-safe; one per policy instance). */
    public Runner runner() {
        return new Runner(VECTOR);
    }

    /** A runner on the chosen kernel (tests and benchmarks); the vector one only if {@link #vectorised()}. */
    Runner runner(boolean vector) {
        if (vector && !VECTOR) {
            throw new IllegalStateException("the Vector API kernel is not available in this JVM");
        }
        return new Runner(vector);
    }

    /**
     * Whether forward passes use the Vector API kernel: true when the JVM was started with
     * {@code --add-modules jdk.incubator.vector} on a platform with float vectors of at least four lanes. Either
     * kernel gives the same results.
     */
    public static boolean vectorised() {
        return VECTOR;
    }

    private static boolean detectVector() {
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
            return false;
        }
        try {
            return VectorDense.worthwhile();
        } catch (LinkageError e) {
            return false;
        }
    }

    /** Evaluates the network; owns the buffers of one forward pass. */
    public final class Runner {
        private final float[] a = new float[maxWidth];
        private final float[] b = new float[maxWidth];
        private final float[] out = new float[outputs()];
        private final float[] pre = new float[layerArray[0].out()];
        private final float[] xin = new float[mean.length];
        private int fixed = -1;
        private final boolean vector;

        private Runner(boolean vector) {
            this.vector = vector;
        }

        /**
         * Forward pass of raw (unnormalised) features {@code x} (length {@link #inputs()}). Returns a buffer
         * owned by this runner, overwritten by the next call.
         */
        public float[] run(float[] x) {
            return forward(x, true);
        }

        /**
         * {@link #run} without the output transform: the last layer's values (logits before a softmax), which rank
         * the outputs in the same order as the probabilities, for a caller that only needs the ranking.
         */
        public float[] scores(float[] x) {
            return forward(x, false);
        }

        private float[] forward(float[] x, boolean transform) {
            Layer first = layerArray[0];
            normalise(x, 0, mean.length);
            System.arraycopy(first.bias(), 0, b, 0, first.out());
            dense(0, xin, 0, mean.length, b);
            return finish(transform);
        }

        /**
         * Fixes inputs {@code [0, count)} to {@code x}'s values for the following {@link #runPrepared} calls, which
         * then only add the contribution of the other inputs to the first layer. For scoring many candidates that
         * share a prefix of features; equals {@link #run} up to float rounding (the additions are grouped
         * differently).
         */
        public void prepare(float[] x, int count) {
            if (count < 0 || count > mean.length) {
                throw new IllegalArgumentException("prefix " + count + " of " + mean.length + " inputs");
            }
            Layer first = layerArray[0];
            normalise(x, 0, count);
            System.arraycopy(first.bias(), 0, pre, 0, first.out());
            dense(0, xin, 0, count, pre);
            fixed = count;
        }

        /** {@link #run} for {@code x} whose first inputs are those given to the last {@link #prepare}. */
        public float[] runPrepared(float[] x) {
            if (fixed < 0) {
                throw new IllegalStateException("runPrepared before prepare");
            }
            Layer first = layerArray[0];
            normalise(x, fixed, mean.length);
            System.arraycopy(pre, 0, b, 0, first.out());
            dense(0, xin, fixed, mean.length, b);
            return finish(true);
        }

        /**
         * The first layer's weighted sum over inputs {@code [from, to)} of {@code x} alone (no bias) into {@code dst}
         * (length: the first layer's width), for caching the part of the inputs that several calls share.
         */
        public void firstLayerPart(float[] x, int from, int to, float[] dst) {
            Layer first = layerArray[0];
            normalise(x, from, to);
            java.util.Arrays.fill(dst, 0, first.out(), 0f);
            dense(0, xin, from, to, dst);
        }

        /**
         * {@link #runPrepared} with the first layer's sum over the remaining inputs given as {@code part} (from
         * {@link #firstLayerPart} over {@code [prefix, inputs)}); equals {@link #run} up to float rounding.
         */
        public float[] runPreparedWith(float[] part) {
            if (fixed < 0) {
                throw new IllegalStateException("runPreparedWith before prepare");
            }
            int o = layerArray[0].out();
            for (int j = 0; j < o; j++) {
                b[j] = pre[j] + part[j];
            }
            return finish(true);
        }

        /** Width of the first layer. */
        public int firstWidth() {
            return layerArray[0].out();
        }

        /** Layer {@code l}'s weighted sum over inputs {@code [from, to)} of {@code x}, added to {@code y}. */
        private void dense(int l, float[] x, int from, int to, float[] y) {
            int o = layerArray[l].out();
            if (o == 1) {
                accumulateOne(x, from, to, wt[l], y);
            } else if (vector) {
                VectorDense.accumulate(x, from, to, flat[l], wt[l], o, y);
            } else {
                accumulate(x, from, to, wt[l], 0, o, y);
            }
        }

        private void normalise(float[] x, int from, int to) {
            for (int i = from; i < to; i++) {
                xin[i] = (x[i] - mean[i]) * invStd[i];
            }
        }

        /** Layers after the first one's weighted sum (which is in {@code b}). */
        private float[] finish(boolean transform) {
            float[] cur = b;
            float[] next = a;
            for (int l = 0; l < wt.length; l++) {
                Layer layer = layerArray[l];
                int o = layer.out();
                boolean relu = layer.activation() == Activation.RELU;
                if (l > 0) {
                    if (vector && o > 1) {
                        // bias and activation in the same pass over the outputs
                        VectorDense.accumulate(cur, 0, layer.in(), flat[l], wt[l], o, layer.bias(), relu, next);
                        relu = false;
                    } else {
                        System.arraycopy(layer.bias(), 0, next, 0, o);
                        dense(l, cur, 0, layer.in(), next);
                    }
                    float[] t = cur;
                    cur = next;
                    next = t;
                }
                if (relu) {
                    for (int j = 0; j < o; j++) {
                        cur[j] = Math.max(cur[j], 0f);
                    }
                }
            }
            System.arraycopy(cur, 0, out, 0, out.length);
            if (transform && output == Output.SOFTMAX) {
                softmax(out);
            }
            return out;
        }
    }

    /**
     * {@code y[j] += x[i] * W[i][j]} for inputs {@code i} in {@code [from, to)} and outputs {@code j} in
     * {@code [j0, o)}, four input rows per update of {@code y}: {@code y + ((r0 + r1) + (r2 + r3))}. Zero inputs
     * (about half of a ReLU layer's outputs) are not skipped: which ones are zero changes from call to call, and the
     * mispredicted branches cost more than the multiplications they save.
     */
    static void accumulate(float[] x, int from, int to, float[][] w, int j0, int o, float[] y) {
        int k = from;
        for (; k + 3 < to; k += 4) {
            float x0 = x[k];
            float x1 = x[k + 1];
            float x2 = x[k + 2];
            float x3 = x[k + 3];
            float[] r0 = w[k];
            float[] r1 = w[k + 1];
            float[] r2 = w[k + 2];
            float[] r3 = w[k + 3];
            for (int j = j0; j < o; j++) {
                y[j] += (x0 * r0[j] + x1 * r1[j]) + (x2 * r2[j] + x3 * r3[j]);
            }
        }
        for (; k < to; k++) {
            float x0 = x[k];
            float[] r0 = w[k];
            for (int j = j0; j < o; j++) {
                y[j] += x0 * r0[j];
            }
        }
    }

    /** {@link #accumulate} for a single output (a score): the same sums, without inner loops of length one. */
    private static void accumulateOne(float[] x, int from, int to, float[][] w, float[] y) {
        float s = y[0];
        int k = from;
        for (; k + 3 < to; k += 4) {
            s += (x[k] * w[k][0] + x[k + 1] * w[k + 1][0]) + (x[k + 2] * w[k + 2][0] + x[k + 3] * w[k + 3][0]);
        }
        for (; k < to; k++) {
            s += x[k] * w[k][0];
        }
        y[0] = s;
    }

    /** In-place softmax, stable for large logits. */
    static void softmax(float[] v) {
        float max = Float.NEGATIVE_INFINITY;
        for (float f : v) {
            max = Math.max(max, f);
        }
        float sum = 0;
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) Math.exp(v[i] - max);
            sum += v[i];
        }
        for (int i = 0; i < v.length; i++) {
            v[i] /= sum;
        }
    }
}
