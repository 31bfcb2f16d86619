package org.offload.rl;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;

import org.offload.model.Decision;
import org.offload.model.Task;

/**
 * {@link OffloadEnv} with its results written into caller-owned buffers, for agents outside the JVM (Python over
 * JPype): one call per step and no per-element crossing. The caller binds native-order byte buffers once
 * ({@link #bind}), usually direct buffers over NumPy arrays so both sides share the memory:
 * <ul>
 *   <li>observation: float32 × {@code observationSize};</li>
 *   <li>mask: int8 × {@code actionCount}, 1 where the action is feasible;</li>
 *   <li>scalars: float64 × {@link #SCALARS}: reward, terminated (0/1), truncated (0/1), simulated time s, decided
 *       (index of the decision the step took, -1 after reset), next (the decision the observation asks for, -1
 *       once done), credits (how many rewards the step delivered), steps (decisions taken this episode);</li>
 *   <li>credit ids (int64) and rewards (float64), {@code creditCapacity} each: the step's credited decisions
 *       (see {@link OffloadEnv}); when a step delivers more than the capacity, the first {@code creditCapacity}
 *       are written and the rest are read with {@link OffloadEnv#creditedDecision}/{@link OffloadEnv#creditedReward}.</li>
 * </ul>
 */
public final class BufferEnv {
    /** Scalars per step, in the order of the class comment. */
    public static final int SCALARS = 8;

    private final OffloadEnv env;
    private final float[] obs;
    private FloatBuffer obsOut;
    private ByteBuffer maskOut;
    private DoubleBuffer scalars;
    private LongBuffer creditIds;
    private DoubleBuffer creditRewards;
    private int capacity;

    public BufferEnv(EnvConfig config) {
        this.env = new OffloadEnv(config);
        this.obs = new float[env.observationSize()];
    }

    /** The wrapped environment (its names, view, credits and result). */
    public OffloadEnv env() {
        return env;
    }

    /** Binds the buffers (their byte order is taken as native); sizes are checked. */
    public void bind(ByteBuffer observation, ByteBuffer mask, ByteBuffer scalarBuffer, ByteBuffer ids,
                     ByteBuffer rewards) {
        obsOut = Buffers.sized(observation, "observation", obs.length, Float.BYTES).asFloatBuffer();
        maskOut = Buffers.sized(mask, "mask", env.actionCount(), 1);
        scalars = Buffers.sized(scalarBuffer, "scalars", SCALARS, Double.BYTES).asDoubleBuffer();
        if (ids.capacity() / Long.BYTES != rewards.capacity() / Double.BYTES || ids.capacity() % Long.BYTES != 0) {
            throw new IllegalArgumentException("credit id and reward buffers must hold the same number of 8-byte values"
                    + ", got " + ids.capacity() + " and " + rewards.capacity() + " bytes");
        }
        capacity = ids.capacity() / Long.BYTES;
        creditIds = ids.duplicate().order(ByteOrder.nativeOrder()).asLongBuffer();
        creditRewards = rewards.duplicate().order(ByteOrder.nativeOrder()).asDoubleBuffer();
    }

    /** Starts an episode with {@code seed} and writes its first observation, mask and scalars. */
    public void reset(long seed) {
        checkBound();
        env.resetInto(seed, obs, 0);
        write(0, -1);
    }

    /**
     * Acts on {@code action} for the waiting task and runs on to the next; writes the observation, mask, scalars
     * and credits. Out of range, masked (when enforced) or after the end: an exception saying what was expected.
     */
    public void step(int action) {
        checkBound();
        Decision d = env.checkedDecision(action);
        Task t = env.waitingTask();
        double reward = env.stepInto(d, action, obs, 0);
        write(reward, t.id());
    }

    private void write(double reward, long decided) {
        obsOut.put(0, obs);
        boolean[] m = env.actionMask();
        for (int a = 0; a < m.length; a++) {
            maskOut.put(a, m[a] ? (byte) 1 : 0);
        }
        Task next = env.waitingTask();
        int credits = env.creditCount();
        scalars.put(0, reward);
        scalars.put(1, env.terminated() ? 1 : 0);
        scalars.put(2, env.done() && !env.terminated() ? 1 : 0);
        scalars.put(3, env.view().now());
        scalars.put(4, decided);
        scalars.put(5, next == null ? -1 : next.id());
        scalars.put(6, credits);
        scalars.put(7, env.steps());
        for (int i = 0; i < Math.min(credits, capacity); i++) {
            creditIds.put(i, env.creditedDecision(i));
            creditRewards.put(i, env.creditedReward(i));
        }
    }

    private void checkBound() {
        if (obsOut == null) {
            throw new IllegalStateException("call bind(observation, mask, scalars, creditIds, creditRewards) first");
        }
    }
}
