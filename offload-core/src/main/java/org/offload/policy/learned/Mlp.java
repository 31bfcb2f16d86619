package org.offload.policy.learned;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
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
 * <h2>File format ({@code offload-mlp 1}, UTF-8 text)</h2>
 * Whitespace-separated tokens, one record per line; blank lines and lines starting with {@code #} are ignored.
 * <pre>
 * offload-mlp 1
 * name tier-nn                      # what the network is for (tier-nn or vm-nn)
 * meta KEY VALUE...                 # provenance, free text, any number (labels, seed, epochs, accuracy...)
 * features N f1 ... fN              # input names, in order
 * mean m1 ... mN                    # normalisation: x' = (x - mean) / std
 * std s1 ... sN
 * classes K c1 ... cK               # output names (optional)
 * output softmax|linear
 * layer IN OUT relu|linear          # then OUT lines "w" with IN weights each (row j feeds output j)
 * w ...                             #   and one line "b" with OUT biases
 * b ...
 * </pre>
 * Layers follow in order; the first's IN is N and each IN equals the previous OUT. Numbers are written so that
 * reading them back gives the same float bits; every number must be finite (NaN, Infinity and values beyond
 * the float range are refused).
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

    // ------------------------------------------------------------------ file format

    /** The model as {@code offload-mlp 1} text. */
    public String toText() {
        StringBuilder s = new StringBuilder(64 * 1024);
        s.append("# Offload MLP weights; format: org.offload.policy.learned.Mlp\n");
        s.append("offload-mlp 1\n");
        s.append("name ").append(name).append('\n');
        for (Map.Entry<String, String> e : meta.entrySet()) {
            s.append("meta ").append(e.getKey()).append(' ').append(e.getValue().replace('\n', ' ')).append('\n');
        }
        s.append("features ").append(features.size());
        features.forEach(f -> s.append(' ').append(f));
        s.append('\n');
        row(s, "mean", mean);
        row(s, "std", std);
        if (!classes.isEmpty()) {
            s.append("classes ").append(classes.size());
            classes.forEach(c -> s.append(' ').append(c));
            s.append('\n');
        }
        s.append("output ").append(output.name().toLowerCase(Locale.ROOT)).append('\n');
        for (Layer l : layers) {
            s.append("layer ").append(l.in()).append(' ').append(l.out()).append(' ')
                    .append(l.activation().name().toLowerCase(Locale.ROOT)).append('\n');
            for (float[] w : l.weights()) {
                row(s, "w", w);
            }
            row(s, "b", l.bias());
        }
        return s.toString();
    }

    private static void row(StringBuilder s, String key, float[] v) {
        s.append(key);
        for (float f : v) {
            s.append(' ').append(Float.toString(f));
        }
        s.append('\n');
    }

    public void save(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.writeString(file, toText(), StandardCharsets.UTF_8);
    }

    public static Mlp load(Path file) throws IOException {
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return parse(r, file.toString());
        }
    }

    /** Loads a model shipped as a classpath resource (absolute name, no leading slash). */
    public static Mlp loadResource(String name) {
        try (InputStream in = Mlp.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("model resource " + name + " is missing from the classpath");
            }
            return parse(new InputStreamReader(in, StandardCharsets.UTF_8), name);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read model resource " + name, e);
        }
    }

    public static Mlp parse(String text, String source) {
        try {
            return parse(new StringReader(text), source);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Parses {@code offload-mlp 1} text; errors name the source and line. */
    public static Mlp parse(Reader reader, String source) throws IOException {
        BufferedReader in = new BufferedReader(reader);
        String name = null;
        Map<String, String> meta = new LinkedHashMap<>();
        List<String> features = null;
        float[] mean = null;
        float[] std = null;
        List<String> classes = List.of();
        Output output = Output.LINEAR;
        List<Layer> layers = new ArrayList<>();
        boolean header = false;
        int lineNo = 0;
        // state of the layer being read
        int lIn = 0;
        int lOut = 0;
        Activation lAct = null;
        float[][] lW = null;
        int lRows = 0;
        String line;
        while ((line = in.readLine()) != null) {
            lineNo++;
            String t = line.strip();
            if (t.isEmpty() || t.startsWith("#")) {
                continue;
            }
            String[] tok = t.split("\\s+");
            String where = source + ":" + lineNo;
            try {
                if (!header) {
                    if (!tok[0].equals("offload-mlp") || tok.length != 2 || !tok[1].equals("1")) {
                        throw new IllegalArgumentException("expected 'offload-mlp 1', got '" + t + "'");
                    }
                    header = true;
                    continue;
                }
                if (lW != null && lRows < lOut && !tok[0].equals("w")) {
                    throw new IllegalArgumentException("layer needs " + lOut + " 'w' rows, got " + lRows);
                }
                switch (tok[0]) {
                    case "name" -> name = t.substring(4).strip();
                    case "meta" -> {
                        if (tok.length < 2) {
                            throw new IllegalArgumentException("meta needs a key");
                        }
                        String rest = t.substring(4).strip();
                        int sp = rest.indexOf(' ');
                        meta.put(sp < 0 ? rest : rest.substring(0, sp), sp < 0 ? "" : rest.substring(sp + 1).strip());
                    }
                    case "features" -> features = names(tok);
                    case "classes" -> classes = names(tok);
                    case "mean" -> mean = floats(tok, features == null ? -1 : features.size());
                    case "std" -> std = floats(tok, features == null ? -1 : features.size());
                    case "output" -> {
                        if (tok.length != 2) {
                            throw new IllegalArgumentException("expected 'output softmax' or 'output linear'");
                        }
                        output = choice(Output.class, tok[1], "output", "softmax or linear");
                    }
                    case "layer" -> {
                        if (tok.length != 4) {
                            throw new IllegalArgumentException("expected 'layer IN OUT ACTIVATION'");
                        }
                        lIn = count(tok[1], "layer IN", 1);
                        lOut = count(tok[2], "layer OUT", 1);
                        lAct = choice(Activation.class, tok[3], "layer activation", "relu or linear");
                        lW = new float[lOut][];
                        lRows = 0;
                    }
                    case "w" -> {
                        if (lW == null || lRows >= lOut) {
                            throw new IllegalArgumentException("'w' row outside a layer or beyond its " + lOut
                                    + " rows");
                        }
                        lW[lRows++] = floats(tok, lIn);
                    }
                    case "b" -> {
                        if (lW == null) {
                            throw new IllegalArgumentException("'b' outside a layer");
                        }
                        layers.add(new Layer(lIn, lOut, lW, floats(tok, lOut), lAct));
                        lW = null;
                    }
                    default -> throw new IllegalArgumentException("unknown record '" + tok[0] + "'");
                }
            } catch (RuntimeException e) {
                throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
            }
        }
        if (!header) {
            throw new IllegalArgumentException(source + ": not an offload-mlp file (empty)");
        }
        if (lW != null) {
            throw new IllegalArgumentException(source + ": last layer has no 'b' line");
        }
        if (features == null) {
            throw new IllegalArgumentException(source + ": no 'features' line");
        }
        if (mean == null) {
            mean = new float[features.size()];
        }
        if (std == null) {
            std = new float[features.size()];
            Arrays.fill(std, 1f);
        }
        try {
            return new Mlp(name == null ? "mlp" : name, meta, features, mean, std, classes, output, layers);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(source + ": " + e.getMessage(), e);
        }
    }

    private static List<String> names(String[] tok) {
        if (tok.length < 2) {
            throw new IllegalArgumentException("expected '" + tok[0] + " N NAME...'");
        }
        int n = count(tok[1], tok[0] + " count", 0);
        if (tok.length != n + 2) {
            throw new IllegalArgumentException(tok[0] + ": count " + n + " but " + (tok.length - 2) + " names");
        }
        return List.of(Arrays.copyOfRange(tok, 2, tok.length));
    }

    private static float[] floats(String[] tok, int expected) {
        if (expected >= 0 && tok.length - 1 != expected) {
            throw new IllegalArgumentException(tok[0] + ": expected " + expected + " values, got " + (tok.length - 1));
        }
        float[] v = new float[tok.length - 1];
        for (int i = 0; i < v.length; i++) {
            v[i] = finite(tok[i + 1], tok[0] + " value " + (i + 1));
        }
        return v;
    }

    /** {@code s} as a finite float; {@code what} names the value in the error. */
    private static float finite(String s, String what) {
        float f;
        try {
            f = Float.parseFloat(s);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(what + ": '" + s + "' is not a number");
        }
        if (!Float.isFinite(f)) {
            boolean literal = Float.isNaN(f) || s.toLowerCase(Locale.ROOT).contains("inf");
            throw new IllegalArgumentException(what + ": '" + s + "' is "
                    + (literal ? "not a finite number" : "too large for a float (at most about 3.4e38 in size)")
                    + "; NaN and Infinity are not allowed");
        }
        return f;
    }

    /** {@code s} as a whole number {@code >= min}; {@code what} names the count in the error. */
    private static int count(String s, String what, int min) {
        int n;
        try {
            n = Integer.parseInt(s);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(what + ": '" + s + "' is not a whole number");
        }
        if (n < min) {
            throw new IllegalArgumentException(what + " must be >= " + min + ", got " + n);
        }
        return n;
    }

    /** The constant of {@code type} named {@code s} (any case); else an error listing {@code allowed}. */
    private static <E extends Enum<E>> E choice(Class<E> type, String s, String what, String allowed) {
        for (E e : type.getEnumConstants()) {
            if (e.name().equalsIgnoreCase(s)) {
                return e;
            }
        }
        throw new IllegalArgumentException(what + " must be " + allowed + ", got '" + s + "'");
    }
}
