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
        String name = null;
        Map<String, String> meta = new LinkedHashMap<>();
        List<String> features = null;
        float[] mean = null;
        float[] std = null;
        List<String> classes = List.of();
        Mlp.Output output = Mlp.Output.LINEAR;
        List<Mlp.Layer> layers = new ArrayList<>();
        boolean header = false;
        int lineNo = 0;
        // state of the layer being read
        int lIn = 0;
        int lOut = 0;
        Mlp.Activation lAct = null;
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
                        output = choice(Mlp.Output.class, tok[1], "output", "softmax or linear");
                    }
                    case "layer" -> {
                        if (tok.length != 4) {
                            throw new IllegalArgumentException("expected 'layer IN OUT ACTIVATION'");
                        }
                        lIn = count(tok[1], "layer IN", 1);
                        lOut = count(tok[2], "layer OUT", 1);
                        lAct = choice(Mlp.Activation.class, tok[3], "layer activation", "relu or linear");
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
                        layers.add(new Mlp.Layer(lIn, lOut, lW, floats(tok, lOut), lAct));
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
