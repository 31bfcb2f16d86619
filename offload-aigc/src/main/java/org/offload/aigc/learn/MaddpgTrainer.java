package org.offload.aigc.learn;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import org.offload.aigc.ActionLayout;
import org.offload.aigc.AgentKind;
import org.offload.aigc.AigcAction;
import org.offload.aigc.AigcEnv;
import org.offload.aigc.AigcObservation;
import org.offload.aigc.AigcScenario;
import org.offload.aigc.Checkpoint;
import org.offload.aigc.EpisodeStats;
import org.offload.aigc.Features;
import org.offload.aigc.StepResult;
import org.offload.aigc.TrainConfig;
import org.offload.engine.RandomStreams;
import org.offload.learn.Djl;
import org.offload.policy.learned.Mlp;

/**
 * Trains MADDPG-MATO, MADDPG-NoModel, its download-free ablation or SADDPG on an {@link AigcEnv} with DJL (PyTorch
 * engine, CPU, one thread).
 *
 * <p>MADDPG (Lowe et al. 2017) as in seed 002: agent i's actor maps its observation to its action; its critic
 * {@code Q_i(x, a_1..a_N)} sees the global state and every agent's action ({@link MaddpgUpdate} has the update).
 * Actions are discrete choices ({@link ActionLayout}: target, ratio level, download); the devices act on samples of
 * their actors' softmax (Gumbel-max) and, with probability epsilon per choice, uniformly at random; the first
 * {@code warmup} slots act uniformly at random with one-hot choices. Gumbel-softmax temperature and epsilon anneal
 * linearly over the episodes. Returns are n-step ({@link NStep}). With {@code parameter_sharing} all devices share
 * one actor and one critic (a one-hot device id tells them apart); SADDPG is one centralised agent whose actor maps
 * the global state to every device's action, trained on the devices' mean reward.
 *
 * <p>Every {@code eval_every} episodes the actors are exported and run, as {@code offload run} would run them, on
 * the validation episodes (seeds of their own stream, disjoint from training and from {@code offload run}'s
 * evaluation episodes); with {@code select_best} the checkpoint is the evaluation with the best mean reward (model
 * selection on validation episodes).
 *
 * <p>Reproducible: network initialisation, exploration, warm-up actions, replay sampling and training episodes
 * draw from {@link RandomStreams} streams of the seed; the Gumbel noise of the update from PyTorch's generator,
 * seeded too; PyTorch runs single-threaded ({@link Djl#configure}). The same seed, scenario and configuration give
 * the same checkpoint bytes on the same machine.
 */
public final class MaddpgTrainer {
    /** One line of the learning curve. */
    public record EpisodeLog(int episode, double trainReward, double temperature, double epsilon, int updates,
                             double seconds, EpisodeStats eval) {
    }

    /**
     * What a training measured: environment slots and gradient steps, wall-clock seconds in all and in the
     * updates, CPU seconds of the process.
     */
    public record Speed(long envSteps, int updates, double seconds, double updateSeconds, double cpuSeconds) {
        public double envStepsPerSecond() {
            return envSteps / seconds;
        }

        public double updatesPerSecond() {
            return updates / seconds;
        }
    }

    /** The chosen actors, the learning curve, the episode the actors come from and the speed. */
    public record Result(Checkpoint checkpoint, List<EpisodeLog> curve, int chosenEpisode, Speed speed) {
    }

    private final AigcScenario s;
    private final AgentKind kind;
    private final TrainConfig cfg;
    private final long seed;
    private final int n;
    private final int servers;
    private final MaddpgUpdate.Structure structure;
    private final Features features;
    private final ActionLayout layout;
    private final int actorIn;
    private final int globalIn;
    private final int actorAgents;
    private final int inputAgents;
    private final int critics;

