package org.offload.profile;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.offload.profile.arch.Arch;
import org.offload.profile.arch.Family;
import org.offload.profile.measure.ProfileRow;
import org.offload.profile.predict.Evaluation;
import org.offload.profile.predict.Predictor;
import org.offload.profile.predict.Target;

/** Predictor training is deterministic for a seed, and learns a clean synthetic relation. */
@Tag("slow")
class PredictorTest {
    /** Synthetic profile: latency 0.1 ms + FLOPs / (2 GFLOP/s x speed x threads^0.8), with 5% seeded noise. */
    static List<ProfileRow> synthetic(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        List<ProfileRow> rows = new ArrayList<>();
        List<Arch> archs = List.of(Arch.of(Family.MLP, 2, 256, 784), Arch.of(Family.MLP, 4, 1024, 784),
                Arch.of(Family.RESNET, 18, 1.0, 112), Arch.of(Family.RESNET, 34, 1.0, 112),
                Arch.of(Family.RESNET, 50, 1.0, 112), Arch.of(Family.RESNET, 18, 1.0, 224),
                Arch.of(Family.MOBILENET_V2, 0, 0.5, 128), Arch.of(Family.MOBILENET_V2, 0, 1.0, 224),
                Arch.of(Family.TRANSFORMER, 2, 128, 64), Arch.of(Family.LSTM, 1, 128, 32));
        double[][] hw = {{1, 1.0}, {1, 0.5}, {2, 1.0}};
        for (Arch a : archs) {
            for (int b : new int[] {1, 4}) {
                for (double[] h : hw) {
                    var c = a.count();
                    double flops = 2.0 * c.macs() * b;
                    double lat = (0.1 + flops / (2e9 * h[1] * Math.pow(h[0], 0.8)) * 1e3) * (1 + 0.05 * r.nextGaussian());
                    double mem = 4.0 * c.params() / 1e6 * 1.2 + 2 * b;
                    rows.add(new ProfileRow("hw" + h[0] + "-" + h[1], (int) h[0], h[1], 5000 * h[1], h[1] < 1, "cpu()",
                            a.family().key(), a.name(), a.depth(), a.width(), a.input(), b, "inference", "none",
                            c.params(), c.macs(), 2, 5, lat, lat, lat * 1.1, mem, 200, 1, lat / 1e3 * 5, "estimated", 0));
                }
            }
        }
        return rows;
    }

    @Test
    void trainingIsDeterministicForASeed() {
        List<ProfileRow> rows = synthetic(3);
        for (Predictor.Kind kind : Predictor.Kind.values()) {
            Predictor a = Predictor.train(rows, kind, 42);
            Predictor b = Predictor.train(rows, kind, 42);
            for (ProfileRow r : rows) {
                for (Target t : Target.values()) {
                    assertEquals(a.predict(t, r), b.predict(t, r), 0.0, kind + " " + t + " " + r.model());
                }
            }
            Arch q = Arch.of(Family.RESNET, 50, 1.0, 160);
            assertArrayEquals(a.predict(q, 1, 1, 0.8), b.predict(q, 1, 1, 0.8), 0.0, kind.name());
        }
    }

    @Test
    void evaluationIsDeterministicAndTreesFitTheSyntheticData() {
        List<ProfileRow> rows = synthetic(5);
        List<Evaluation.Score> a = Evaluation.run(rows, 5, 9);
        List<Evaluation.Score> b = Evaluation.run(rows, 5, 9);
        assertEquals(a, b);
        Evaluation.Score gbt = a.stream().filter(s -> s.scheme().equals("5-fold leave-configuration-out")
                && s.kind() == Predictor.Kind.GBT && s.target() == Target.LATENCY_MS).findFirst().orElseThrow();
        assertTrue(gbt.r2Log() > 0.8, "R2 " + gbt);
    }

    /** Grouped folds hold every hardware profile of a configuration out together; row folds do not. */
    @Test
    void groupedFoldsKeepAConfigurationTogether() {
        List<ProfileRow> rows = synthetic(5);
        int[] grouped = Evaluation.groupedFolds(rows, 5, 9);
        int[] byRow = Evaluation.folds(rows.size(), 5, 9);
        java.util.Map<String, java.util.Set<Integer>> g = new java.util.HashMap<>();
        java.util.Map<String, java.util.Set<Integer>> r = new java.util.HashMap<>();
        for (int i = 0; i < rows.size(); i++) {
            g.computeIfAbsent(Evaluation.configuration(rows.get(i)), k -> new java.util.HashSet<>()).add(grouped[i]);
            r.computeIfAbsent(Evaluation.configuration(rows.get(i)), k -> new java.util.HashSet<>()).add(byRow[i]);
        }
        assertEquals(20, g.size(), "10 networks x 2 batches");
        g.values().forEach(folds -> assertEquals(1, folds.size()));
        assertTrue(r.values().stream().anyMatch(folds -> folds.size() > 1), "row folds split configurations");
    }

    /** Estimated energy (5 W x CPU-seconds) is derived from the latency and utilisation predictions, not learned. */
    @Test
    void estimatedEnergyIsDerivedFromLatencyAndUtilisation() {
        List<ProfileRow> rows = synthetic(3);
        Predictor p = Predictor.train(rows, Predictor.Kind.GBT, 1);
        assertTrue(p.energyDerived());
        for (ProfileRow r : rows.subList(0, 10)) {
            assertEquals(5.0 * p.predict(Target.LATENCY_MS, r) / 1000 * p.predict(Target.CPU_UTIL, r),
                    p.predict(Target.ENERGY_J, r), 1e-12);
        }
        assertTrue(Evaluation.run(rows, 5, 1, List.of(Evaluation.Scheme.GROUPED)).stream()
                .filter(s -> s.target() == Target.ENERGY_J).allMatch(Evaluation.Score::derived));
    }

    /** A prediction outside the profiled range of its family says so; one inside does not. */
    @Test
    void extrapolationBeyondTheProfiledRangeIsReported() {
        Predictor p = Predictor.train(synthetic(3), Predictor.Kind.GBT, 1);
        assertEquals(List.of(), p.extrapolation(Arch.of(Family.RESNET, 34, 1.0, 112), 1));
        List<String> big = p.extrapolation(Arch.of(Family.RESNET, 152, 1.0, 320), 1);
        assertEquals(3, big.size(), big.toString());
        assertTrue(big.get(0).startsWith("parameters 60.2 M above the profiled resnet range 11.7 M-25.6 M"),
                big.toString());
        assertTrue(big.get(2).startsWith("input size 320 above the profiled resnet range 112-224"), big.toString());
        assertEquals(1, p.extrapolation(Arch.of(Family.MLP, 2, 256, 784), 64).size(), "FLOPs of a batch of 64");
    }
}
