package org.offload.rl;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.offload.learn.Djl;

/** Set-up shared by the trainers ({@link Ppo}, {@link Dqn}): engine, envs, observation standardisation, meta. */
final class RlTraining {
    private RlTraining() {
    }

    /** One PyTorch intra-op thread and the seeded engine, so the same options give the same model. */
    static void seedEngine(long seed) {
        Djl.singleThreaded();
        Djl.engine().setRandomSeed((int) seed);
    }

    /** Env i's config: {@code configs.get(i % size)} (a device mix). */
    static List<EnvConfig> perEnv(List<EnvConfig> configs, int envs) {
        List<EnvConfig> perEnv = new ArrayList<>();
        for (int i = 0; i < envs; i++) {
            perEnv.add(configs.get(i % configs.size()));
        }
        return perEnv;
    }

    /** The model's meta data: agent, action space, reward mode, then the options. */
    static Map<String, String> meta(String agent, EnvConfig config, Map<String, String> options) {
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("agent", agent);
        meta.put("action_space", config.actions().key());
        meta.put("reward", config.reward().mode().name().toLowerCase(Locale.ROOT));
        meta.putAll(options);
        return meta;
    }

    /** After the warm-up: the current observations, the standardisation, and the env steps taken. */
    record Warm(float[] obs, float[] mean, float[] std, long envSteps) {
    }

    /**
     * Resets {@code env} with {@code seed} and steps it with a random agent for at least {@code normSteps}
     * observations, whose mean and std (1 where constant) standardise the network's inputs.
     */
    static Warm warmUp(VectorEnv env, long seed, int normSteps) {
        int n = env.size();
        int in = env.observationSize();
        int na = env.actionCount();
        float[] obs = env.reset(seed);
        RandomAgent warm = new RandomAgent(seed ^ 0x9E3779B97F4A7C15L);
        double[] sum = new double[in];
        double[] sq = new double[in];
        int[] acts = new int[n];
        long envSteps = 0;
        int rows = 0;
        while (rows < normSteps) {
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < in; j++) {
                    double x = obs[i * in + j];
                    sum[j] += x;
                    sq[j] += x * x;
                }
                acts[i] = warm.act(env.masks(), i * na, na);
            }
            rows += n;
            obs = env.step(acts);
            envSteps += n;
        }
        float[] mean = new float[in];
        float[] std = new float[in];
        for (int j = 0; j < in; j++) {
            double mu = sum[j] / rows;
            double sd = Math.sqrt(Math.max(0, sq[j] / rows - mu * mu));
            mean[j] = (float) mu;
            std[j] = sd > 1e-6 ? (float) sd : 1f;
        }
        return new Warm(obs, mean, std, envSteps);
    }
}