    public MaddpgTrainer(AigcScenario scenario, AgentKind kind, TrainConfig cfg, long seed) {
        this.s = scenario;
        this.kind = kind;
        this.cfg = cfg;
        this.seed = seed;
        this.n = scenario.devices().count();
        this.servers = scenario.edge().servers();
        int m = scenario.modelCount();
        this.structure = kind.centralised() ? MaddpgUpdate.Structure.CENTRALISED
                : cfg.parameterSharing() ? MaddpgUpdate.Structure.SHARED : MaddpgUpdate.Structure.PER_DEVICE;
        this.features = new Features(kind.modelAware(), cfg.coordination(),
                structure == MaddpgUpdate.Structure.SHARED);
        this.layout = kind.layout(servers, cfg.ratioLevels());
        Features critic = new Features(kind.modelAware(), cfg.coordination(), false);
        this.globalIn = critic.globalSize(n, servers, m);
        this.actorIn = kind.centralised() ? globalIn : features.localSize(n, servers, m);
        this.actorAgents = structure == MaddpgUpdate.Structure.PER_DEVICE ? n : 1;
        this.inputAgents = kind.centralised() ? 1 : n;
        this.critics = kind.centralised() ? 1 : n;
    }

    /** Seed of training episode {@code e} (disjoint from evaluation seeds, which use another stream name). */
    public static long trainingEpisodeSeed(long seed, int e) {
        return RandomStreams.derive(seed, "aigc-train-episode", e);
    }

    /** Seed of the {@code k}-th validation episode (learning curve and model selection). */
    public static long validationSeed(long seed, int k) {
        return RandomStreams.derive(seed, "aigc-curve-eval", k);
    }

    public Result train(Consumer<EpisodeLog> progress) {
        Djl.singleThreaded(); // as Trainer and Ppo: one intra-op thread whatever the process set before
        Engine engine = Djl.engine();
        engine.setRandomSeed((int) (seed ^ (seed >>> 32)));
        RandomStreams streams = new RandomStreams(seed);
        SplittableRandom noise = streams.stream("aigc-train-noise", 0);
        SplittableRandom sampling = streams.stream("aigc-train-replay", 0);
        long actorSeed = streams.stream("aigc-train-actor-init", 0).nextLong();
        long criticSeed = streams.stream("aigc-train-critic-init", 0).nextLong();
        int h = cfg.hidden();
        int actorOut = kind.centralised() ? n * layout.size() : layout.size();
        int criticIn = MaddpgUpdate.criticInputs(structure, n, globalIn, layout);
        int criticAgents = structure == MaddpgUpdate.Structure.PER_DEVICE ? n : 1;
        long cpuStart = cpuNanos();
        try (NDManager base = NDManager.newBaseManager();
             BatchedMlp actor = new BatchedMlp(base, "actor", actorAgents, actorIn, h, actorOut, false,
                     new SplittableRandom(actorSeed), true);
             BatchedMlp actorTarget = new BatchedMlp(base, "actor-target", actorAgents, actorIn, h, actorOut, false,
                     new SplittableRandom(actorSeed), false);
             BatchedMlp critic = new BatchedMlp(base, "critic", criticAgents, criticIn, h, 1, false,
                     new SplittableRandom(criticSeed), true);
             BatchedMlp criticTarget = new BatchedMlp(base, "critic-target", criticAgents, criticIn, h, 1, false,
                     new SplittableRandom(criticSeed), false)) {
            MaddpgUpdate update = new MaddpgUpdate(structure, n, layout, actorIn, globalIn, cfg, actor, actorTarget,
                    critic, criticTarget);
            Replay replay = new Replay(cfg.bufferSize(), inputAgents, critics, actorIn, globalIn, n * layout.size());
            AigcEnv env = new AigcEnv(s);
            List<EpisodeLog> curve = new ArrayList<>();
            long steps = 0;
            int updates = 0;
            long updateNanos = 0;
            long start = System.nanoTime();
            Checkpoint best = null;
            double bestReward = Double.NEGATIVE_INFINITY;
            int bestEpisode = 0;
            for (int ep = 0; ep < cfg.episodes(); ep++) {
                double frac = cfg.episodes() <= 1 ? 1 : ep / (cfg.episodes() - 1.0);
                double temperature = cfg.temperatureStart() + (cfg.temperatureEnd() - cfg.temperatureStart()) * frac;
                double epsilon = cfg.epsilonStart() + (cfg.epsilonEnd() - cfg.epsilonStart()) * frac;
                NStep nStep = new NStep(cfg.nStep(), cfg.gamma(), replay);
                AigcObservation obs = env.reset(trainingEpisodeSeed(seed, ep));
                float[] x = actorInputs(obs);
                float[] g = obs.global(criticFeatures());
                double rewardSum = 0;
                int rewardCount = 0;
                while (true) {
                    float[] a = steps < cfg.warmupSteps() ? warmup(noise)
                            : explore(forwardRaw(base, actor, x), epsilon, noise);
                    StepResult r = env.step(decode(a));
                    AigcObservation next = r.observation();
                    float[] nx = actorInputs(next);
                    float[] ng = next.global(criticFeatures());
                    nStep.add(x, g, a, criticRewards(r), nx, ng, r.done());
                    for (var o : r.info().outcomes()) {
                        rewardSum += o.ownReward();
                        rewardCount++;
                    }
                    steps++;
                    if (steps >= cfg.warmupSteps() && replay.size() >= cfg.batchSize()
                            && steps % cfg.updateEvery() == 0) {
                        long t0 = System.nanoTime();
                        Replay.Batch batch = replay.sample(cfg.batchSize(), sampling);
                        update.step(base, batch, cfg.batchSize(), temperature, devices(sampling));
                        updateNanos += System.nanoTime() - t0;
                        updates++;
                    }
                    x = nx;
                    g = ng;
                    if (r.done()) {
                        break;
                    }
                }
                EpisodeStats eval = null;
                boolean last = ep == cfg.episodes() - 1;
                if (last || (cfg.evalEvery() > 0 && (ep + 1) % cfg.evalEvery() == 0)) {
                    Checkpoint cp = export(actor, ep + 1, updates);
                    eval = validate(cp, env);
                    if (eval.reward() > bestReward) {
                        bestReward = eval.reward();
                        best = cp;
                        bestEpisode = ep + 1;
                    }
                    if (last && !cfg.selectBest()) {
                        best = cp;
                        bestEpisode = ep + 1;
                    }
                }
                EpisodeLog log = new EpisodeLog(ep + 1, rewardSum / rewardCount, temperature, epsilon, updates,
                        (System.nanoTime() - start) / 1e9, eval);
                curve.add(log);
                if (progress != null) {
                    progress.accept(log);
                }
            }
            Speed speed = new Speed(steps, updates, (System.nanoTime() - start) / 1e9, updateNanos / 1e9,
                    (cpuNanos() - cpuStart) / 1e9);
            return new Result(withChoice(best, bestEpisode), curve, bestEpisode, speed);
        }
    }

