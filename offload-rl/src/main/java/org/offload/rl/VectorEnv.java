package org.offload.rl;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.offload.model.Decision;

/**
 * N independent {@link OffloadEnv}s stepped together, for batched inference and training. Observations of all of
 * them are one float array ({@code n x observationSize}, env i at {@code i * observationSize}), masks one boolean
 * array ({@code n x actionCount}), rewards and end flags one entry per env. Env i's episodes use seeds
 * {@code seed + i + n * episode} (episode 0, 1, ... of that env), so the seeds never repeat across envs.
 *
 * <p>An env whose episode ends in a step is reset at once (Gymnasium's same-step auto-reset): the observation
 * returned for it is the first of its next episode, and {@link #terminated}/{@link #truncated} say that the
 * reward belongs to the episode that ended. With {@code threads > 1} the envs are stepped on a pool, each env
 * always by one task at a time; results do not depend on the thread count. Close the vector env to stop the pool.
 */
public final class VectorEnv implements AutoCloseable {
    private final OffloadEnv[] envs;
    private final int obsSize;
    private final int actionCount;
    private final float[] obs;
    private final boolean[] masks;
    private final double[] rewards;
    private final boolean[] terminated;
    private final boolean[] truncated;
    private final long[] episodes;
    /** Per env, the decisions the last step credited and their rewards (kept across the auto-reset). */
    private final long[][] creditIds;
    private final double[][] creditRewards;
    private final int[] creditCounts;
    private final ExecutorService pool;
    private final int chunks;
    private long seed;
    private boolean started;

    /** {@code n} envs of {@code config}, stepped on {@code threads} threads (1: the caller's). */
    public VectorEnv(EnvConfig config, int n, int threads) {
        this(java.util.Collections.nCopies(Math.max(n, 0), config), threads);
    }

    /**
     * One env per configuration (for example a device mix), stepped on {@code threads} threads; every configuration
     * must give the same observation layout and actions.
     */
    public VectorEnv(List<EnvConfig> configs, int threads) {
        int n = configs.size();
        if (n < 1) {
            throw new IllegalArgumentException("a vector env needs n >= 1 envs, got " + n);
        }
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
        envs = new OffloadEnv[n];
        for (int i = 0; i < n; i++) {
            envs[i] = new OffloadEnv(configs.get(i));
            if (!envs[i].observationNames().equals(envs[0].observationNames())
                    || !envs[i].actionNames().equals(envs[0].actionNames())) {
                throw new IllegalArgumentException("env " + i + " has another observation layout or action space"
                        + " than env 0 (" + envs[i].observationSize() + " vs " + envs[0].observationSize()
                        + " features, " + envs[i].actionCount() + " vs " + envs[0].actionCount() + " actions)");
            }
        }
        obsSize = envs[0].observationSize();
        actionCount = envs[0].actionCount();
        obs = new float[n * obsSize];
        masks = new boolean[n * actionCount];
        rewards = new double[n];
        terminated = new boolean[n];
        truncated = new boolean[n];
        episodes = new long[n];
        creditIds = new long[n][16];
        creditRewards = new double[n][16];
        creditCounts = new int[n];
        chunks = Math.min(threads, n);
        pool = chunks > 1 ? Executors.newFixedThreadPool(chunks, r -> {
            Thread t = new Thread(r, "vector-env");
            t.setDaemon(true);
            return t;
        }) : null;
    }

    public int size() {
        return envs.length;
    }

    public int observationSize() {
        return obsSize;
    }

    public int actionCount() {
        return actionCount;
    }

    /** Env {@code i} (to read its view, credits or result; step it only through this class). */
    public OffloadEnv env(int i) {
        return envs[i];
    }

    /** Resets every env (env i with seed {@code seed + i}); returns the observations (a buffer owned here). */
    public float[] reset(long seed) {
        this.seed = seed;
        started = true;
        java.util.Arrays.fill(episodes, 0);
        java.util.Arrays.fill(creditCounts, 0);
        run(i -> {
            envs[i].resetInto(seedOf(i), obs, i * obsSize);
            copyMask(i);
        });
        return obs;
    }

