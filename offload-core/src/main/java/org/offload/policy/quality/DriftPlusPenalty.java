package org.offload.policy.quality;

/**
 * The per-slot rule of the joint quality policy (issue 20, theme 2), kept apart from the simulator so that the
 * Lyapunov trade-off can be tested on it directly. An option x has a penalty (cost) c_x, an accuracy a_x and a
 * backlog drift term b_x; with trade-off parameter V, the virtual accuracy queue Z and the requirement a_req, the
 * rule takes
 * <pre>  argmin_x  V·c_x + Z·(a_req − a_x) + b_x</pre>
 * and then updates Z(t+1) = max(Z + a_req − a_x, 0), the queue that enforces a long-term mean accuracy of at least
 * a_req (Neely, Stochastic Network Optimization, 2010, ch. 4; the substitute model for Fan et al. 2023 in
 * recovered-paper-specs.md section 3). The time-average penalty is within B/V of the optimum of the constrained
 * problem and Z grows as O(V).
 */
public final class DriftPlusPenalty {
    private DriftPlusPenalty() {
    }

    /** The drift-plus-penalty score of one option. */
    public static double score(double v, double z, double aRequired, double cost, double accuracy, double backlog) {
        return v * cost + z * (aRequired - accuracy) + backlog;
    }

    /**
     * Index of the option with the lowest score (ties: the more accurate, then the first); -1 when there is none.
     * {@code backlog} may be null (no backlog term).
     */
    public static int choose(double v, double z, double aRequired, double[] cost, double[] accuracy,
                             double[] backlog) {
        return choose(v, z, aRequired, cost, accuracy, backlog, cost.length);
    }

    /** {@link #choose(double, double, double, double[], double[], double[])} over the first {@code n} options. */
    public static int choose(double v, double z, double aRequired, double[] cost, double[] accuracy,
                             double[] backlog, int n) {
        int best = -1;
        double bestScore = Double.POSITIVE_INFINITY;
        for (int x = 0; x < n; x++) {
            double s = score(v, z, aRequired, cost[x], accuracy[x], backlog == null ? 0 : backlog[x]);
            if (s < bestScore - 1e-12 || (best >= 0 && s <= bestScore + 1e-12 && accuracy[x] > accuracy[best])) {
                best = x;
                bestScore = Math.min(s, bestScore);
            }
        }
        return best;
    }

    /** The virtual accuracy queue after serving an option of accuracy {@code accuracy}. */
    public static double nextQueue(double z, double aRequired, double accuracy) {
        return Math.max(z + aRequired - accuracy, 0);
    }
}
