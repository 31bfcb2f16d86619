package org.offload.profile.predict;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

import org.offload.profile.measure.ProfileRow;

/**
 * Cross-validated errors of the predictors: k-fold over rows (shuffled with the seed) and leave-one-family-out
 * (train on the other families, test on the held-out one). Per target and predictor kind: MAPE (mean absolute
 * percentage error, %) and R² of log10 values (the targets span several orders of magnitude, so R² on the raw
 * scale would only reflect the largest networks).
 */
public final class Evaluation {
    /** One line of the result table. */
    public record Score(String scheme, String held, Target target, Predictor.Kind kind, int n, double mapePercent,
                        double r2Log) {
    }

    private Evaluation() {
    }

    public static List<Score> run(List<ProfileRow> rows, int folds, long seed) {
        List<Score> out = new ArrayList<>();
        int[] fold = folds(rows.size(), folds, seed);
        for (Predictor.Kind kind : Predictor.Kind.values()) {
            double[][][] pred = new double[Target.values().length][1][rows.size()];
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
                Predictor p = Predictor.train(train, kind, seed);
                for (int i : test) {
                    for (Target t : Target.values()) {
                        pred[t.ordinal()][0][i] = p.predict(t, rows.get(i));
                    }
                }
            }
            for (Target t : Target.values()) {
                out.add(score(folds + "-fold", "all", t, kind, rows, pred[t.ordinal()][0]));
            }
        }
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
                    out.add(score("leave-one-family-out", fam, t, kind, test, pr));
                }
            }
        }
        return out;
    }

    static int[] folds(int n, int k, long seed) {
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

    static Score score(String scheme, String held, Target t, Predictor.Kind kind, List<ProfileRow> rows, double[] pred) {
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
        return new Score(scheme, held, t, kind, n, 100 * ape / n, ssTot > 0 ? 1 - ssRes / ssTot : Double.NaN);
    }
}
