package org.offload.aigc.learn;

import org.offload.learn.Djl;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.nn.Activation;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import org.offload.aigc.AgentKind;
import org.offload.aigc.AigcAction;
import org.offload.aigc.AigcEnv;
import org.offload.aigc.AigcObservation;
import org.offload.aigc.AigcPolicy;
import org.offload.aigc.AigcScenario;
import org.offload.aigc.Checkpoint;
import org.offload.aigc.EpisodeStats;
import org.offload.aigc.LearnedPolicy;
import org.offload.aigc.StepResult;
import org.offload.aigc.TrainConfig;
import org.offload.engine.RandomStreams;
import org.offload.policy.learned.Mlp;

/**
 * Trains MADDPG-MATO, MADDPG-NoModel or SADDPG on an {@link AigcEnv} with DJL (PyTorch engine, CPU).
 *
 * <p>MADDPG (Lowe et al. 2017) as in seed 002: agent i's actor maps its observation to its action; its critic
 * {@code Q_i(x, a_1..a_N)} sees the global state and every agent's action. Critic target
 * {@code y = r_i + gamma Q'_i(x', mu'_1(o'_1)..mu'_N(o'_N))} (0 after the last slot), loss {@code (Q_i - y)^2};
 * actor gradient through {@code Q_i} with agent i's action replaced by {@code mu_i(o_i)} and the others' from the
 * replay buffer; soft target updates with {@code tau}; Adam. All agents' networks are evaluated together in
 * batched matrix products ({@link BatchedMlp}) but have separate parameters. SADDPG is the same algorithm with
 * one agent whose observation is the global state and whose action is every device's action, trained on the
 * devices' mean reward.
 *
 * <p>Reproducible: network initialisation, exploration noise, warm-up actions, replay sampling and training
 * episodes draw from {@link RandomStreams} streams of the seed; PyTorch runs single-threaded
 * ({@link Djl#configure}), and the engine's own seed is set too. The same seed, scenario and configuration give
 * the same checkpoint bytes.
 */
public final class MaddpgTrainer {
    /** One line of the learning curve. */
    public record EpisodeLog(int episode, double trainReward, double noise, int updates, double seconds,
                             EpisodeStats eval) {
    }

    /** The trained actors and the learning curve. */
    public record Result(Checkpoint checkpoint, List<EpisodeLog> curve) {
    }

    private final AigcScenario s;
    private final AgentKind kind;
    private final TrainConfig cfg;
    private final long seed;
    private final int n;
    private final int servers;
    private final int agents;
    private final int actorIn;
    private final int actPerDevice;
    private final int actPerAgent;
    private final int globalIn;
    private final int criticIn;

    public MaddpgTrainer(AigcScenario scenario, AgentKind kind, TrainConfig cfg, long seed) {
        this.s = scenario;
        this.kind = kind;
        this.cfg = cfg;
        this.seed = seed;
        this.n = scenario.devices().count();
        this.servers = scenario.edge().servers();
        int m = scenario.modelCount();
        this.agents = kind.centralised() ? 1 : n;
        this.actPerDevice = kind.actionSize(servers);
        this.actPerAgent = kind.centralised() ? n * actPerDevice : actPerDevice;
        this.globalIn = AigcObservation.globalSize(n, servers, m, kind.modelAware());
        this.actorIn = kind.centralised() ? globalIn : AigcObservation.localSize(servers, m, kind.modelAware());
        this.criticIn = globalIn + n * actPerDevice;
    }

    /** Seed of training episode {@code e} (disjoint from evaluation seeds, which use another stream name). */
    public static long trainingEpisodeSeed(long seed, int e) {
        return RandomStreams.derive(seed, "aigc-train-episode", e);
    }

    /** Seed of the {@code k}-th evaluation episode used for the learning curve. */
    public static long curveEvalSeed(long seed, int k) {
        return RandomStreams.derive(seed, "aigc-curve-eval", k);
    }

