package org.offload.aigc.learn;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.offload.aigc.AgentKind;
import org.offload.aigc.AigcRunner;
import org.offload.aigc.AigcScenario;
import org.offload.aigc.EpisodeStats;
import org.offload.aigc.TrainConfig;
import org.offload.experiment.Estimate;
import org.offload.experiment.Range;
import org.offload.learn.Djl;

/**
 * Per-fix ablations of the AIGC learner (issue 18): trains MADDPG-MATO on LearningTest's configuration (TrainingTest's
 * small scenario, {@link LearningTest#shortTraining()}) with the defaults and with one option changed at a time, for
 * several training seeds, and evaluates every checkpoint on LearningTest's 30 held-out episodes (common to all).
 * Per seed, the effect is the ablated actors' mean minus the default actors' mean over those episodes (the same
 * seed for both); the printed interval is the Student-t 95% interval of these per-seed differences (the training
 * seed is the unit, so with 3 seeds t(2) = 4.30). Not a test; run by hand (docs/aigc.md, "Ablations"):
 * {@code java -cp <offload-aigc's test class path> org.offload.aigc.learn.AblationCheck SEEDS [NAME ...]}.
 */
public final class AblationCheck {
    /** Name, then the option changed from the defaults (what the fix's absence looks like). */
    static final Map<String, Map<String, String>> ABLATIONS = new LinkedHashMap<>();

    static {
        ABLATIONS.put("default", Map.of());
        ABLATIONS.put("no-logit-penalty", Map.of("logit_penalty", "0"));
        ABLATIONS.put("no-grad-clip", Map.of("grad_clip", "0"));
        ABLATIONS.put("soft-samples", Map.of("straight_through", "false"));
        ABLATIONS.put("uniform-warmup", Map.of("one_hot_warmup", "false"));
        ABLATIONS.put("epsilon-to-0", Map.of("epsilon_end", "0"));
        ABLATIONS.put("no-coordination", Map.of("coordination", "false"));
        ABLATIONS.put("gamma-0", Map.of("gamma", "0"));
        ABLATIONS.put("n-step-3", Map.of("n_step", "3"));
        ABLATIONS.put("parameter-sharing", Map.of("parameter_sharing", "true"));
    }

    private AblationCheck() {
    }

    private static double mean(double[] v) {
        return Arrays.stream(v).average().orElse(Double.NaN);
    }

    public static void main(String[] args) {
        Djl.configure();
        int seeds = Integer.parseInt(args[0]);
        List<String> names = args.length > 1 ? Arrays.asList(args).subList(1, args.length)
                : List.copyOf(ABLATIONS.keySet());
        AigcScenario s = TrainingTest.scenario();
        Map<String, double[]> reward = new LinkedHashMap<>();
        Map<String, double[]> completion = new LinkedHashMap<>();
        for (String name : names) {
            if (!ABLATIONS.containsKey(name)) {
                throw new IllegalArgumentException("unknown ablation " + name + "; known: " + ABLATIONS.keySet());
            }
            TrainConfig cfg = LearningTest.shortTraining().with(ABLATIONS.get(name));
            double[] r = new double[seeds];
            double[] c = new double[seeds];
            for (int k = 0; k < seeds; k++) {
                long seed = LearningTest.SEED + k;
                long start = System.nanoTime();
                var cp = new MaddpgTrainer(s, AgentKind.MADDPG_MATO, cfg, seed).train(null).checkpoint();
                List<EpisodeStats> eps = AigcRunner.run(s, cp.policy(), LearningTest.EVAL_EPISODES,
                        LearningTest.EVAL_SEED);
                r[k] = mean(eps.stream().mapToDouble(EpisodeStats::reward).toArray());
                c[k] = mean(eps.stream().mapToDouble(EpisodeStats::completion).toArray());
                System.out.printf(Locale.ROOT, "%s seed %d: reward %.4f completion %.4f (%.1f s)%n", name, seed,
                        r[k], c[k], (System.nanoTime() - start) / 1e9);
            }
            reward.put(name, r);
            completion.put(name, c);
        }
        System.out.println("ablation | reward per seed | reward - default (95% CI over seeds) | completion - default"
                + " (pp, 95% CI over seeds)");
        double[] r0 = reward.get("default");
        double[] c0 = completion.get("default");
        for (String name : reward.keySet()) {
            String dr = r0 == null ? "" : fmt(Estimate.pairedDifference(reward.get(name), r0, Range.REAL), 1);
            String dc = c0 == null ? "" : fmt(Estimate.pairedDifference(completion.get(name), c0, Range.REAL), 100);
            System.out.printf(Locale.ROOT, "%s | %s | %s | %s%n", name, Arrays.toString(reward.get(name)), dr, dc);
        }
    }

    private static String fmt(Estimate e, double scale) {
        return String.format(Locale.ROOT, "%+.3f (%.3f..%.3f)", e.mean() * scale, e.ci95Low() * scale,
                e.ci95High() * scale);
    }
}
