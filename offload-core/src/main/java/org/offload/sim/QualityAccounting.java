package org.offload.sim;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.offload.metrics.QualityMetrics;
import org.offload.model.Tier;
import org.offload.scenario.ApplicationSpec;
import org.offload.scenario.QualitySpec;

/**
 * Sums behind {@link QualityMetrics} for the applications with input-quality levels (issue 20, theme 2); measured
 * tasks only. {@link #needed} is false without such an application, so other runs carry no extra state.
 */
final class QualityAccounting {
    private final List<ApplicationSpec> apps;
    private final long[] tasks;
    private final long[] completed;
    private final long[] met;
    private final double[] accuracySum;
    private final double[] latencySum;
    private final double[] energySum;
    private final double[] uploadSum;
    private final double[] levelSum;

    QualityAccounting(List<ApplicationSpec> apps) {
        this.apps = apps;
        int n = apps.size();
        tasks = new long[n];
        completed = new long[n];
        met = new long[n];
        accuracySum = new double[n];
        latencySum = new double[n];
        energySum = new double[n];
        uploadSum = new double[n];
        levelSum = new double[n];
    }

    static boolean needed(List<ApplicationSpec> apps) {
        return apps.stream().anyMatch(ApplicationSpec::hasQuality);
    }

    /** A measured task ended: completed when {@code ok}, after {@code serviceS}. */
    void taskEnded(Job job, boolean ok, double serviceS) {
        int a = job.task.app();
        ApplicationSpec app = apps.get(a);
        if (!app.hasQuality()) {
            return;
        }
        tasks[a]++;
        energySum[a] += job.energyJ;
        boolean remote = job.decision != null && job.decision.isPlacement();
        uploadSum[a] += remote ? job.upKb : 0;
        if (ok && job.variant >= 0) {
            QualitySpec q = app.model().quality();
            double accuracy = app.model().variant(job.variant).accuracy();
            completed[a]++;
            accuracySum[a] += accuracy;
            latencySum[a] += serviceS;
            levelSum[a] += q.levels().get(q.levelOf(job.variant));
            if (accuracy >= q.accuracyRequired()) {
                met[a]++;
            }
        }
    }

    Map<String, QualityMetrics> result() {
        Map<String, QualityMetrics> out = new LinkedHashMap<>();
        for (int a = 0; a < apps.size(); a++) {
            ApplicationSpec app = apps.get(a);
            if (app.hasQuality()) {
                out.put(app.name(), new QualityMetrics(tasks[a], completed[a], met[a], ratio(met[a], tasks[a]),
                        app.model().quality().accuracyRequired(), ratio(accuracySum[a], completed[a]),
                        ratio(latencySum[a], completed[a]), ratio(energySum[a], tasks[a]),
                        ratio(uploadSum[a], tasks[a]), ratio(levelSum[a], completed[a])));
            }
        }
        return out;
    }

    private static double ratio(double x, long n) {
        return n > 0 ? x / n : Double.NaN;
    }
}
