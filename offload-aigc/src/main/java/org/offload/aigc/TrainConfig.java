package org.offload.aigc;

import java.io.Serializable;

/**
 * Training hyperparameters ({@link AigcTraining#defaults()} has seed 002's values: learning rate 1e-3, discount 0.95,
 * soft update 0.01, replay 10,000, batch 1,024, and [SUBSTITUTE] values for the rest): hidden width, Gaussian
 * exploration noise decaying linearly from {@code noiseStart} to {@code noiseEnd} over the episodes, uniformly
 * random actions for the first {@code warmupSteps} slots, one gradient step every {@code updateEvery} slots.
 */
public record TrainConfig(int episodes, double lr, double gamma, double tau, int bufferSize, int batchSize,
                          int hidden, int updateEvery, int warmupSteps, double noiseStart, double noiseEnd,
                          int evalEvery, int evalEpisodes) implements Serializable {
    public TrainConfig {
        check(episodes >= 1, "episodes", episodes);
        check(lr > 0, "lr", lr);
        check(gamma >= 0 && gamma < 1, "gamma", gamma);
        check(tau > 0 && tau <= 1, "tau", tau);
        check(bufferSize >= 1, "buffer", bufferSize);
        check(batchSize >= 1 && batchSize <= bufferSize, "batch (<= buffer)", batchSize);
        check(hidden >= 1, "hidden", hidden);
        check(updateEvery >= 1, "update_every", updateEvery);
        check(warmupSteps >= 0, "warmup_steps", warmupSteps);
        check(noiseStart >= 0 && noiseEnd >= 0, "noise", noiseStart);
        check(evalEvery >= 0, "eval_every", evalEvery);
        check(evalEpisodes >= 1, "eval_episodes", evalEpisodes);
    }

    private static void check(boolean ok, String key, double v) {
        if (!ok) {
            throw new org.offload.scenario.ScenarioException(key, "out of range: " + v);
        }
    }

    public TrainConfig withEpisodes(int e) {
        return new TrainConfig(e, lr, gamma, tau, bufferSize, batchSize, hidden, updateEvery, warmupSteps,
                noiseStart, noiseEnd, evalEvery, evalEpisodes);
    }

    public TrainConfig withBatch(int batch, int buffer) {
        return new TrainConfig(episodes, lr, gamma, tau, buffer, batch, hidden, updateEvery,
                Math.min(warmupSteps, buffer), noiseStart, noiseEnd, evalEvery, evalEpisodes);
    }

    public TrainConfig withUpdateEvery(int u) {
        return new TrainConfig(episodes, lr, gamma, tau, bufferSize, batchSize, hidden, u, warmupSteps,
                noiseStart, noiseEnd, evalEvery, evalEpisodes);
    }

    public TrainConfig withWarmup(int w) {
        return new TrainConfig(episodes, lr, gamma, tau, bufferSize, batchSize, hidden, updateEvery, w,
                noiseStart, noiseEnd, evalEvery, evalEpisodes);
    }

    public TrainConfig withEval(int every, int episodes) {
        return new TrainConfig(this.episodes, lr, gamma, tau, bufferSize, batchSize, hidden, updateEvery,
                warmupSteps, noiseStart, noiseEnd, every, episodes);
    }
}
