package org.offload.policy.quality;

/**
 * Solvers of a {@link SlotProblem}. {@link #bruteForce} enumerates every assignment (servers^tasks × points^tasks)
 * with the delay-optimal CPU shares, which have a closed form: minimising Σ C_i / (D_i f_i) subject to
 * Σ f_i ≤ F gives f_i = F·√(C_i/D_i) / Σ √(C_l/D_l) (Lagrange). {@link #heuristic} is the substitute spec's
 * heuristic: shares proportional to the work (f_i = F·C_i / Σ C_l) or the square-root rule above, and each task in
 * turn moved to its best option given the others' until no decision changes (at most {@value #ROUNDS} rounds).
 */
public final class SlotSolver {
    /** The heuristic's limit on best-response rounds. */
    public static final int ROUNDS = 10;

    /** How the heuristic divides a server's CPU among its tasks. */
    public enum Shares { PROPORTIONAL, SQRT }

    /** An assignment and its objective. */
    public record Solution(int[] server, int[] point, double objective) {
    }

    private SlotSolver() {
    }

    /** The exact optimum by enumeration, with optimal (square-root) CPU shares. */
    public static Solution bruteForce(SlotProblem p) {
        int n = p.tasks();
        int options = p.servers() * p.points();
        int[] choice = new int[n];
        int[] bestServer = null;
        int[] bestPoint = null;
        double best = Double.POSITIVE_INFINITY;
        int[] server = new int[n];
        int[] point = new int[n];
        while (true) {
            for (int i = 0; i < n; i++) {
                server[i] = choice[i] / p.points();
                point[i] = choice[i] % p.points();
            }
            double obj = objective(p, server, point, Shares.SQRT);
            if (obj < best) {
                best = obj;
                bestServer = server.clone();
                bestPoint = point.clone();
            }
            int i = 0;
            while (i < n && ++choice[i] == options) {
                choice[i] = 0;
                i++;
            }
            if (i == n) {
                break;
            }
        }
        return new Solution(bestServer, bestPoint, best);
    }

    /** Best-response rounds from every task on its best option alone, with {@code shares}. */
    public static Solution heuristic(SlotProblem p, Shares shares) {
        int n = p.tasks();
        int[] server = new int[n];
        int[] point = new int[n];
        for (int i = 0; i < n; i++) {
            double best = Double.POSITIVE_INFINITY;
            for (int j = 0; j < p.servers(); j++) {
                for (int k = 0; k < p.points(); k++) {
                    double o = p.taskObjective(i, j, k, p.capacityMips()[j]);
                    if (o < best) {
                        best = o;
                        server[i] = j;
                        point[i] = k;
                    }
                }
            }
        }
        for (int round = 0; round < ROUNDS; round++) {
            boolean changed = false;
            for (int i = 0; i < n; i++) {
                int keepJ = server[i];
                int keepK = point[i];
                double best = objective(p, server, point, shares);
                for (int j = 0; j < p.servers(); j++) {
                    for (int k = 0; k < p.points(); k++) {
                        server[i] = j;
                        point[i] = k;
                        double o = objective(p, server, point, shares);
                        if (o < best - 1e-12) {
                            best = o;
                            keepJ = j;
                            keepK = k;
                            changed = true;
                        }
                    }
                }
                server[i] = keepJ;
                point[i] = keepK;
            }
            if (!changed) {
                break;
            }
        }
        return new Solution(server, point, objective(p, server, point, shares));
    }

    /** The slot's objective for an assignment, each server's CPU divided by {@code shares}. */
    public static double objective(SlotProblem p, int[] server, int[] point, Shares shares) {
        double[] weight = new double[p.servers()];
        for (int i = 0; i < p.tasks(); i++) {
            weight[server[i]] += share(p, i, point[i], shares);
        }
        double sum = 0;
        for (int i = 0; i < p.tasks(); i++) {
            int j = server[i];
            double mips = p.capacityMips()[j] * share(p, i, point[i], shares) / weight[j];
            sum += p.taskObjective(i, j, point[i], mips);
        }
        return sum;
    }

    private static double share(SlotProblem p, int i, int k, Shares shares) {
        double c = p.workMi()[i][k];
        return shares == Shares.PROPORTIONAL ? c : Math.sqrt(c / p.deadlineS()[i]);
    }
}
