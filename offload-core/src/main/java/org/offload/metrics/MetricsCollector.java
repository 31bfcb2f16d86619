package org.offload.metrics;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.HdrHistogram.Histogram;
import org.offload.model.FailureReason;
import org.offload.model.Tier;

/**
 * Accumulates task metrics per application and per tier with O(1), allocation-free updates: counters, sums and
 * one HdrHistogram of service time per application (values in microseconds, 3 significant digits, so a
 * percentile is within 0.1% of the true value; means and maxima are kept exactly).
 */
public final class MetricsCollector {
    private static final int REASONS = FailureReason.values().length;
    private static final int TIERS = Tier.values().length;

    private final List<String> apps;
    private final long[] generated;
    private final long[] completed;
    private final long[][] failures;
    private final double[] network;
    private final double[] processing;
    private final double[] waiting;
    private final double[] energy;
    private final double[] serviceSum;
    private final double[] serviceMax;
    /** Sum of the model accuracies of completed tasks, and how many completed tasks had a model. */
    private final double[] accuracySum;
    private final long[] accuracyTasks;
    private final Histogram[] service;
    private final long[] tierTasks = new long[TIERS];
    private final long[] tierCompleted = new long[TIERS];
    private final double[] tierService = new double[TIERS];

    public MetricsCollector(List<String> applicationNames) {
        apps = List.copyOf(applicationNames);
        int n = apps.size();
        generated = new long[n];
        completed = new long[n];
        failures = new long[n][REASONS];
        network = new double[n];
        processing = new double[n];
        waiting = new double[n];
        energy = new double[n];
        serviceSum = new double[n];
        serviceMax = new double[n];
        accuracySum = new double[n];
        accuracyTasks = new long[n];
        service = new Histogram[n];
        for (int i = 0; i < n; i++) {
            service[i] = new Histogram(3);
        }
    }

    /** Records a measured task that ended; {@code tier} is null if it failed before a decision. */
    public void record(int app, Tier tier, FailureReason failure, double serviceS, double networkS,
                       double processingS, double waitS, double energyJ) {
        generated[app]++;
        energy[app] += energyJ;
        if (tier != null) {
            tierTasks[tier.ordinal()]++;
        }
        if (failure != null) {
            failures[app][failure.ordinal()]++;
            return;
        }
        completed[app]++;
        network[app] += networkS;
        processing[app] += processingS;
        waiting[app] += waitS;
        serviceSum[app] += serviceS;
        serviceMax[app] = Math.max(serviceMax[app], serviceS);
        service[app].recordValue(Math.max(0, Math.round(serviceS * 1e6)));
        if (tier != null) {
            tierCompleted[tier.ordinal()]++;
            tierService[tier.ordinal()] += serviceS;
        }
    }

    /**
     * Records the model accuracy of a measured task that completed (call once per such task, for applications
     * that name an AI model).
     */
    public void recordAccuracy(int app, double accuracy) {
        accuracySum[app] += accuracy;
        accuracyTasks[app]++;
    }

    public GroupMetrics overall() {
        Histogram all = new Histogram(3);
        long gen = 0, done = 0;
        long[] fails = new long[REASONS];
        double net = 0, proc = 0, wait = 0, en = 0, svc = 0, max = 0, acc = 0;
        long accN = 0;
        for (int a = 0; a < apps.size(); a++) {
            all.add(service[a]);
            gen += generated[a];
            done += completed[a];
            net += network[a];
            proc += processing[a];
            wait += waiting[a];
            en += energy[a];
            svc += serviceSum[a];
            max = Math.max(max, serviceMax[a]);
            acc += accuracySum[a];
            accN += accuracyTasks[a];
            for (int r = 0; r < REASONS; r++) {
                fails[r] += failures[a][r];
            }
        }
        return group(gen, done, fails, all, svc, max, net, proc, wait, en, acc, accN);
    }

    public Map<String, GroupMetrics> perApplication() {
        Map<String, GroupMetrics> out = new LinkedHashMap<>();
        for (int a = 0; a < apps.size(); a++) {
            out.put(apps.get(a), group(generated[a], completed[a], failures[a], service[a], serviceSum[a], serviceMax[a], network[a],
                    processing[a], waiting[a], energy[a], accuracySum[a], accuracyTasks[a]));
        }
        return out;
    }

    public Map<String, TierMetrics> perTier() {
        Map<String, TierMetrics> out = new LinkedHashMap<>();
        for (Tier t : Tier.values()) {
            int i = t.ordinal();
            out.put(t.key(), new TierMetrics(tierTasks[i], tierCompleted[i],
                    tierCompleted[i] == 0 ? 0 : tierService[i] / tierCompleted[i]));
        }
        return out;
    }

    /** A histogram percentile in seconds; buckets report their upper edge, so clamp to the exact maximum. */
    private static double percentile(Histogram h, double p, double max) {
        return Math.min(max, h.getValueAtPercentile(p) / 1e6);
    }

    private static GroupMetrics group(long gen, long done, long[] fails, Histogram h, double svc, double max,
                                      double net, double proc, double wait, double en, double accSum,
                                      long accTasks) {
        Map<String, Long> reasons = new LinkedHashMap<>();
        long failed = 0;
        for (FailureReason r : FailureReason.values()) {
            long c = fails[r.ordinal()];
            failed += c;
            if (c > 0) {
                reasons.put(r.key(), c);
            }
        }
        TimeStats st = h.getTotalCount() == 0 ? TimeStats.EMPTY : new TimeStats(h.getTotalCount(), svc / done,
                percentile(h, 50, max), percentile(h, 95, max), percentile(h, 99, max), max);
        double d = Math.max(1, done);
        return new GroupMetrics(gen, done, failed, gen == 0 ? 0 : (double) failed / gen, reasons, st,
                done == 0 ? 0 : net / d, done == 0 ? 0 : proc / d, done == 0 ? 0 : wait / d, en,
                accTasks == 0 ? Double.NaN : accSum / accTasks, gen == 0 ? 0 : (double) done / gen);
    }
}
