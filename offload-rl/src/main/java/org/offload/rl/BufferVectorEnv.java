package org.offload.rl;

import java.nio.ByteBuffer;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;

/**
 * {@link VectorEnv} over caller-owned buffers (see {@link BufferEnv}): one call steps the whole batch. Buffers,
 * native order: observations float32 {@code n × observationSize}; actions int32 {@code n} (read by {@link #step});
 * rewards float64 {@code n}; flags int8 {@code n × 2} (terminated, truncated of the episode that ended in the
 * step; the env has been reset since, as in {@link VectorEnv}); masks int8 {@code n × actionCount}.
 */
public final class BufferVectorEnv implements AutoCloseable {
    private final VectorEnv vec;
    private final int[] actions;
    private FloatBuffer obs;
    private IntBuffer actionIn;
    private DoubleBuffer rewards;
    private ByteBuffer flags;
    private ByteBuffer masks;

    public BufferVectorEnv(EnvConfig config, int n, int threads) {
        this.vec = new VectorEnv(config, n, threads);
        this.actions = new int[n];
    }

    /** The wrapped vector env. */
    public VectorEnv vector() {
        return vec;
    }

    public void bind(ByteBuffer observations, ByteBuffer actionBuffer, ByteBuffer rewardBuffer, ByteBuffer flagBuffer,
                     ByteBuffer maskBuffer) {
        int n = vec.size();
        obs = Buffers.sized(observations, "observations", n * vec.observationSize(), Float.BYTES).asFloatBuffer();
        actionIn = Buffers.sized(actionBuffer, "actions", n, Integer.BYTES).asIntBuffer();
        rewards = Buffers.sized(rewardBuffer, "rewards", n, Double.BYTES).asDoubleBuffer();
        flags = Buffers.sized(flagBuffer, "flags", 2 * n, 1);
        masks = Buffers.sized(maskBuffer, "masks", n * vec.actionCount(), 1);
    }

    /** Resets env i with seed {@code seed + i}; writes the observations and masks (rewards and flags cleared). */
    public void reset(long seed) {
        checkBound();
        write(vec.reset(seed), true);
    }

    /** Steps env i with the action at i of the actions buffer; writes every output buffer. */
    public void step() {
        checkBound();
        actionIn.get(0, actions);
        write(vec.step(actions), false);
    }

    private void write(float[] o, boolean reset) {
        obs.put(0, o);
        double[] r = vec.rewards();
        boolean[] te = vec.terminated();
        boolean[] tr = vec.truncated();
        for (int i = 0; i < actions.length; i++) {
            rewards.put(i, reset ? 0 : r[i]);
            flags.put(2 * i, !reset && te[i] ? (byte) 1 : 0);
            flags.put(2 * i + 1, !reset && tr[i] ? (byte) 1 : 0);
        }
        boolean[] m = vec.masks();
        for (int k = 0; k < m.length; k++) {
            masks.put(k, m[k] ? (byte) 1 : 0);
        }
    }

    private void checkBound() {
        if (obs == null) {
            throw new IllegalStateException("call bind(observations, actions, rewards, flags, masks) first");
        }
    }

    @Override
    public void close() {
        vec.close();
    }
}
