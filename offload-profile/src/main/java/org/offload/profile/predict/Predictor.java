package org.offload.profile.predict;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;

import org.offload.profile.arch.Arch;
import org.offload.profile.measure.EnergyMeter;
import org.offload.profile.measure.ProfileRow;
import smile.base.cart.Loss;
import smile.data.DataFrame;
import smile.data.formula.Formula;
import smile.math.MathEx;
import smile.regression.GradientTreeBoost;
import smile.regression.RandomForest;

/**
 * Predicts latency, memory and energy of one batch from {@link Features}. Three kinds:
 * <ul>
 *   <li>{@code gbt}: Smile gradient-boosted regression trees (least squares, 300 trees of at most 8 leaves,
 *       shrinkage 0.05, subsample 0.7) on the log of the target;</li>
 *   <li>{@code rf}: Smile random forest (200 trees, node size 2, per-tree seeds) on the log of the target;</li>
 *   <li>{@code linear}: the baseline, ordinary least squares of the target on FLOPs (latency, energy) or
 *       parameters (memory), fitted separately per hardware profile (threads, speed).</li>
 * </ul>
 * Training is deterministic for a seed: the boosting's subsampling draws from Smile's generator seeded with it,
 * the forest's trees from seeds derived from it.
 *
 * <p>Energy is derived, not learned, unless the training rows hold measured energy ({@code energy_source=rapl}):
 * an estimated energy is exactly {@value EnergyMeter#WATTS_PER_BUSY_CORE} W x CPU-seconds, so its prediction is
 * {@value EnergyMeter#WATTS_PER_BUSY_CORE} W x predicted latency x predicted CPU utilisation
 * ({@link #energyDerived()}).
 */
public final class Predictor {
    public enum Kind { GBT, RF, LINEAR }

    private final Kind kind;
    private final Map<Target, Model> models = new EnumMap<>(Target.class);
    private final int rows;
    private boolean energyDerived;
    /** Per family of the training rows: {min, max} of parameters, FLOPs per batch and input size. */
    private final Map<String, double[]> ranges = new HashMap<>();

    private interface Model {
        double predict(double[] x, ProfileRow asRow);
    }

    private Predictor(Kind kind, int rows) {
        this.kind = kind;
        this.rows = rows;
    }

    public Kind kind() {
        return kind;
    }

    public int trainingRows() {
        return rows;
    }

    /**
     * Whether energy is derived from the latency and utilisation predictions (the training rows' energy was
     * estimated from CPU time, not measured) rather than learned.
     */
    public boolean energyDerived() {
        return energyDerived;
    }

    /** Trains on {@code rows} (inference rows are expected; other modes are used as given). */
    public static Predictor train(List<ProfileRow> rows, Kind kind, long seed) {
        if (rows.size() < 5) {
            throw new IllegalArgumentException("need at least 5 profile rows to train, got " + rows.size());
        }
        Predictor p = new Predictor(kind, rows.size());
        p.energyDerived = rows.stream().noneMatch(r -> r.energySource().equals(EnergyMeter.SOURCE_RAPL));
        for (ProfileRow r : rows) {
            double[] g = p.ranges.computeIfAbsent(r.family(), f -> new double[] {Double.POSITIVE_INFINITY,
                    Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY,
                    Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY});
            double[] v = {r.params(), 2.0 * r.macs() * r.batch(), r.input()};
            for (int i = 0; i < 3; i++) {
                g[2 * i] = Math.min(g[2 * i], v[i]);
                g[2 * i + 1] = Math.max(g[2 * i + 1], v[i]);
            }
        }
        for (Target t : Target.values()) {
            if (t != Target.ENERGY_J || !p.energyDerived) {
                p.models.put(t, switch (kind) {
                    case GBT, RF -> trees(rows, t, kind, seed);
                    case LINEAR -> linear(rows, t);
                });
            }
        }
        if (p.energyDerived) {
            Model latency = p.models.get(Target.LATENCY_MS);
            Model util = p.models.get(Target.CPU_UTIL);
            p.models.put(Target.ENERGY_J, (x, r) -> EnergyMeter.WATTS_PER_BUSY_CORE * latency.predict(x, r) / 1000
                    * util.predict(x, r));
        }
        return p;
    }

    /** Predicted value of {@code target} for a profile row's configuration (its measured value is not used). */
    public double predict(Target target, ProfileRow r) {
        return models.get(target).predict(Features.of(r), r);
    }

    /** Predicted latency (ms), memory (MB) and energy (J) of one batch of {@code arch}. */
    public double[] predict(Arch arch, int batch, int threads, double coreSpeed) {
        var c = arch.count();
        ProfileRow asRow = new ProfileRow("query", threads, coreSpeed, Double.NaN, false, "cpu()",
                arch.family().key(), arch.name(), arch.depth(), arch.width(), arch.input(), batch, "inference", "none",
                c.params(), c.macs(), 0, 0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
                Double.NaN, "", Double.NaN);
        double[] x = Features.of(arch, batch, threads, coreSpeed);
        return new double[] {models.get(Target.LATENCY_MS).predict(x, asRow),
                models.get(Target.MEMORY_MB).predict(x, asRow), models.get(Target.ENERGY_J).predict(x, asRow)};
    }