    /**
     * Steps env i with {@code actions[i]}; returns the observations (a buffer owned here, overwritten by the next
     * call). All actions are checked before any env moves.
     */
    public float[] step(int[] actions) {
        if (!started) {
            throw new IllegalStateException("call reset(seed) before step");
        }
        if (actions.length != envs.length) {
            throw new IllegalArgumentException("expected " + envs.length + " actions, got " + actions.length);
        }
        Decision[] decisions = new Decision[envs.length];
        for (int i = 0; i < envs.length; i++) {
            try {
                decisions[i] = envs[i].checkedDecision(actions[i]);
            } catch (IllegalArgumentException | IllegalStateException e) {
                throw new IllegalArgumentException("env " + i + ": " + e.getMessage(), e);
            }
        }
        run(i -> {
            OffloadEnv e = envs[i];
            rewards[i] = e.stepInto(decisions[i], actions[i], obs, i * obsSize);
            terminated[i] = e.terminated();
            truncated[i] = e.done() && !e.terminated();
            keepCredits(i, e);
            if (e.done()) {
                episodes[i]++;
                e.resetInto(seedOf(i), obs, i * obsSize);
            }
            copyMask(i);
        });
        return obs;
    }

    private void keepCredits(int i, OffloadEnv e) {
        int c = e.creditCount();
        if (creditIds[i].length < c) {
            creditIds[i] = new long[Math.max(c, 2 * creditIds[i].length)];
            creditRewards[i] = new double[creditIds[i].length];
        }
        for (int k = 0; k < c; k++) {
            creditIds[i][k] = e.creditedDecision(k);
            creditRewards[i][k] = e.creditedReward(k);
        }
        creditCounts[i] = c;
    }

    /**
     * How many rewards env i's last step delivered ({@link OffloadEnv}'s delayed credit); the decisions are numbered
     * within the episode they belong to (the one that ended, when {@link #terminated} or {@link #truncated} is set).
     */
    public int creditCount(int i) {
        return creditCounts[i];
    }

    public long creditedDecision(int i, int k) {
        return creditIds[i][k];
    }

    public double creditedReward(int i, int k) {
        return creditRewards[i][k];
    }

    private long seedOf(int i) {
        return seed + i + (long) envs.length * episodes[i];
    }

    private void copyMask(int i) {
        System.arraycopy(envs[i].actionMask(), 0, masks, i * actionCount, actionCount);
    }

    /** The observations of the last reset or step. */
    public float[] observations() {
        return obs;
    }

    /** Feasible actions of every env ({@code masks[i * actionCount + a]}). */
    public boolean[] masks() {
        return masks;
    }

    /** Rewards of the last step. */
    public double[] rewards() {
        return rewards;
    }

    /** Whether env i's episode terminated in the last step (it has been reset since). */
    public boolean[] terminated() {
        return terminated;
    }

    public boolean[] truncated() {
        return truncated;
    }

    /** Episodes env i has finished since the last {@link #reset}. */
    public long episodes(int i) {
        return episodes[i];
    }

    private interface PerEnv {
        void apply(int i);
    }

    private void run(PerEnv f) {
        if (pool == null) {
            for (int i = 0; i < envs.length; i++) {
                f.apply(i);
            }
            return;
        }
        List<Future<?>> futures = new ArrayList<>(chunks);
        for (int c = 0; c < chunks; c++) {
            int from = c * envs.length / chunks;
            int to = (c + 1) * envs.length / chunks;
            futures.add(pool.submit(() -> {
                for (int i = from; i < to; i++) {
                    f.apply(i);
                }
            }));
        }
        for (Future<?> fu : futures) {
            try {
                fu.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while stepping", e);
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                if (cause instanceof RuntimeException re) {
                    throw re;
                }
                throw new IllegalStateException(cause);
            }
        }
    }

    @Override
    public void close() {
        if (pool != null) {
            pool.shutdownNow();
        }
    }
}
