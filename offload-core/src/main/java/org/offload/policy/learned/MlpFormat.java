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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The text file format of an {@link Mlp}: what {@code offload train} writes and the dl-tier policies and the AIGC
 * checkpoints read.
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
public final class MlpFormat {
    private MlpFormat() {
    }

    /** {@code m} as {@code offload-mlp 1} text. */
    public static String toText(Mlp m) {
        StringBuilder s = new StringBuilder(64 * 1024);
        // the first line names the class the format began in; kept so that retrained models stay byte-identical
        s.append("# Offload MLP weights; format: org.offload.policy.learned.Mlp\n");
        s.append("offload-mlp 1\n");
        s.append("name ").append(m.name()).append('\n');
        for (Map.Entry<String, String> e : m.meta().entrySet()) {
            s.append("meta ").append(e.getKey()).append(' ').append(e.getValue().replace('\n', ' ')).append('\n');
        }
        s.append("features ").append(m.features().size());
        m.features().forEach(f -> s.append(' ').append(f));
        s.append('\n');
        row(s, "mean", m.mean());
        row(s, "std", m.std());
        if (!m.classes().isEmpty()) {
            s.append("classes ").append(m.classes().size());
            m.classes().forEach(c -> s.append(' ').append(c));
            s.append('\n');
        }
        s.append("output ").append(m.output().name().toLowerCase(Locale.ROOT)).append('\n');
        for (Mlp.Layer l : m.layers()) {
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

    /** Writes {@code m} to {@code file} (parent directories are created). */
    public static void save(Mlp m, Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.writeString(file, toText(m), StandardCharsets.UTF_8);
    }

    /** Reads a model file; errors name the file and line. */
    public static Mlp load(Path file) throws IOException {
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return parse(r, file.toString());
        }
    }

    /** Loads a model shipped as a classpath resource (absolute name, no leading slash). */
    public static Mlp loadResource(String name) {
        try (InputStream in = MlpFormat.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("model resource " + name + " is missing from the classpath");
            }
            return parse(new InputStreamReader(in, StandardCharsets.UTF_8), name);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read model resource " + name, e);
        }
    }

    /** Parses {@code offload-mlp 1} text; {@code source} names it in errors. */
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
        Parser p = new Parser();
        int lineNo = 0;
        String line;
        while ((line = in.readLine()) != null) {
            lineNo++;
            String t = line.strip();
            if (t.isEmpty() || t.startsWith("#")) {
                continue;
            }
            try {
                p.record(t);
            } catch (RuntimeException e) {
                throw new IllegalArgumentException(source + ":" + lineNo + ": " + e.getMessage(), e);
            }
        }
        return p.finish(source);
    }

    /**
     * What one {@link #parse} has read so far. Each record method takes one stripped, non-comment line; a
     * {@code RuntimeException} is what is wrong with that line (the caller prefixes file and line).
     */
    private static final class Parser {
        private boolean header;
        private String name;
        private final Map<String, String> meta = new LinkedHashMap<>();
        private List<String> features;
        private float[] mean;
        private float[] std;
        private List<String> classes = List.of();
        private Mlp.Output output = Mlp.Output.LINEAR;
        private final List<Mlp.Layer> layers = new ArrayList<>();
        // the layer being read: its weights are null between layers; its OUT stays, 'w' errors name it
        private int layerIn;
        private int layerOut;
        private Mlp.Activation activation;
        private float[][] weights;
        private int rows;

        void record(String t) {
            String[] tok = t.split("\\s+");
            if (!header) {
                header(t, tok);
                return;
            }
            if (weights != null && rows < layerOut && !tok[0].equals("w")) {
                throw new IllegalArgumentException("layer needs " + layerOut + " 'w' rows, got " + rows);
            }
            switch (tok[0]) {
                case "name" -> name = t.substring(4).strip();
                case "meta" -> meta(t, tok);
                case "features" -> features = names(tok);
                case "classes" -> classes = names(tok);
                case "mean" -> mean = floats(tok, featureCount());
                case "std" -> std = floats(tok, featureCount());
                case "output" -> output(tok);
                case "layer" -> layer(tok);
                case "w" -> weightRow(tok);
                case "b" -> bias(tok);
                default -> throw new IllegalArgumentException("unknown record '" + tok[0] + "'");
            }
        }

        private void header(String t, String[] tok) {
            if (!tok[0].equals("offload-mlp") || tok.length != 2 || !tok[1].equals("1")) {
                throw new IllegalArgumentException("expected 'offload-mlp 1', got '" + t + "'");
            }
            header = true;
        }

        /** {@code meta KEY VALUE...}: the value is the rest of the line, inner spaces kept ({@code ""} if none). */
        private void meta(String t, String[] tok) {
            if (tok.length < 2) {
                throw new IllegalArgumentException("meta needs a key");
            }
            String rest = t.substring(4).strip();
            int sp = rest.indexOf(' ');
            meta.put(sp < 0 ? rest : rest.substring(0, sp), sp < 0 ? "" : rest.substring(sp + 1).strip());
        }

        /** How many values {@code mean} and {@code std} must have; -1 (any) before the {@code features} line. */
        private int featureCount() {
            return features == null ? -1 : features.size();
        }

        private void output(String[] tok) {
            if (tok.length != 2) {
                throw new IllegalArgumentException("expected 'output softmax' or 'output linear'");
            }
            output = choice(Mlp.Output.class, tok[1], "output", "softmax or linear");
        }

        /** {@code layer IN OUT ACTIVATION}: opens a layer; its {@code w} rows and {@code b} line follow. */
        private void layer(String[] tok) {
            if (tok.length != 4) {
                throw new IllegalArgumentException("expected 'layer IN OUT ACTIVATION'");
            }
            layerIn = count(tok[1], "layer IN", 1);
            layerOut = count(tok[2], "layer OUT", 1);
            activation = choice(Mlp.Activation.class, tok[3], "layer activation", "relu or linear");
            weights = new float[layerOut][];
            rows = 0;
        }

        private void weightRow(String[] tok) {
            if (weights == null || rows >= layerOut) {
                throw new IllegalArgumentException("'w' row outside a layer or beyond its " + layerOut + " rows");
            }
            weights[rows++] = floats(tok, layerIn);
        }

        /** {@code b}: the biases close the open layer. */
        private void bias(String[] tok) {
            if (weights == null) {
                throw new IllegalArgumentException("'b' outside a layer");
            }
            layers.add(new Mlp.Layer(layerIn, layerOut, weights, floats(tok, layerOut), activation));
            weights = null;
        }

        /** The model read, after the end-of-file checks; defaults: name "mlp", mean 0, std 1. */
        Mlp finish(String source) {
            if (!header) {
                throw new IllegalArgumentException(source + ": not an offload-mlp file (empty)");
            }
            if (weights != null) {
                throw new IllegalArgumentException(source + ": last layer has no 'b' line");
            }
            if (features == null) {
                throw new IllegalArgumentException(source + ": no 'features' line");
            }
            float[] m = mean != null ? mean : new float[features.size()];
            float[] s = std;
            if (s == null) {
                s = new float[features.size()];
                Arrays.fill(s, 1f);
            }
            try {
                return new Mlp(name == null ? "mlp" : name, meta, features, m, s, classes, output, layers);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(source + ": " + e.getMessage(), e);
            }
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