    /** One device per transition of a batch for the shared networks (null otherwise). */
    private int[] devices(SplittableRandom random) {
        if (structure != MaddpgUpdate.Structure.SHARED) {
            return null;
        }
        int[] d = new int[cfg.batchSize()];
        for (int k = 0; k < d.length; k++) {
            d[k] = random.nextInt(n);
        }
        return d;
    }

    /** CPU time of the whole process (all threads, including PyTorch's and the JVM's), ns; -1 if unknown. */
    private static long cpuNanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return -1;
    }

    private Features criticFeatures() {
        return new Features(kind.modelAware(), cfg.coordination(), false);
    }

    /** Actor inputs, agent-major: every device's local features, or the global state for SADDPG. */
    private float[] actorInputs(AigcObservation obs) {
        if (kind.centralised()) {
            return obs.global(criticFeatures());
        }
        float[] x = new float[n * actorIn];
        for (int i = 0; i < n; i++) {
            obs.local(i, features, x, i * actorIn);
        }
        return x;
    }

    /** What each critic learns from: its device's reward, or the devices' mean for SADDPG. */
    private float[] criticRewards(StepResult r) {
        double[] rewards = r.rewards();
        if (!kind.centralised()) {
            float[] out = new float[n];
            for (int i = 0; i < n; i++) {
                out[i] = (float) rewards[i];
            }
            return out;
        }
        double mean = 0;
        for (double v : rewards) {
            mean += v / n;
        }
        return new float[] {(float) mean};
    }

    /**
     * Uniformly random actions: one-hot choices, or (the ablation {@code one_hot_warmup=false}) uniform [0, 1]
     * values in every entry, off the one-hot simplex the actors later produce.
     */
    private float[] warmup(SplittableRandom random) {
        float[] a = new float[n * layout.size()];
        for (int i = 0; i < n; i++) {
            if (cfg.oneHotWarmup()) {
                layout.sample(null, 0, 1, random, a, i * layout.size());
            } else {
                for (int k = 0; k < layout.size(); k++) {
                    a[i * layout.size() + k] = (float) random.nextDouble();
                }
            }
        }
        return a;
    }

    /** Per device, one-hot samples of the actor's choices with epsilon-uniform exploration. */
    private float[] explore(float[] raw, double epsilon, SplittableRandom random) {
        float[] a = new float[raw.length];
        for (int i = 0; i < n; i++) {
            layout.sample(raw, i * layout.size(), epsilon, random, a, i * layout.size());
        }
        return a;
    }

    private AigcAction[] decode(float[] a) {
        AigcAction[] out = new AigcAction[n];
        for (int i = 0; i < n; i++) {
            out[i] = layout.decode(a, i * layout.size());
        }
        return out;
    }

    /** Raw actor outputs for one observation, device-major {@code [n * S]}; one DJL call for all devices. */
    private float[] forwardRaw(NDManager base, BatchedMlp actor, float[] x) {
        try (NDManager m = base.newSubManager()) {
            Shape shape = switch (structure) {
                case PER_DEVICE -> new Shape(n, 1, actorIn);
                case SHARED -> new Shape(1, n, actorIn);
                case CENTRALISED -> new Shape(1, 1, actorIn);
            };
            NDArray in = m.create(x, shape);
            return actor.forward(in).toFloatArray();
        }
    }

    /** The validation episodes run with the exported actors, as {@code offload run} runs them. */
    private EpisodeStats validate(Checkpoint cp, AigcEnv env) {
        List<EpisodeStats> all = new ArrayList<>();
        var policy = cp.policy();
        for (int k = 0; k < cfg.evalEpisodes(); k++) {
            all.add(EpisodeStats.run(env, policy, validationSeed(seed, k)));
        }
        return EpisodeStats.mean(all);
    }

    private Checkpoint export(BatchedMlp actor, int episode, int updates) {
        int m = s.modelCount();
        List<String> names = kind.centralised() ? criticFeatures().globalNames(n, servers, m)
                : features.localNames(n, servers, m);
        List<String> outputs = new ArrayList<>();
        for (int i = 0; i < (kind.centralised() ? n : 1); i++) {
            outputs.addAll(layout.names(kind.centralised() ? "d" + i + "_" : ""));
        }
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("agent", kind.id());
        meta.put("seed", Long.toString(seed));
        meta.put("episode", Integer.toString(episode));
        meta.put("output", "scores of each discrete choice (target, ratio level, download): sample or argmax");
        List<Mlp> actors = new ArrayList<>();
        for (int k = 0; k < actorAgents; k++) {
            actors.add(actor.toMlp(k, "aigc-" + kind.id() + "-actor-" + k, meta, names, outputs));
        }
        Map<String, String> info = new LinkedHashMap<>();
        info.put("scenario", s.name());
        info.put("seed", Long.toString(seed));
        info.put("slots_per_episode", Integer.toString(s.slotsPerEpisode()));
        info.put("episode", Integer.toString(episode));
        info.put("updates", Integer.toString(updates));
        for (Map.Entry<String, String> e : cfg.toMap().entrySet()) {
            info.put("train." + e.getKey(), e.getValue());
        }
        return new Checkpoint(kind, n, servers, m, features, cfg.ratioLevels(),
                structure == MaddpgUpdate.Structure.SHARED, cfg.sampleActions(), actors, info);
    }

    /** {@code cp} with the episode it was chosen from recorded. */
    private static Checkpoint withChoice(Checkpoint cp, int episode) {
        Map<String, String> info = new LinkedHashMap<>(cp.info());
        info.put("chosen_episode", Integer.toString(episode));
        return new Checkpoint(cp.kind(), cp.devices(), cp.servers(), cp.models(), cp.features(), cp.ratioLevels(),
                cp.shared(), cp.sampleActions(), cp.actors(), info);
    }
}
