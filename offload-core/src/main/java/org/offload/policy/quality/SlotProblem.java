package org.offload.policy.quality;

/**
 * One slot of the joint quality problem with several tasks (the per-slot problem of the substitute model for Fan et
 * al. 2023, recovered-paper-specs.md §3): task i picks a server j and an operating point k; the tasks on a server
 * share its CPU (shares f_i with Σ f_i ≤ F_j). With upload u_ik (KB), work C_ik (MI), transfer time per KB ρ_j (0 on
 * the device), device energy per KB ε_j and per MI η_j, deadline D_i and accuracy a_k, task i's part of the
 * objective is
 * <pre>  V·(T_i / D_i + w·E_i) + Z·(1 − a_k),   T_i = u_ik·ρ_j + C_ik / f_i,   E_i = u_ik·ε_j + C_ik·η_j</pre>
 * (the drift-plus-penalty Z·(a_req − a) up to a constant). All arrays are indexed [task][point] or [server].
 */
public record SlotProblem(double v, double z, double energyWeight, double[] deadlineS, double[][] uploadKb,
                          double[][] workMi, double[] accuracy, double[] capacityMips, double[] secondsPerKb,
                          double[] joulesPerKb, double[] joulesPerMi) {
    public int tasks() {
        return deadlineS.length;
    }

    public int points() {
        return accuracy.length;
    }

    public int servers() {
        return capacityMips.length;
    }

    /** Task i's part of the objective on server j with point k and CPU share {@code mips}. */
    public double taskObjective(int i, int j, int k, double mips) {
        double t = uploadKb[i][k] * secondsPerKb[j] + workMi[i][k] / mips;
        double e = uploadKb[i][k] * joulesPerKb[j] + workMi[i][k] * joulesPerMi[j];
        return v * (t / deadlineS[i] + energyWeight * e) + z * (1 - accuracy[k]);
    }
}
