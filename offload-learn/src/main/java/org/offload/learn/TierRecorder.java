package org.offload.learn;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;

import org.offload.model.Decision;
import org.offload.model.Task;
import org.offload.policy.OffloadPolicy;
import org.offload.policy.PolicyContext;
import org.offload.policy.PolicyRegistry;
import org.offload.policy.builtin.BuiltInPolicies;
import org.offload.policy.SystemView;
import org.offload.policy.TaskOutcome;
import org.offload.policy.learned.ExpertLabeler;
import org.offload.policy.learned.PendingClaims;
import org.offload.policy.learned.TierFeatures;
import org.offload.scenario.Scenario;

/**
 * Records {@code tier.csv} and {@code vm.csv} ({@link DatasetGenerator}): wraps a behaviour policy and, at sampled
 * decisions, writes the tier features with the expert and oracle labels and, for a share of them, VM rows.
 */
final class TierRecorder implements EpisodeRecorder {
    private final DatasetGenerator.Options options;
    private final PolicyRegistry registry = BuiltInPolicies.registry();
    private PrintWriter tier;
    private PrintWriter vm;
    final int[] expertCounts = new int[TierFeatures.TIERS];
    final int[] oracleCounts = new int[TierFeatures.TIERS];
    private final TierFeatures f = new TierFeatures();
    private final PendingClaims none = new PendingClaims();
    private final StringBuilder line = new StringBuilder(1024);
    private final double[] bestFeasible = new double[TierFeatures.TIERS];
    private final double[] bestAdmit = new double[TierFeatures.TIERS];
    private final double[] bestAny = new double[TierFeatures.TIERS];
    private int episode;
    private int quota;
    private int inEpisode;
    private double probability;
    private SplittableRandom random;
    int tierRows;
    int vmRows;
    int covered;

    TierRecorder(DatasetGenerator.Options options) {
        this.options = options;
    }

    @Override
    public List<String> files() {
        return List.of(DatasetGenerator.TIER_FILE, DatasetGenerator.VM_FILE);
    }

    @Override
    public void open(Path dir) throws IOException {
        tier = DatasetGenerator.writer(dir.resolve(DatasetGenerator.TIER_FILE));
        vm = DatasetGenerator.writer(dir.resolve(DatasetGenerator.VM_FILE));
        tier.println(String.join(",", DatasetGenerator.tierHeader()));
        vm.println(String.join(",", DatasetGenerator.vmHeader()));
    }

    @Override
    public void close() {
        if (tier != null) {
            tier.close();
        }
        if (vm != null) {
            vm.close();
        }
    }

    @Override
    public int rows() {
        return tierRows;
    }

    @Override
    public int secondaryRows() {
        return vmRows;
    }

    @Override
    public OffloadPolicy start(int e, int q, double p, SplittableRandom r, Scenario s, String behaviour,
                               PolicyContext context) {
        episode = e;
        quota = q;
        inEpisode = 0;
        probability = p;
        random = r;
        OffloadPolicy inner = registry.create(behaviour, context);
        return new OffloadPolicy() {
            @Override
            public Decision decide(Task task, SystemView view) {
                if (inEpisode < quota && view.now() >= options.warmupS()
                        && random.nextDouble() < probability) {
                    record(task, view);
                }
                return inner.decide(task, view);
            }

            @Override
            public double batchWindowS() {
                return inner.batchWindowS();
            }

            @Override
            public void onTaskEnded(TaskOutcome outcome) {
                inner.onTaskEnded(outcome);
            }
        };
    }

    private void record(Task task, SystemView view) {
        f.observe(task, view, none);
        boolean exists = false;
        for (int k = 0; k < TierFeatures.TIERS; k++) {
            exists |= f.available(k);
        }
        if (!exists) {
            return;
        }
        double timeLeft = task.deadlineS() - view.now();
        for (int k = 0; k < TierFeatures.TIERS; k++) {
            bestFeasible[k] = Double.POSITIVE_INFINITY;
            bestAdmit[k] = Double.POSITIVE_INFINITY;
            bestAny[k] = Double.POSITIVE_INFINITY;
            if (!f.available(k)) {
                continue;
            }
            if (k == TierFeatures.DEVICE) {
                double est = f.estimateServiceTimeS(-1);
                bestAny[k] = est;
                if (f.feasible(k)) {
                    bestAdmit[k] = est;
                    if (est <= timeLeft) {
                        bestFeasible[k] = est;
                    }
                }
                continue;
            }
            for (int v = f.firstVm(k); v < f.firstVm(k) + f.vmCount(k); v++) {
                double est = f.estimateServiceTimeS(v);
                bestAny[k] = Math.min(bestAny[k], est);
                if (view.vmAdmits(v, task)) {
                    bestAdmit[k] = Math.min(bestAdmit[k], est);
                    if (est <= timeLeft) {
                        bestFeasible[k] = Math.min(bestFeasible[k], est);
                    }
                }
            }
        }
        int level = 0;
        int oracle = argmin(bestFeasible);
        if (oracle < 0) {
            level = 1;
            oracle = argmin(bestAdmit);
        }
        if (oracle < 0) {
            level = 2;
            oracle = argmin(bestAny);
        }
        if (oracle < 0) {
            return;
        }
        float[] x = f.features();
        int expert = ExpertLabeler.label(x);
        boolean cov = ExpertLabeler.covered(x);
        int sample = tierRows;
        line.setLength(0);
        line.append(sample).append(',').append(episode).append(',').append(view.now());
        for (float v : x) {
            line.append(',').append(v);
        }
        line.append(',').append(expert).append(',').append(cov ? 1 : 0).append(',').append(oracle).append(',')
                .append(level);
        for (double b : bestAny) {
            line.append(',').append(Double.isFinite(b) ? b : -1);
        }
        tier.println(line);
        tierRows++;
        inEpisode++;
        if (cov) {
            covered++;
        }
        expertCounts[expert]++;
        oracleCounts[oracle]++;

        if (random.nextDouble() < options.vmFraction()) {
            int n = 0;
            for (int k = 0; k < 3; k++) {
                if (f.available(k)) {
                    n++;
                }
            }
            if (n == 0) {
                return;
            }
            int pick = random.nextInt(n);
            int k = 0;
            for (; k < 3; k++) {
                if (f.available(k) && pick-- == 0) {
                    break;
                }
            }
            double horizon = timeLeft > 0 ? timeLeft : task.maxDelayS();
            for (int v = f.firstVm(k); v < f.firstVm(k) + f.vmCount(k); v++) {
                float[] vx = f.vmFeatures(k, v);
                boolean admits = view.vmAdmits(v, task);
                double est = f.estimateServiceTimeS(v);
                double target = admits ? Math.exp(-est / horizon) : 0;
                line.setLength(0);
                line.append(sample).append(',').append(episode).append(',').append(k).append(',').append(v);
                for (float val : vx) {
                    line.append(',').append(val);
                }
                line.append(',').append(admits ? 1 : 0).append(',').append(est).append(',')
                        .append(admits && est <= timeLeft ? 1 : 0).append(',').append((float) target);
                vm.println(line);
                vmRows++;
            }
        }
    }

    private static int argmin(double[] v) {
        int best = -1;
        for (int i = 0; i < v.length; i++) {
            if (v[i] < Double.POSITIVE_INFINITY && (best < 0 || v[i] < v[best])) {
                best = i;
            }
        }
        return best;
    }
}
