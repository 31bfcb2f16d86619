package org.offload.aigc.learn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.offload.aigc.AgentKind;
import org.offload.aigc.AigcPolicy;
import org.offload.aigc.AigcRunner;
import org.offload.aigc.AigcScenario;
import org.offload.aigc.AigcTraining;
import org.offload.aigc.Checkpoint;
import org.offload.aigc.EpisodeStats;
import org.offload.aigc.GreedyCostPolicy;
import org.offload.aigc.GreedyPolicy;
import org.offload.aigc.TrainConfig;
import org.offload.experiment.Estimate;
import org.offload.experiment.Range;
import org.offload.learn.Djl;

/**
 * Training learns: on a small configuration (4 devices, 2 servers, 3 models, 10-slot episodes, 2x32 hidden units,
 * batch 64, 40 episodes: about 10 CPU seconds), MADDPG-MATO's trained actors beat the same seed's untrained actors
 * (zero gradient steps) and the paper's Greedy on 30 held-out episodes common to all, by a paired 95% interval that
 * excludes zero by a margin ({@link TrainingTest#scenario}). Removing the gradient steps makes the trained
 * actors the untrained ones, and this test fails (checked by mutation; docs/aigc.md, "Tests").
 *
 * <p>Not asserted: beating {@code greedy-cost}. On this configuration the trained actors reach -0.196 reward per
 * device and slot against greedy-cost's -0.12 (printed; docs/aigc.md, "Tests"), and -0.16 after 120 episodes; a test
 * of it would fail.
 */
@Tag("slow")
class LearningTest {
    static final long SEED = 7;
    static final int EVAL_EPISODES = 30;
    /** Held-out evaluation episodes: offload run's episode seeds of this master seed, never used in training. */
    static final long EVAL_SEED = 2002;

    /** The short training: what {@code offload train aigc --episodes 40 --batch 64 --buffer 2000 ...} sets. */
    static TrainConfig shortTraining() {
        return AigcTraining.defaults().with(Map.of("episodes", "40", "batch", "64", "buffer", "2000", "hidden", "32",
                "update_every", "1", "warmup", "64", "eval_every", "5", "eval_episodes", "3"));
    }

    @BeforeAll
    static void djl() {
        Djl.configure();
    }

    private static double[] rewards(AigcScenario s, AigcPolicy p) {
        return AigcRunner.run(s, p, EVAL_EPISODES, EVAL_SEED).stream().mapToDouble(EpisodeStats::reward).toArray();
    }

    private static double mean(double[] v) {
        return java.util.Arrays.stream(v).average().orElse(Double.NaN);
    }

    @Test
    void trainedActorsBeatTheUntrainedOnesAndGreedy() {
        AigcScenario s = TrainingTest.scenario();
        TrainConfig trainedCfg = shortTraining();
        // The same seed, network initialisation and exploration stream, but no gradient step: the warm-up outlasts
        // the training, so the actors stay as initialised.
        TrainConfig untrainedCfg = trainedCfg.with("warmup", "1000000");
        Checkpoint trained = new MaddpgTrainer(s, AgentKind.MADDPG_MATO, trainedCfg, SEED).train(null).checkpoint();
        Checkpoint untrained = new MaddpgTrainer(s, AgentKind.MADDPG_MATO, untrainedCfg, SEED).train(null)
                .checkpoint();

        double[] t = rewards(s, trained.policy());
        double[] u = rewards(s, untrained.policy());
        double[] g = rewards(s, new GreedyPolicy());
        double[] gc = rewards(s, new GreedyCostPolicy(s));
        Estimate overUntrained = Estimate.pairedDifference(t, u, Range.REAL);
        Estimate overGreedy = Estimate.pairedDifference(t, g, Range.REAL);
        System.out.printf("LearningTest: reward trained %.4f, untrained %.4f, greedy %.4f, greedy-cost %.4f (not"
                + " asserted); trained - untrained %s, trained - greedy %s%n", mean(t), mean(u), mean(g), mean(gc),
                overUntrained, overGreedy);
        // Rewards per device and slot are in about [-2, 0]; 0.1 is a clear margin (measured: 0.63 and 0.43).
        assertTrue(overUntrained.ci95Low() > 0.1, "trained - untrained reward: " + overUntrained);
        assertTrue(overGreedy.ci95Low() > 0.1, "trained - greedy reward: " + overGreedy);
        // updates: gradient steps before the chosen (best validation) actors were exported
        assertEquals("0", untrained.info().get("updates"));
        assertTrue(Integer.parseInt(trained.info().get("updates")) > 100, trained.info().toString());
    }
}
