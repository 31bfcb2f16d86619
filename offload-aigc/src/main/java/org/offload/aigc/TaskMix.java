package org.offload.aigc;

import java.util.SplittableRandom;

/**
 * Draws task types (= required models) by the scenario's {@link AigcScenario.Popularity}: uniform over the models
 * in use, or Zipf over a popularity ranking that is a random permutation, drawn afresh every
 * {@code drift_every_slots} slots. Uniform draws use {@code nextInt(m)} of the task stream, as before popularity
 * was a parameter, so uniform episodes are unchanged. One per environment; reset per episode.
 */
final class TaskMix {
    private final AigcScenario.Popularity popularity;
    private final int models;
    /** rank[m] = 0-based popularity rank of model m. */
    private final int[] rank;
    private final double[] probability;
    private final double[] cumulative;
    private SplittableRandom rankingRandom;

    TaskMix(AigcScenario s) {
        this.popularity = s.popularity();
        this.models = s.modelCount();
        this.rank = new int[models];
        this.probability = new double[models];
        this.cumulative = new double[models];
    }

    /** Starts an episode; rankings come from {@code rankingRandom}. */
    void reset(SplittableRandom rankingRandom) {
        this.rankingRandom = rankingRandom;
        for (int m = 0; m < models; m++) {
            rank[m] = m;
            probability[m] = 1.0 / models;
        }
    }

    /** Called before slot {@code slot}'s tasks are drawn: a Zipf ranking is (re)drawn at slot 0 and every drift. */
    void startSlot(int slot) {
        if (popularity.distribution() != AigcScenario.Distribution.ZIPF) {
            return;
        }
        int drift = popularity.driftEverySlots();
        if (slot == 0 || (drift > 0 && slot % drift == 0)) {
            int[] order = permutation(rankingRandom, models);
            for (int k = 0; k < models; k++) {
                rank[order[k]] = k;
            }
            double norm = 0;
            for (int k = 1; k <= models; k++) {
                norm += Math.pow(k, -popularity.zipfExponent());
            }
            double sum = 0;
            for (int m = 0; m < models; m++) {
                probability[m] = Math.pow(rank[m] + 1, -popularity.zipfExponent()) / norm;
            }
            for (int m = 0; m < models; m++) {
                sum += probability[m];
                cumulative[m] = sum;
            }
        }
    }

    /** One task's type. */
    int draw(SplittableRandom r) {
        if (popularity.distribution() != AigcScenario.Distribution.ZIPF) {
            return r.nextInt(models);
        }
        double u = r.nextDouble() * cumulative[models - 1];
        for (int m = 0; m < models - 1; m++) {
            if (u < cumulative[m]) {
                return m;
            }
        }
        return models - 1;
    }

    /** The current probability of each model (for tests and oracles; not part of any observation). */
    double[] probabilities() {
        return probability.clone();
    }

    static int[] permutation(SplittableRandom r, int m) {
        int[] p = new int[m];
        for (int i = 0; i < m; i++) {
            p[i] = i;
        }
        for (int i = m - 1; i > 0; i--) {
            int k = r.nextInt(i + 1);
            int t = p[i];
            p[i] = p[k];
            p[k] = t;
        }
        return p;
    }
}