    /**
     * Where a prediction for {@code arch} at {@code batch} leaves the range of the training rows of its family
     * (parameters, FLOPs per batch, input size), one line per quantity; empty when it stays inside. Trees do not
     * extrapolate: outside the range they predict about the nearest profiled value.
     */
    public List<String> extrapolation(Arch arch, int batch) {
        String fam = arch.family().key();
        double[] g = ranges.get(fam);
        if (g == null) {
            return List.of("family " + fam + " was not profiled (profiled: " + String.join(", ", ranges.keySet())
                    + ")");
        }
        var c = arch.count();
        double[] v = {c.params(), 2.0 * c.macs() * batch, arch.input()};
        String[] what = {"parameters", "FLOPs per batch", "input size"};
        List<String> out = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            if (v[i] < g[2 * i] || v[i] > g[2 * i + 1]) {
                out.add(String.format(java.util.Locale.ROOT, "%s %s %s the profiled %s range %s-%s", what[i],
                        human(v[i], i), v[i] < g[2 * i] ? "below" : "above", fam, human(g[2 * i], i),
                        human(g[2 * i + 1], i)));
            }
        }
        return out;
    }

    private static String human(double v, int quantity) {
        if (quantity == 2) {
            return Long.toString(Math.round(v));
        }
        return v >= 1e9 ? String.format(java.util.Locale.ROOT, "%.3g G", v / 1e9)
                : String.format(java.util.Locale.ROOT, "%.3g M", v / 1e6);
    }

    private static Model trees(List<ProfileRow> rows, Target t, Kind kind, long seed) {
        List<String> names = new ArrayList<>(Features.NAMES);
        names.add("y");
        double[][] data = new double[rows.size()][];
        for (int i = 0; i < rows.size(); i++) {
            double[] x = Features.of(rows.get(i));
            double[] xy = java.util.Arrays.copyOf(x, x.length + 1);
            xy[x.length] = t.toLog(t.value(rows.get(i)));
            data[i] = xy;
        }
        DataFrame df = DataFrame.of(data, names.toArray(new String[0]));
        Formula f = Formula.lhs("y");
        String[] featureNames = Features.NAMES.toArray(new String[0]);
        if (kind == Kind.GBT) {
            MathEx.setSeed(seed);
            GradientTreeBoost m = GradientTreeBoost.fit(f, df, Loss.ls(), 300, 20, 8, 2, 0.05, 0.7);
            return (x, r) -> t.fromLog(m.predict(DataFrame.of(new double[][] {x}, featureNames).get(0)));
        }
        int mtry = Math.max(1, Features.NAMES.size() / 3);
        RandomForest m = RandomForest.fit(f, df, 200, mtry, 20, 200, 2, 1.0,
                LongStream.range(0, 200).map(i -> seed * 1_000_003L + i));
        return (x, r) -> t.fromLog(m.predict(DataFrame.of(new double[][] {x}, featureNames).get(0)));
    }

    /** OLS of the target on one size measure, per hardware profile key; the pooled fit for unseen profiles. */
    private static Model linear(List<ProfileRow> rows, Target t) {
        Map<String, double[]> fits = new HashMap<>();
        Map<String, List<ProfileRow>> byHw = new HashMap<>();
        for (ProfileRow r : rows) {
            byHw.computeIfAbsent(hwKey(r), k -> new ArrayList<>()).add(r);
        }
        for (Map.Entry<String, List<ProfileRow>> e : byHw.entrySet()) {
            if (e.getValue().size() >= 3) {
                fits.put(e.getKey(), ols(e.getValue(), t));
            }
        }
        double[] pooled = ols(rows, t);
        return (x, r) -> {
            double[] ab = fits.getOrDefault(hwKey(r), pooled);
            return Math.max(0, ab[0] + ab[1] * t.baselineX(r));
        };
    }

    private static String hwKey(ProfileRow r) {
        return r.hwThreads() + "@" + Math.round(r.hwCoreSpeed() * 4) / 4.0;
    }

    private static double[] ols(List<ProfileRow> rows, Target t) {
        double n = rows.size();
        double sx = 0;
        double sy = 0;
        double sxx = 0;
        double sxy = 0;
        for (ProfileRow r : rows) {
            double x = t.baselineX(r);
            double y = t.value(r);
            sx += x;
            sy += y;
            sxx += x * x;
            sxy += x * y;
        }
        double den = n * sxx - sx * sx;
        double b = den == 0 ? 0 : (n * sxy - sx * sy) / den;
        double a = (sy - b * sx) / n;
        return new double[] {a, b};
    }
}
