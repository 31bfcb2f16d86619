package org.offload.profile.predict;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

import org.offload.profile.measure.ProfileRow;

/**
 * Cross-validated errors of the predictors, per target and predictor kind: MAPE (mean absolute percentage error, %)
 * and R² of log10 values (the targets span several orders of magnitude, so R² on the raw scale would only reflect
 * the largest networks). Three ways to hold data out ({@link Scheme}):
 * <ul>
 * <li>{@link Scheme#GROUPED}, k folds of whole configurations: every hardware profile of a configuration (family,
 * hyperparameters, input, batch) is in the same fold, so a test row's configuration was never seen in training.
 * This is the question a prediction for a new model asks, and the headline;</li>
 * <li>{@link Scheme#FAMILY}, leave one family out: train on the other families, test on the held-out one;</li>
 * <li>{@link Scheme#ROWS}, k folds of rows: the same configuration measured on another hardware profile is usually in
 * the training folds, so this measures interpolation between hardware profiles, not prediction for a new model.</li>
 * </ul>
 * Energy is scored as the predictor gives it: derived from latency and utilisation unless it was measured
 * ({@link Score#derived()}).
 */
public final class Evaluation {
    /** How test rows are held out. */
    public enum Scheme {
        GROUPED("leave-configuration-out"),
        FAMILY("leave-one-family-out"),
        ROWS("rows (interpolation)");

        private final String label;

        Scheme(String label) {
            this.label = label;
        }

        /** How the scheme is named in tables ({@code k} folds where it has folds). */
        public String label(int k) {
            return this == FAMILY ? label : k + "-fold " + label;
        }
    }

    /** One line of the result table; {@code derived} marks an energy derived from other predictions. */
    public record Score(String scheme, String held, Target target, Predictor.Kind kind, int n, double mapePercent,
                        double r2Log, boolean derived) {
        /** The target's name, with {@code (derived)} when it was not learned. */
        public String targetLabel() {
            return target.key() + (derived ? " (derived)" : "");
        }
    }

    private Evaluation() {
    }

    /** Every scheme: grouped folds, leave one family out, row folds. */
    public static List<Score> run(List<ProfileRow> rows, int folds, long seed) {
        return run(rows, folds, seed, List.of(Scheme.values()));
    }

    /** The given schemes, in the order given, each for every kind and target. */
    public static List<Score> run(List<ProfileRow> rows, int folds, long seed, List<Scheme> schemes) {
        List<Score> out = new ArrayList<>();
        for (Scheme scheme : schemes) {
            if (scheme == Scheme.FAMILY) {
                out.addAll(leaveFamilyOut(rows, seed));
            } else {
                int[] fold = scheme == Scheme.GROUPED ? groupedFolds(rows, folds, seed) : folds(rows.size(), folds, seed);
                out.addAll(kFold(rows, fold, folds, seed, scheme.label(folds)));
            }
        }
        return out;
    }

    private static List<Score> kFold(List<ProfileRow> rows, int[] fold, int folds, long seed, String scheme) {
        List<Score> out = new ArrayList<>();
        for (Predictor.Kind kind : Predictor.Kind.values()) {
            double[][] pred = new double[Target.values().length][rows.size()];
            boolean derived = false;
            for (int f = 0; f < folds; f++) {
                List<ProfileRow> train = new ArrayList<>();
                List<Integer> test = new ArrayList<>();
                for (int i = 0; i < rows.size(); i++) {
                    if (fold[i] == f) {
                        test.add(i);
                    } else {
                        train.add(rows.get(i));
                    }
                }
                if (test.isEmpty()) {
                    continue;
                }
                Predictor p = Predictor.train(train, kind, seed);
                derived = p.energyDerived();
                for (int i : test) {
                    for (Target t : Target.values()) {
                        pred[t.ordinal()][i] = p.predict(t, rows.get(i));
                    }
                }
            }
            for (Target t : Target.values()) {
                out.add(score(scheme, "all", t, kind, rows, pred[t.ordinal()], derived && t == Target.ENERGY_J));
            }
        }
        return out;
    }

