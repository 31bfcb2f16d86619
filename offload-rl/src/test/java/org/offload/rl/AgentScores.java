package org.offload.rl;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Locale;
import java.util.function.ToIntFunction;

import org.offload.model.Decision;
import org.offload.policy.OffloadPolicy;

/**
 * The learning tests' scoring ({@link PpoTest}, {@link DqnTest}): mean reward per decision over a whole episode of
 * seed 99 (a seed training never saw) for a trained network, the same network untrained and a random agent.
 */
final class AgentScores {
    /** The seed of the evaluation episode. */
    static final long SEED = 99;

    private AgentScores() {
    }

    /** The three scores of one learning check. */
    record Scores(double trained, double untrained, double random) {
        @Override
        public String toString() {
            return String.format(Locale.ROOT, "mean reward per decision: trained %.4f, untrained %.4f, random %.4f",
                    trained, untrained, random);
        }
    }

    /** Scores {@code trained} and {@code untrained} (greedy, through {@link AgentPolicy}) and a random agent. */
    static Scores score(EnvConfig config, TrainedAgent trained, TrainedAgent untrained) {
        int vms = new OffloadEnv(config).vmCount();
        return new Scores(evaluate(config, AgentPolicy.of(trained.policy(), vms, "trained")),
                evaluate(config, AgentPolicy.of(untrained.policy(), vms, "untrained")), evaluateRandom(config));
    }

    /**
     * Prints the scores and the training's throughput, and asserts the trained agent beats the untrained network
     * and the random agent by 0.05, with at least 5 curve rows and {@code steps} env steps behind it.
     */
    static void assertLearned(Scores s, TrainedAgent trained, long steps) {
        System.out.println(s + String.format(Locale.ROOT, "; %d env steps in %.1f s, %d gradient steps in %.1f s",
                trained.envSteps(), trained.envSeconds(), trained.gradientSteps(), trained.trainSeconds()));
        assertTrue(s.trained() > s.random() + 0.05, s.toString());
        assertTrue(s.trained() > s.untrained() + 0.05, s.toString());
        assertTrue(trained.learningCurve().rows().size() >= 5, "curve rows: " + trained.learningCurve().rows().size());
        assertTrue(trained.gradientSteps() > 0 && trained.envSteps() >= steps);
    }

    /** Mean reward per decision of {@code policy} over a whole episode of {@link #SEED}. */
    static double evaluate(EnvConfig config, OffloadPolicy policy) {
        return meanReward(config, env -> {
            Decision d = policy.decide(env.waitingTask(), env.view());
            return env.actionOf(d);
        });
    }

    /** The same for a random agent over the feasible actions. */
    static double evaluateRandom(EnvConfig config) {
        RandomAgent agent = new RandomAgent(5);
        return meanReward(config, env -> agent.act(env.actionMask()));
    }

    private static double meanReward(EnvConfig config, ToIntFunction<OffloadEnv> agent) {
        OffloadEnv env = new OffloadEnv(config);
        env.reset(SEED);
        double sum = 0;
        long n = 0;
        StepResult r;
        do {
            r = env.step(agent.applyAsInt(env));
            sum += r.reward();
            n++;
        } while (!r.done());
        return sum / n;
    }
}