    public Result train(Consumer<EpisodeLog> progress) {
        Djl.configure();
        Engine engine = Engine.getEngine("PyTorch");
        engine.setRandomSeed((int) (seed ^ (seed >>> 32)));
        RandomStreams streams = new RandomStreams(seed);
        SplittableRandom noiseRandom = streams.stream("aigc-train-noise", 0);
        SplittableRandom sampleRandom = streams.stream("aigc-train-replay", 0);
        long actorSeed = streams.stream("aigc-train-actor-init", 0).nextLong();
        long criticSeed = streams.stream("aigc-train-critic-init", 0).nextLong();
        int h = cfg.hidden();
        List<EpisodeLog> curve = new ArrayList<>();
        try (NDManager base = NDManager.newBaseManager();
             BatchedMlp actor = new BatchedMlp(base, "actor", agents, actorIn, h, actPerAgent, false,
                     new SplittableRandom(actorSeed), true);
             BatchedMlp actorTarget = new BatchedMlp(base, "actor-target", agents, actorIn, h, actPerAgent, false,
                     new SplittableRandom(actorSeed), false);
             BatchedMlp critic = new BatchedMlp(base, "critic", agents, criticIn, h, 1, false,
                     new SplittableRandom(criticSeed), true);
             BatchedMlp criticTarget = new BatchedMlp(base, "critic-target", agents, criticIn, h, 1, false,
                     new SplittableRandom(criticSeed), false)) {
            Optimizer actorOpt = Optimizer.adam().optLearningRateTracker(Tracker.fixed((float) cfg.lr())).build();
            Optimizer criticOpt = Optimizer.adam().optLearningRateTracker(Tracker.fixed((float) cfg.lr())).build();
            Replay replay = new Replay(cfg.bufferSize(), agents, actorIn, globalIn, n * actPerDevice);
            AigcEnv env = new AigcEnv(s);
            long steps = 0;
            int updates = 0;
            long start = System.nanoTime();
            for (int ep = 0; ep < cfg.episodes(); ep++) {
                double noise = cfg.episodes() <= 1 ? cfg.noiseEnd()
                        : cfg.noiseStart() + (cfg.noiseEnd() - cfg.noiseStart()) * ep / (cfg.episodes() - 1.0);
                AigcObservation obs = env.reset(trainingEpisodeSeed(seed, ep));
                float[] x = actorInputs(obs);
                float[] g = obs.global(kind.modelAware());
                double rewardSum = 0;
                int rewardCount = 0;
                while (true) {
                    float[] a;
                    if (steps < cfg.warmupSteps()) {
                        a = new float[n * actPerDevice];
                        for (int k = 0; k < a.length; k++) {
                            a[k] = (float) noiseRandom.nextDouble();
                        }
                    } else {
                        a = explore(forwardRaw(base, actor, x), noise, noiseRandom);
                    }
                    StepResult r = env.step(decode(a));
                    AigcObservation next = r.observation();
                    float[] nx = actorInputs(next);
                    float[] ng = next.global(kind.modelAware());
                    float[] rewards = new float[agents];
                    double mean = 0;
                    for (double v : r.rewards()) {
                        mean += v / n;
                    }
                    for (int k = 0; k < agents; k++) {
                        rewards[k] = (float) (kind.centralised() ? mean : r.rewards()[k]);
                    }
                    rewardSum += mean;
                    rewardCount++;
                    replay.add(x, g, a, rewards, nx, ng, r.done());
                    steps++;
                    if (steps >= cfg.warmupSteps() && replay.size() >= cfg.batchSize()
                            && steps % cfg.updateEvery() == 0) {
                        update(base, replay, sampleRandom, actor, actorTarget, critic, criticTarget, actorOpt,
                                criticOpt);
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
                if (cfg.evalEvery() > 0 && ((ep + 1) % cfg.evalEvery() == 0 || last)) {
                    eval = evaluate(base, actor, env);
                }
                EpisodeLog log = new EpisodeLog(ep + 1, rewardSum / rewardCount, noise, updates,
                        (System.nanoTime() - start) / 1e9, eval);
                curve.add(log);
                if (progress != null) {
                    progress.accept(log);
                }
            }
            return new Result(export(actor), curve);
        }
    }

    private static double gaussian(SplittableRandom r) {
        // Box-Muller from the stream (nextGaussian is not in SplittableRandom on Java 17).
        double u = 1 - r.nextDouble();
        double v = r.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }

    private float[] actorInputs(AigcObservation obs) {
        if (kind.centralised()) {
            return obs.global(true);
        }
        float[] x = new float[n * actorIn];
        for (int i = 0; i < n; i++) {
            System.arraycopy(obs.local(i, kind.modelAware()), 0, x, i * actorIn, actorIn);
        }
        return x;
    }

    private AigcAction[] decode(float[] a) {
        AigcAction[] out = new AigcAction[n];
        for (int i = 0; i < n; i++) {
            out[i] = kind.decode(a, i * actPerDevice, servers);
        }
        return out;
    }

    /** Raw actor outputs for one observation, device-major {@code [n * actPerDevice]}. */
    private float[] forwardRaw(NDManager base, BatchedMlp actor, float[] x) {
        try (NDManager m = base.newSubManager()) {
            NDArray in = m.create(x, new Shape(agents, 1, actorIn));
            return actor.forward(in).toFloatArray();
        }
    }

    /**
     * The action head: per device, a softmax over the J+1 target logits and a sigmoid on the ratio (and download)
     * outputs. {@code raw: [A, B, actPerAgent]}.
     */
    private NDArray head(NDArray raw) {
        Shape shape = raw.getShape();
        long a = shape.get(0);
        long b = shape.get(1);
        int devicesPerAgent = actPerAgent / actPerDevice;
        NDArray r = raw.reshape(a, b, devicesPerAgent, actPerDevice);
        int t = servers + 1;
        NDArray probs = r.get(new NDIndex(":, :, :, 0:" + t)).softmax(3);
        NDArray rest = Activation.sigmoid(r.get(new NDIndex(":, :, :, " + t + ":")));
        return probs.concat(rest, 3).reshape(a, b, actPerAgent);
    }

    /**
     * Exploration: per device, a Gumbel-softmax sample of the target (temperature 1, as MADDPG does for
     * discrete actions) and Gaussian noise on the sigmoid outputs, clipped to [0, 1].
     */
    private float[] explore(float[] raw, double noise, SplittableRandom random) {
        float[] a = new float[raw.length];
        int t = servers + 1;
        for (int i = 0; i < n; i++) {
            int off = i * actPerDevice;
            double max = Double.NEGATIVE_INFINITY;
            double[] z = new double[t];
            for (int k = 0; k < t; k++) {
                double u = random.nextDouble();
                z[k] = raw[off + k] - Math.log(-Math.log(Math.max(u, 1e-12)));
                max = Math.max(max, z[k]);
            }
            double sum = 0;
            for (int k = 0; k < t; k++) {
                z[k] = Math.exp(z[k] - max);
                sum += z[k];
            }
            for (int k = 0; k < t; k++) {
                a[off + k] = (float) (z[k] / sum);
            }
            for (int k = t; k < actPerDevice; k++) {
                double v = 1 / (1 + Math.exp(-raw[off + k])) + noise * gaussian(random);
                a[off + k] = (float) Math.min(1, Math.max(0, v));
            }
        }
        return a;
    }

    private float[] explore0(float[] raw) {
        float[] a = raw.clone();
        for (int k = 0; k < a.length; k++) {
            int pos = k % actPerDevice;
            if (pos > servers) {
                a[k] = (float) (1 / (1 + Math.exp(-raw[k])));
            }
        }
        return a;
    }

    private EpisodeStats evaluate(NDManager base, BatchedMlp actor, AigcEnv env) {
        AigcPolicy policy = new AigcPolicy() {
            @Override
            public String name() {
                return kind.id();
            }

            private SplittableRandom random;

            @Override
            public void reset(long episodeSeed) {
                random = new RandomStreams(episodeSeed).stream("aigc-learned-policy", 0);
            }

            @Override
            public AigcAction[] act(AigcObservation obs) {
                float[] raw = forwardRaw(base, actor, actorInputs(obs));
                if (kind.centralised()) {
                    return decode(explore0(LearnedPolicy.gumbel(raw, n, actPerDevice, servers, random)));
                }
                float[] all = new float[raw.length];
                for (int i = 0; i < n; i++) {
                    float[] one = java.util.Arrays.copyOfRange(raw, i * actPerDevice, (i + 1) * actPerDevice);
                    System.arraycopy(LearnedPolicy.gumbel(one, 1, actPerDevice, servers, random), 0, all,
                            i * actPerDevice, actPerDevice);
                }
                return decode(explore0(all));
            }
        };
        List<EpisodeStats> all = new ArrayList<>();
        for (int k = 0; k < cfg.evalEpisodes(); k++) {
            all.add(EpisodeStats.run(env, policy, curveEvalSeed(seed, k)));
        }
        return EpisodeStats.mean(all);
    }

    private void update(NDManager base, Replay replay, SplittableRandom random, BatchedMlp actor,
                        BatchedMlp actorTarget, BatchedMlp critic, BatchedMlp criticTarget, Optimizer actorOpt,
                        Optimizer criticOpt) {
        int b = cfg.batchSize();
        Replay.Batch batch = replay.sample(b, random);
        int jointAct = n * actPerDevice;
        try (NDManager m = base.newSubManager()) {
            NDArray x = m.create(batch.x(), new Shape(agents, b, actorIn));
            NDArray g = m.create(batch.g(), new Shape(b, globalIn));
            NDArray a = m.create(batch.a(), new Shape(b, jointAct));
            NDArray r = m.create(batch.r(), new Shape(agents, b, 1));
            NDArray nx = m.create(batch.nx(), new Shape(agents, b, actorIn));
            NDArray ng = m.create(batch.ng(), new Shape(b, globalIn));
            NDArray notDone = m.create(batch.notDone(), new Shape(1, b, 1));

            // Critic target from the target networks (no gradient is recorded outside a collector).
            NDArray nextAct = head(actorTarget.forward(nx)).transpose(1, 0, 2).reshape(b, jointAct);
            NDArray nextIn = ng.concat(nextAct, 1);
            NDArray qNext = criticTarget.forward(nextIn.expandDims(0).broadcast(new Shape(agents, b, criticIn)));
            NDArray y = r.add(qNext.mul(notDone).mul((float) cfg.gamma()));

            NDArray criticInput = g.concat(a, 1).expandDims(0).broadcast(new Shape(agents, b, criticIn));
            critic.zeroGradients();
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray q = critic.forward(criticInput);
                NDArray loss = q.sub(y).square().mean().mul(agents);
                gc.backward(loss);
            }
            critic.step(criticOpt);

            actor.zeroGradients();
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray mu = head(actor.forward(x));
                NDArray joint;
                if (kind.centralised()) {
                    joint = mu;
                } else {
                    NDArray buffer = a.reshape(1, b, n, actPerDevice);
                    NDArray mask = m.eye(n).reshape(n, 1, n, 1);
                    NDArray keep = mask.neg().add(1);
                    joint = buffer.mul(keep).add(mu.expandDims(2).mul(mask)).reshape(agents, b, jointAct);
                }
                NDArray in = NDArrays.concat(new ai.djl.ndarray.NDList(
                        g.expandDims(0).broadcast(new Shape(agents, b, globalIn)), joint), 2);
                NDArray loss = critic.forward(in).mean().neg().mul(agents);
                gc.backward(loss);
            }
            actor.step(actorOpt);
        }
        actorTarget.softUpdateFrom(actor, (float) cfg.tau());
        criticTarget.softUpdateFrom(critic, (float) cfg.tau());
    }