    private static List<Score> leaveFamilyOut(List<ProfileRow> rows, long seed) {
        List<Score> out = new ArrayList<>();
        Set<String> families = new LinkedHashSet<>();
        rows.forEach(r -> families.add(r.family()));
        for (String fam : families) {
            List<ProfileRow> train = rows.stream().filter(r -> !r.family().equals(fam)).toList();
            List<ProfileRow> test = rows.stream().filter(r -> r.family().equals(fam)).toList();
            if (train.size() < 5 || test.isEmpty()) {
                continue;
            }
            for (Predictor.Kind kind : Predictor.Kind.values()) {
                Predictor p = Predictor.train(train, kind, seed);
                for (Target t : Target.values()) {
                    double[] pr = test.stream().mapToDouble(r -> p.predict(t, r)).toArray();
                    out.add(score(Scheme.FAMILY.label(0), fam, t, kind, test, pr,
                            p.energyDerived() && t == Target.ENERGY_J));
                }
            }
        }
        return out;
    }

    /** A configuration without its hardware profile: what grouped folds keep together. */
    public static String configuration(ProfileRow r) {
        return String.join("|", r.family(), r.model(), Integer.toString(r.depth()), Double.toString(r.width()),
                Integer.toString(r.input()), Integer.toString(r.batch()), r.mode(), r.optimizer());
    }

    /** Folds of whole configurations: the configurations in order of appearance, shuffled with the seed, dealt out. */
    public static int[] groupedFolds(List<ProfileRow> rows, int k, long seed) {
        Map<String, Integer> group = new LinkedHashMap<>();
        for (ProfileRow r : rows) {
            group.putIfAbsent(configuration(r), group.size());
        }
        int[] groupFold = folds(group.size(), k, seed);
        int[] fold = new int[rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            fold[i] = groupFold[group.get(configuration(rows.get(i)))];
        }
        return fold;
    }

    /** Folds of rows: the row indices shuffled with the seed, dealt out to {@code k} folds. */
    public static int[] folds(int n, int k, long seed) {
        int[] idx = new int[n];
        for (int i = 0; i < n; i++) {
            idx[i] = i;
        }
        SplittableRandom r = new SplittableRandom(seed);
        for (int i = n - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            int tmp = idx[i];
            idx[i] = idx[j];
            idx[j] = tmp;
        }
        int[] fold = new int[n];
        for (int i = 0; i < n; i++) {
            fold[idx[i]] = i % k;
        }
        return fold;
    }

    static Score score(String scheme, String held, Target t, Predictor.Kind kind, List<ProfileRow> rows, double[] pred,
                       boolean derived) {
        double ape = 0;
        int n = 0;
        double[] yl = new double[rows.size()];
        double[] pl = new double[rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            double y = t.value(rows.get(i));
            double off = t == Target.MEMORY_MB ? 1 : 0;
            ape += Math.abs(pred[i] - y) / Math.max(Math.abs(y + off), 1e-9) * (off > 0 ? 1 : 1);
            n++;
            yl[i] = Math.log10(Math.max(y + off, 1e-9));
            pl[i] = Math.log10(Math.max(pred[i] + off, 1e-9));
        }
        double mean = 0;
        for (double v : yl) {
            mean += v;
        }
        mean /= yl.length;
        double ssRes = 0;
        double ssTot = 0;
        for (int i = 0; i < yl.length; i++) {
            ssRes += (yl[i] - pl[i]) * (yl[i] - pl[i]);
            ssTot += (yl[i] - mean) * (yl[i] - mean);
        }
        return new Score(scheme, held, t, kind, n, 100 * ape / n, ssTot > 0 ? 1 - ssRes / ssTot : Double.NaN, derived);
    }
}
