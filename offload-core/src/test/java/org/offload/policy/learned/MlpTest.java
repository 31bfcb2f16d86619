package org.offload.policy.learned;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MlpTest {
    @TempDir
    Path tmp;

    /** A random network {@code in -> hidden... -> out}, ReLU between layers. */
    static Mlp random(int in, int[] hidden, int out, Mlp.Output output, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        List<String> features = new ArrayList<>();
        float[] mean = new float[in];
        float[] std = new float[in];
        for (int i = 0; i < in; i++) {
            features.add("f" + i);
            mean[i] = (float) r.nextDouble(-2, 2);
            std[i] = (float) r.nextDouble(0.5, 3);
        }
        List<Mlp.Layer> layers = new ArrayList<>();
        int prev = in;
        for (int l = 0; l <= hidden.length; l++) {
            int width = l < hidden.length ? hidden[l] : out;
            float[][] w = new float[width][prev];
            float[] b = new float[width];
            for (int j = 0; j < width; j++) {
                for (int i = 0; i < prev; i++) {
                    w[j][i] = (float) r.nextDouble(-0.5, 0.5);
                }
                b[j] = (float) r.nextDouble(-0.2, 0.2);
            }
            layers.add(new Mlp.Layer(prev, width, w, b,
                    l < hidden.length ? Mlp.Activation.RELU : Mlp.Activation.LINEAR));
            prev = width;
        }
        List<String> classes = new ArrayList<>();
        for (int c = 0; c < out; c++) {
            classes.add("c" + c);
        }
        return new Mlp("test", Map.of("seed", Long.toString(seed)), features, mean, std, classes, output, layers);
    }

    /** The forward pass in double precision, written out plainly. */
    static double[] reference(Mlp m, float[] x) {
        double[] cur = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            cur[i] = (x[i] - m.mean()[i]) / m.std()[i];
        }
        for (Mlp.Layer l : m.layers()) {
            double[] next = new double[l.out()];
            for (int j = 0; j < l.out(); j++) {
                double s = l.bias()[j];
                for (int i = 0; i < l.in(); i++) {
                    s += l.weights()[j][i] * cur[i];
                }
                next[j] = l.activation() == Mlp.Activation.RELU ? Math.max(0, s) : s;
            }
            cur = next;
        }
        if (m.output() == Mlp.Output.SOFTMAX) {
            double max = Double.NEGATIVE_INFINITY;
            for (double v : cur) {
                max = Math.max(max, v);
            }
            double sum = 0;
            for (int i = 0; i < cur.length; i++) {
                cur[i] = Math.exp(cur[i] - max);
                sum += cur[i];
            }
            for (int i = 0; i < cur.length; i++) {
                cur[i] /= sum;
            }
        }
        return cur;
    }

    static float[] input(SplittableRandom r, int n) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = r.nextInt(5) == 0 ? 0f : (float) r.nextDouble(-5, 5);
        }
        return x;
    }

    @Test
    void forwardMatchesAPlainDoublePrecisionPass() {
        for (Mlp.Output out : Mlp.Output.values()) {
            Mlp m = random(25, new int[] {64, 32, 16}, 4, out, 7);
            Mlp.Runner run = m.runner();
            SplittableRandom r = new SplittableRandom(1);
            for (int t = 0; t < 200; t++) {
                float[] x = input(r, 25);
                float[] y = run.run(x);
                double[] ref = reference(m, x);
                for (int j = 0; j < ref.length; j++) {
                    assertEquals(ref[j], y[j], 1e-5 * Math.max(1, Math.abs(ref[j])), "output " + j);
                }
            }
        }
    }

    @Test
    void scoresAreTheLogitsTheSoftmaxIsTakenOf() {
        Mlp soft = random(25, new int[] {64, 32, 16}, 4, Mlp.Output.SOFTMAX, 11);
        Mlp.Runner run = soft.runner();
        Mlp.Runner scores = soft.runner();
        SplittableRandom r = new SplittableRandom(4);
        for (int t = 0; t < 200; t++) {
            float[] x = input(r, 25);
            float[] logits = scores.scores(x).clone();
            float[] p = run.run(x);
            Mlp.softmax(logits);
            for (int j = 0; j < p.length; j++) {
                assertEquals(p[j], logits[j], 0f, "output " + j);
            }
        }
    }

    @Test
    void softmaxOutputsAreProbabilities() {
        Mlp m = random(10, new int[] {8}, 3, Mlp.Output.SOFTMAX, 3);
        float[] p = m.runner().run(input(new SplittableRandom(2), 10));
        double sum = 0;
        for (float v : p) {
            assertTrue(v >= 0 && v <= 1, "probability " + v);
            sum += v;
        }
        assertEquals(1, sum, 1e-6);
    }

    @Test
    void preparedPrefixAndCachedPartsGiveTheSameResultAsAFullPass() {
        Mlp m = random(16, new int[] {16}, 1, Mlp.Output.LINEAR, 11);
        Mlp.Runner full = m.runner();
        Mlp.Runner prepared = m.runner();
        SplittableRandom r = new SplittableRandom(5);
        float[] part = new float[prepared.firstWidth()];
        for (int t = 0; t < 100; t++) {
            float[] x = input(r, 16);
            float expected = full.run(x)[0];
            prepared.prepare(x, 11);
            assertEquals(expected, prepared.runPrepared(x)[0], 1e-5);
            prepared.firstLayerPart(x, 11, 16, part);
            assertEquals(expected, prepared.runPreparedWith(part)[0], 1e-5);
        }
    }

    @Test
    void vectorKernelIsEnabledInTheTestJvm() {
        // surefire starts the JVM with --add-modules jdk.incubator.vector, as the offload launcher does
        assertTrue(Mlp.vectorised(), "the Vector API kernel should be in use");
    }

    /**
     * The two kernels must give the same bits, or the kernel (i.e. a JVM flag) would change a simulation's
     * outcome: every layer width from 1 to 70 (whole vectors, two-vector blocks and leftover columns), input counts
     * that leave 0-3 inputs after the groups of four, prepared prefixes and cached parts, and the bundled models.
     */
    @Test
    void vectorAndPortableKernelsGiveTheSameBits() {
        List<Mlp> nets = new ArrayList<>();
        for (int w = 1; w <= 70; w++) {
            nets.add(random(5 + w % 4, new int[] {w, 1 + (w * 7) % 37}, 1 + w % 5, Mlp.Output.SOFTMAX, w));
        }
        nets.add(DlTierPolicy.resource(DlTierPolicy.TIER_EXPERT_RESOURCE));
        nets.add(DlTierPolicy.resource(DlTierPolicy.TIER_ORACLE_RESOURCE));
        nets.add(DlTierPolicy.resource(DlTierPolicy.VM_RESOURCE));
        SplittableRandom r = new SplittableRandom(9);
        for (Mlp m : nets) {
            Mlp.Runner portable = m.runner(false);
            Mlp.Runner vector = m.runner(true);
            float[] partP = new float[portable.firstWidth()];
            float[] partV = new float[vector.firstWidth()];
            int prefix = m.inputs() / 2;
            for (int t = 0; t < 50; t++) {
                float[] x = input(r, m.inputs());
                String what = m.name() + " " + m.layers().size() + " layers, first " + m.layers().get(0).out();
                assertBitsEqual(portable.run(x), vector.run(x), what + ": run");
                assertBitsEqual(portable.scores(x), vector.scores(x), what + ": scores");
                portable.prepare(x, prefix);
                vector.prepare(x, prefix);
                assertBitsEqual(portable.runPrepared(x), vector.runPrepared(x), what + ": runPrepared");
                portable.firstLayerPart(x, prefix, m.inputs(), partP);
                vector.firstLayerPart(x, prefix, m.inputs(), partV);
                assertBitsEqual(partP, partV, what + ": firstLayerPart");
                assertBitsEqual(portable.runPreparedWith(partP), vector.runPreparedWith(partV),
                        what + ": runPreparedWith");
            }
        }
    }

    /**
     * The vector kernel's fused bias and ReLU behave as {@link Math#max} on the edge cases: a sum of -0.0 becomes
     * +0.0 and NaN stays NaN, for columns in whole vectors and in the leftover ones.
     */
    @Test
    void fusedReluTreatsSignedZeroAndNanAsMathMax() {
        int n = 6;
        for (int o : new int[] {3, 16, 21, 40}) {
            float[] w = new float[n * o];
            float[] init = new float[o];
            SplittableRandom r = new SplittableRandom(o);
            for (int j = 0; j < o; j++) {
                init[j] = j % 3 == 0 ? -0.0f : (float) r.nextDouble(-1, 1);
                for (int k = 0; k < n; k++) {
                    w[k * o + j] = j % 3 == 0 ? -0.0f : (float) r.nextDouble(-1, 1);
                }
            }
            float[][] rows = new float[n][o];
            for (int k = 0; k < n; k++) {
                System.arraycopy(w, k * o, rows[k], 0, o);
            }
            float[] x = {1, 2, 0, 3, 4, 5};
            float[] xNan = {1, Float.NaN, 0, 3, 4, 5};
            for (float[] in : List.of(x, xNan)) {
                float[] expected = init.clone();
                Mlp.accumulate(in, 0, n, rows, 0, o, expected);
                for (int j = 0; j < o; j++) {
                    expected[j] = Math.max(expected[j], 0f);
                }
                float[] actual = new float[o];
                VectorDense.accumulate(in, 0, n, w, rows, o, init, true, actual);
                assertBitsEqual(expected, actual, o + " outputs");
            }
        }
    }

    private static void assertBitsEqual(float[] expected, float[] actual, String what) {
        assertEquals(expected.length, actual.length, what);
        for (int j = 0; j < expected.length; j++) {
            assertEquals(Float.floatToRawIntBits(expected[j]), Float.floatToRawIntBits(actual[j]),
                    what + ", output " + j + ": " + expected[j] + " vs " + actual[j]);
        }
    }

    @Test
    void textRoundTripKeepsEveryBit() throws Exception {
        Mlp m = random(7, new int[] {5, 3}, 2, Mlp.Output.SOFTMAX, 9);
        Path f = tmp.resolve("m.mlp");
        MlpFormat.save(m, f);
        Mlp back = MlpFormat.load(f);
        assertEquals(MlpFormat.toText(m), MlpFormat.toText(back));
        assertEquals(m.features(), back.features());
        assertEquals(m.classes(), back.classes());
        assertEquals("9", back.meta().get("seed"));
        float[] x = input(new SplittableRandom(4), 7);
        assertEquals(m.runner().run(x)[1], back.runner().run(x)[1]);
    }

    @Test
    void malformedFilesAreRejectedNamingTheLine() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> MlpFormat.parse("hello\n", "x.mlp"));
        assertTrue(e.getMessage().startsWith("x.mlp:1:"), e.getMessage());
        String good = MlpFormat.toText(random(3, new int[] {2}, 1, Mlp.Output.LINEAR, 1));
        e = assertThrows(IllegalArgumentException.class,
                () -> MlpFormat.parse(good.replaceFirst("\nb [^\\n]*", "\nb 1"), "y.mlp"));
        assertTrue(e.getMessage().contains("y.mlp:") && e.getMessage().contains("expected 2 values"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> MlpFormat.parse(good.replace("layer 2 1 linear", "layer 3 1 linear"), "z.mlp"));
        assertTrue(e.getMessage().contains("z.mlp"), e.getMessage());
    }

    /** The error {@code Mlp.parse} gives for {@code good} with {@code from} replaced by {@code to} (first one). */
    private static String parseError(String good, String from, String to) {
        assertTrue(good.contains(from), from);
        String bad = good.replaceFirst(java.util.regex.Pattern.quote(from),
                java.util.regex.Matcher.quoteReplacement(to));
        return assertThrows(IllegalArgumentException.class, () -> MlpFormat.parse(bad, "m.mlp")).getMessage();
    }

    /** A small hand-written {@code offload-mlp 1} file: 2 features, 2 classes, two 2x2 layers (line numbers fixed). */
    private static final String SMALL = """
            offload-mlp 1
            name t
            meta seed 1
            features 2 a b
            mean 0 0
            std 1 1
            classes 2 x y
            output softmax
            layer 2 2 relu
            w 1 0
            w 0 1
            b 0 0
            layer 2 2 linear
            w 1 0
            w 0 1
            b 0 0
            """;

    @Test
    void everyLineErrorNamesTheSourceLineAndWhatIsWrong() {
        assertEquals(2, MlpFormat.parse(SMALL, "m.mlp").layers().size(), "the unmodified file parses");
        String[][] cases = { // text replaced (first occurrence), replacement, the whole error message
            {"offload-mlp 1", "offload-mlp 2", "m.mlp:1: expected 'offload-mlp 1', got 'offload-mlp 2'"},
            {"offload-mlp 1", "offload-mlp", "m.mlp:1: expected 'offload-mlp 1', got 'offload-mlp'"},
            {"offload-mlp 1", "name t", "m.mlp:1: expected 'offload-mlp 1', got 'name t'"},
            {"name t", "nam t", "m.mlp:2: unknown record 'nam'"},
            {"meta seed 1", "meta", "m.mlp:3: meta needs a key"},
            {"features 2 a b", "features 3 a b", "m.mlp:4: features: count 3 but 2 names"},
            {"features 2 a b", "features -1", "m.mlp:4: features count must be >= 0, got -1"},
            {"features 2 a b", "features", "m.mlp:4: expected 'features N NAME...'"},
            {"mean 0 0", "mean 0", "m.mlp:5: mean: expected 2 values, got 1"},
            {"std 1 1", "std 1 1 1", "m.mlp:6: std: expected 2 values, got 3"},
            {"classes 2 x y", "classes 1 x y", "m.mlp:7: classes: count 1 but 2 names"},
            {"output softmax", "output", "m.mlp:8: expected 'output softmax' or 'output linear'"},
            {"output softmax", "output softmax linear", "m.mlp:8: expected 'output softmax' or 'output linear'"},
            {"layer 2 2 relu", "layer 2 2", "m.mlp:9: expected 'layer IN OUT ACTIVATION'"},
            {"layer 2 2 relu", "layer 0 2 relu", "m.mlp:9: layer IN must be >= 1, got 0"},
            {"layer 2 2 relu", "layer x 2 relu", "m.mlp:9: layer IN: 'x' is not a whole number"},
            {"w 1 0", "w 1", "m.mlp:10: w: expected 2 values, got 1"},
            {"w 0 1\n", "", "m.mlp:11: layer needs 2 'w' rows, got 1"},
            {"w 0 1\n", "meta k v\n", "m.mlp:11: layer needs 2 'w' rows, got 1"},
            {"b 0 0", "w 0 0", "m.mlp:12: 'w' row outside a layer or beyond its 2 rows"},
            {"b 0 0", "b 0", "m.mlp:12: b: expected 2 values, got 1"},
            // a 'w' with no open layer names the OUT of the last layer read (0 before any)
            {"output softmax", "w 1 0", "m.mlp:8: 'w' row outside a layer or beyond its 0 rows"},
            {"layer 2 2 linear", "w 1 0", "m.mlp:13: 'w' row outside a layer or beyond its 2 rows"},
            {"output softmax", "b 0 0", "m.mlp:8: 'b' outside a layer"},
            {"layer 2 2 linear", "b 0 0", "m.mlp:13: 'b' outside a layer"}};
        for (String[] c : cases) {
            assertEquals(c[2], parseError(SMALL, c[0], c[1]), c[0] + " -> " + c[1]);
        }
    }

    @Test
    void wholeFileErrorsNameTheSource() {
        assertEquals("e.mlp: not an offload-mlp file (empty)",
                assertThrows(IllegalArgumentException.class, () -> MlpFormat.parse("", "e.mlp")).getMessage());
        assertEquals("e.mlp: not an offload-mlp file (empty)", assertThrows(IllegalArgumentException.class,
                () -> MlpFormat.parse("# only a comment\n\n   \n", "e.mlp")).getMessage());
        String[][] cases = { // text cut off at (last occurrence) or replaced, the whole error message
            {"b 0 0\n", null, "m.mlp: last layer has no 'b' line"},
            {"w 0 1\nb 0 0\n", null, "m.mlp: last layer has no 'b' line"},
            {"layer 2 2 relu", null, "m.mlp: t: no layers"},
            {"features 2 a b\n", "", "m.mlp: no 'features' line"},
            {"classes 2 x y", "classes 3 x y z", "m.mlp: t: 3 class names for 2 outputs"},
            {"std 1 1", "std 0 1", "m.mlp: t: std of feature a is 0.0"},
            {"features 2 a b\nmean 0 0\nstd 1 1", "features 1 a",
                "m.mlp: t: layer 1 takes 2 inputs but receives 1"}};
        for (String[] c : cases) {
            String bad = c[1] == null ? SMALL.substring(0, SMALL.lastIndexOf(c[0])) : SMALL.replace(c[0], c[1]);
            assertTrue(c[1] == null || !bad.equals(SMALL), c[0]);
            assertEquals(c[2], assertThrows(IllegalArgumentException.class,
                    () -> MlpFormat.parse(bad, "m.mlp")).getMessage(), c[0] + " -> " + c[1]);
        }
    }

    @Test
    void optionalRecordsTakeTheirDefaultsAndMetaAndNameKeepInnerSpaces() {
        Mlp m = MlpFormat.parse("""
                # comment
                offload-mlp 1

                name   my  net\s
                meta note two  words\s
                meta flag
                features 1 a
                layer 1 1 linear
                w 2
                b 3
                """, "d.mlp");
        assertEquals("my  net", m.name());
        assertEquals(Map.of("note", "two  words", "flag", ""), m.meta());
        assertEquals(List.of("note", "flag"), List.copyOf(m.meta().keySet()));
        assertEquals(0f, m.mean()[0]);
        assertEquals(1f, m.std()[0]);
        assertEquals(List.of(), m.classes());
        assertEquals(Mlp.Output.LINEAR, m.output());
        assertEquals("mlp", MlpFormat.parse("offload-mlp 1\nfeatures 1 a\nlayer 1 1 relu\nw 1\nb 0\n", "d").name());
        assertEquals(Mlp.Activation.RELU, MlpFormat.parse("offload-mlp 1\nfeatures 1 a\nlayer 1 1 RELU\nw 1\nb 0\n",
                "d").layers().get(0).activation());
    }

    @Test
    void nonFiniteAndNonNumericValuesAreRejectedNamingTheLineAndWhatIsAllowed() {
        Mlp m = random(3, new int[] {2}, 2, Mlp.Output.SOFTMAX, 1);
        String good = MlpFormat.toText(m);
        List<String> lines = List.of(good.split("\n"));
        int wLine = lines.indexOf(lines.stream().filter(l -> l.startsWith("w ")).findFirst().orElseThrow()) + 1;
        int meanLine = lines.indexOf(lines.stream().filter(l -> l.startsWith("mean ")).findFirst().orElseThrow()) + 1;
        String w = Float.toString(m.layers().get(0).weights()[0][0]);
        String mean = Float.toString(m.mean()[0]);
        for (String bad : List.of("NaN", "Infinity", "-Infinity", "1e39")) {
            String e = parseError(good, "w " + w, "w " + bad);
            assertTrue(e.startsWith("m.mlp:" + wLine + ": w value 1: '" + bad + "' is "), e);
            assertTrue(e.contains("NaN and Infinity are not allowed"), e);
            e = parseError(good, "mean " + mean, "mean " + bad);
            assertTrue(e.startsWith("m.mlp:" + meanLine + ": mean value 1: '" + bad + "'"), e);
        }
        assertTrue(parseError(good, "w " + w, "w 1e39").contains("too large for a float"),
                parseError(good, "w " + w, "w 1e39"));
        String e = parseError(good, "w " + w, "w abc");
        assertEquals("m.mlp:" + wLine + ": w value 1: 'abc' is not a number", e);
        e = parseError(good, "std " + m.std()[0], "std NaN");
        assertTrue(e.contains("std value 1: 'NaN' is not a finite number"), e);
        String[][] cases = { // line as written, line as corrupted, how the error ends
            {"layer 3 2 relu", "layer 3 2 tanh", "layer activation must be relu or linear, got 'tanh'"},
            {"output softmax", "output sigmoid", "output must be softmax or linear, got 'sigmoid'"},
            {"layer 3 2 relu", "layer 3 two relu", "layer OUT: 'two' is not a whole number"},
            {"layer 3 2 relu", "layer 3 -2 relu", "layer OUT must be >= 1, got -2"},
            {"features 3", "features x", "features count: 'x' is not a whole number"},
            {"classes 2 c0 c1", "classes", "expected 'classes N NAME...'"}};
        for (String[] c : cases) {
            e = parseError(good, c[0], c[1]);
            assertTrue(e.endsWith(c[2]), e);
        }
    }

    @Test
    void bundledModelsLoadWithTheFeaturesThisVersionComputes() {
        for (String res : List.of(DlTierPolicy.TIER_EXPERT_RESOURCE, DlTierPolicy.TIER_ORACLE_RESOURCE)) {
            Mlp m = DlTierPolicy.resource(res);
            assertEquals(DlTierPolicy.TIER_NN, m.name());
            assertEquals(TierFeatures.NAMES, m.features());
            assertEquals(TierFeatures.TIER_NAMES, m.classes());
            assertEquals(List.of(64, 32, 16, 4), m.layers().stream().map(Mlp.Layer::out).toList());
            assertEquals(Mlp.Output.SOFTMAX, m.output());
        }
        Mlp vm = DlTierPolicy.resource(DlTierPolicy.VM_RESOURCE);
        assertEquals(DlTierPolicy.VM_NN, vm.name());
        assertEquals(TierFeatures.VM_NAMES, vm.features());
        assertEquals(1, vm.outputs());
    }
}