    private Checkpoint export(BatchedMlp actor) {
        int m = s.modelCount();
        List<String> features = kind.centralised() ? globalNames() : AigcObservation.localNames(servers, m,
                kind.modelAware());
        List<String> outputs = new ArrayList<>();
        for (int i = 0; i < (kind.centralised() ? n : 1); i++) {
            String p = kind.centralised() ? "d" + i + "_" : "";
            for (int j = 0; j < servers; j++) {
                outputs.add(p + "edge_" + j);
            }
            outputs.add(p + "cloud");
            outputs.add(p + "ratio");
            if (kind.modelAware()) {
                outputs.add(p + "download");
            }
        }
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("agent", kind.id());
        meta.put("seed", Long.toString(seed));
        meta.put("episodes", Integer.toString(cfg.episodes()));
        meta.put("output", "sigmoid of each value; argmax of the target scores, ratio, download > 0.5");
        List<Mlp> actors = new ArrayList<>();
        for (int k = 0; k < agents; k++) {
            actors.add(actor.toMlp(k, "aigc-" + kind.id() + "-actor-" + k, meta, features, outputs));
        }
        Map<String, String> info = new LinkedHashMap<>();
        info.put("scenario", s.name());
        info.put("seed", Long.toString(seed));
        info.put("episodes", Integer.toString(cfg.episodes()));
        info.put("slots_per_episode", Integer.toString(s.slotsPerEpisode()));
        info.put("lr", fmt(cfg.lr()));
        info.put("gamma", fmt(cfg.gamma()));
        info.put("tau", fmt(cfg.tau()));
        info.put("buffer", Integer.toString(cfg.bufferSize()));
        info.put("batch", Integer.toString(cfg.batchSize()));
        info.put("hidden", Integer.toString(cfg.hidden()));
        info.put("update_every", Integer.toString(cfg.updateEvery()));
        return new Checkpoint(kind, n, servers, m, actors, info);
    }

    private List<String> globalNames() {
        List<String> names = new ArrayList<>();
        for (int k = 0; k < globalIn; k++) {
            names.add("g" + k);
        }
        return names;
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%s", v);
    }
}
