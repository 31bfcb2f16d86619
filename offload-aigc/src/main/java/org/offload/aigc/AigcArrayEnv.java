package org.offload.aigc;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * {@link AigcEnv} with flat arrays in caller-owned buffers, for agents outside the JVM (Python over JPype): one call
 * per slot, no per-element crossing. The caller binds four native-order byte buffers once ({@link #bind}); usually
 * direct buffers over NumPy arrays, so both sides share the memory:
 * <ul>
 *   <li>observations: float32, {@code agents × observationSize}, device i's {@link AigcObservation#local} features;</li>
 *   <li>actions: int32, {@code agents × 3}: target (edge server 0..J-1, J = cloud), ratio level
 *       (0..levels-1, ratio = level/(levels-1), as {@link ActionLayout}), download (0 or 1);</li>
 *   <li>rewards: float64, {@code agents}, the reward each device learns from ({@link SlotOutcome#reward});</li>
 *   <li>info: float64, {@code agents × INFO_FIELDS}: latency s, energy J, deadline met (0/1), where
 *       ({@link SlotOutcome.Where} ordinal).</li>
 * </ul>
 * Not thread-safe, like the environment it wraps.
 */
public final class AigcArrayEnv {
    /** Action fields per agent: target, ratio level, download. */
    public static final int ACTION_FIELDS = 3;
    /** Info fields per agent: latency, energy, deadline met, where. */
    public static final int INFO_FIELDS = 4;

    private final AigcEnv env;
    private final Features features;
    private final int agents;
    private final int observationSize;
    private final int levels;
    private FloatBuffer obs;
    private IntBuffer actions;
    private DoubleBuffer rewards;
    private DoubleBuffer info;
    private StepResult last;

    public AigcArrayEnv(AigcScenario scenario, Features features, int ratioLevels) {
        if (ratioLevels < 2) {
            throw new IllegalArgumentException("ratio levels must be >= 2, got " + ratioLevels);
        }
        this.env = new AigcEnv(scenario);
        this.features = features;
        this.agents = env.devices();
        this.observationSize = features.localSize(agents, env.servers(), scenario.modelCount());
        this.levels = ratioLevels;
    }

    /**
     * The bundled scenario ({@code scenario} null or "aigc") or a YAML file, with {@code key=value} overrides, as
     * {@code offload aigc} reads them; errors name the file and key.
     */
    public static AigcArrayEnv load(String scenario, String[] overrides, boolean modelAware, boolean coordination,
                                    boolean deviceId, int ratioLevels) {
        AigcScenarioLoader loader = new AigcScenarioLoader();
        List<String> o = List.of(overrides);
        AigcScenario s = scenario == null || scenario.equals(AigcScenarioLoader.KIND) ? loader.loadDefault(o)
                : loader.load(Path.of(scenario), o);
        return new AigcArrayEnv(s, new Features(modelAware, coordination, deviceId), ratioLevels);
    }

    /** Binds the four buffers (any byte order is replaced by the native one); sizes are checked. */
    public void bind(ByteBuffer observations, ByteBuffer actionBuffer, ByteBuffer rewardBuffer, ByteBuffer infoBuffer) {
        this.obs = view(observations, "observations", agents * observationSize, Float.BYTES).asFloatBuffer();
        this.actions = view(actionBuffer, "actions", agents * ACTION_FIELDS, Integer.BYTES).asIntBuffer();
        this.rewards = view(rewardBuffer, "rewards", agents, Double.BYTES).asDoubleBuffer();
        this.info = view(infoBuffer, "info", agents * INFO_FIELDS, Double.BYTES).asDoubleBuffer();
    }

    private static ByteBuffer view(ByteBuffer b, String what, int count, int width) {
        if (b.capacity() != count * width) {
            throw new IllegalArgumentException(what + " buffer has " + b.capacity() + " bytes, expected "
                    + count * width + " (" + count + " values of " + width + " bytes)");
        }
        return b.duplicate().order(ByteOrder.nativeOrder());
    }

    public int agents() {
        return agents;
    }

    public int observationSize() {
        return observationSize;
    }

    /** Action targets: the edge servers, then the cloud. */
    public int targets() {
        return env.servers() + 1;
    }

    public int ratioLevels() {
        return levels;
    }

    public int slotsPerEpisode() {
        return env.scenario().slotsPerEpisode();
    }

    /** Names of the observation features, in order. */
    public String[] observationNames() {
        return features.localNames(agents, env.servers(), env.scenario().modelCount()).toArray(String[]::new);
    }

    /** The wrapped environment (its raw observation, caches, scenario), for inspection. */
    public AigcEnv env() {
        return env;
    }

    /** The last step's result (null before the first step of an episode). */
    public StepResult lastResult() {
        return last;
    }

    /** Starts an episode and writes its first observation. */
    public void reset(long seed) {
        checkBound();
        last = null;
        writeObservation(env.reset(seed));
    }

    /**
     * Reads one action per agent from the actions buffer, advances one slot, writes the next observation, the
     * rewards and the info; returns whether the episode is over. An invalid action throws naming the agent.
     */
    public boolean step() {
        checkBound();
        AigcAction[] a = new AigcAction[agents];
        for (int i = 0; i < agents; i++) {
            a[i] = decode(i, actions.get(i * ACTION_FIELDS), actions.get(i * ACTION_FIELDS + 1),
                    actions.get(i * ACTION_FIELDS + 2));
        }
        last = env.step(a);
        writeObservation(last.observation());
        for (SlotOutcome o : last.info().outcomes()) {
            int i = o.device();
            rewards.put(i, o.reward());
            info.put(i * INFO_FIELDS, o.latencyS());
            info.put(i * INFO_FIELDS + 1, o.energyJ());
            info.put(i * INFO_FIELDS + 2, o.deadlineMet() ? 1 : 0);
            info.put(i * INFO_FIELDS + 3, o.where().ordinal());
        }
        return last.done();
    }

    /** The action of agent {@code i}, checked against the action space. */
    public AigcAction decode(int i, int target, int level, int download) {
        if (target < 0 || target >= targets() || level < 0 || level >= levels || (download != 0 && download != 1)) {
            throw new IllegalArgumentException("action of agent " + i + " is (" + target + ", " + level + ", "
                    + download + "); expected target 0.." + (targets() - 1) + ", ratio level 0.." + (levels - 1)
                    + ", download 0 or 1");
        }
        return new AigcAction(target, level / (double) (levels - 1), download == 1);
    }

    /**
     * Runs {@code slots} slots with uniformly random actions written into the actions buffer, resetting with
     * consecutive seeds when an episode ends: the same work per slot as a Python random agent, all in Java, for
     * speed comparisons. Returns the sum of rewards (so the work is observable).
     */
    public double driveRandom(long seed, int slots) {
        SplittableRandom r = new SplittableRandom(seed);
        double sum = 0;
        long episode = seed;
        reset(episode);
        for (int t = 0; t < slots; t++) {
            for (int i = 0; i < agents; i++) {
                actions.put(i * ACTION_FIELDS, r.nextInt(targets()));
                actions.put(i * ACTION_FIELDS + 1, r.nextInt(levels));
                actions.put(i * ACTION_FIELDS + 2, r.nextInt(2));
            }
            boolean done = step();
            sum += rewards.get(0);
            if (done) {
                reset(++episode);
            }
        }
        return sum;
    }

    private void writeObservation(AigcObservation o) {
        float[] row = new float[observationSize];
        for (int i = 0; i < agents; i++) {
            Arrays.fill(row, 0f);
            o.local(i, features, row, 0);
            obs.put(i * observationSize, row);
        }
    }

    private void checkBound() {
        if (obs == null) {
            throw new IllegalStateException("call bind(observations, actions, rewards, info) first");
        }
    }
}
