package org.offload.moo;

import java.util.List;

/**
 * A non-dominated front of workflow placements: each point's processors and its objectives (makespan s, device J,
 * server MI), and the two rules that pick one point.
 */
final class Front {
    final List<int[]> processors;
    final List<double[]> objectives;

    Front(List<int[]> processors, List<double[]> objectives) {
        this.processors = List.copyOf(processors);
        this.objectives = List.copyOf(objectives);
    }

    int size() {
        return objectives.size();
    }

    /** Objective {@code k} of point {@code i} scaled to [0, 1] over the front (0 where the front does not vary). */
    double normalised(int i, int k) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (double[] o : objectives) {
            lo = Math.min(lo, o[k]);
            hi = Math.max(hi, o[k]);
        }
        return hi > lo ? (objectives.get(i)[k] - lo) / (hi - lo) : 0;
    }

    /** The point of least {@code w} · normalised objectives; the lower index on ties. */
    int weighted(double[] w) {
        int best = 0;
        double bestCost = Double.POSITIVE_INFINITY;
        for (int i = 0; i < size(); i++) {
            double c = 0;
            for (int k = 0; k < 3; k++) {
                c += w[k] * normalised(i, k);
            }
            if (c < bestCost) {
                bestCost = c;
                best = i;
            }
        }
        return best;
    }

    /** The point nearest the ideal point (all normalised objectives 0); the lower index on ties. */
    int knee() {
        int best = 0;
        double bestD = Double.POSITIVE_INFINITY;
        for (int i = 0; i < size(); i++) {
            double d = 0;
            for (int k = 0; k < 3; k++) {
                d += normalised(i, k) * normalised(i, k);
            }
            if (d < bestD) {
                bestD = d;
                best = i;
            }
        }
        return best;
    }
}
