package org.offload.rl;

import org.offload.metrics.SimulationResult;

/**
 * A random agent ({@link RandomAgent}, feasible actions only) driving an environment wholly in Java, for comparing
 * with the same agent driving it from another language in the same process (python/bench_speed.py): the loops
 * return the wall time they took after the first reset, in nanoseconds, and reset with the next seeds when an
 * episode ends (inside the timed loop, as the Python agent's resets are).
 */
public final class RandomDrive {
    private RandomDrive() {
    }

    /**
     * One whole episode of {@link RandomAgent}{@code (agentSeed)} on {@code config} with {@code seed}, wholly in
     * Java; returns what the simulation measured (for comparing with the same episode driven from Python).
     */
    public static SimulationResult episode(EnvConfig config, long seed, long agentSeed) {
        OffloadEnv env = new OffloadEnv(config);
        RandomAgent agent = new RandomAgent(agentSeed);
        env.reset(seed);
        while (!env.done()) {
            env.step(agent.act(env.actionMask()));
        }
        return env.result();
    }

    /** {@code steps} steps of one {@link OffloadEnv}; episodes use seeds {@code seed, seed + 1, ...}. */
    public static long single(EnvConfig config, long seed, long steps) {
        OffloadEnv env = new OffloadEnv(config);
        RandomAgent agent = new RandomAgent(seed);
        long episode = seed;
        env.reset(episode);
        long start = System.nanoTime();
        for (long t = 0; t < steps; t++) {
            if (env.step(agent.act(env.actionMask())).done()) {
                env.reset(++episode);
            }
        }
        return System.nanoTime() - start;
    }

    /** {@code batches} steps of a {@link VectorEnv} of {@code n} envs (n env steps each). */
    public static long vector(EnvConfig config, int n, int threads, long seed, long batches) {
        try (VectorEnv vec = new VectorEnv(config, n, threads)) {
            RandomAgent agent = new RandomAgent(seed);
            int[] actions = new int[n];
            int a = vec.actionCount();
            vec.reset(seed);
            long start = System.nanoTime();
            for (long t = 0; t < batches; t++) {
                boolean[] masks = vec.masks();
                for (int i = 0; i < n; i++) {
                    actions[i] = agent.act(masks, i * a, a);
                }
                vec.step(actions);
            }
            return System.nanoTime() - start;
        }
    }
}
