package org.offload.rl;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Consumer;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.SequentialBlock;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import org.offload.learn.Djl;
import org.offload.learn.Trainer;
import org.offload.policy.learned.Mlp;

/**
 * Deep Q-learning (Mnih et al. 2015) on a {@link VectorEnv}, with DJL (PyTorch, CPU, one thread): double DQN (van
 * Hasselt et al. 2016: the online network picks the next action, the target network values it), a dueling head
 * (Wang et al. 2016: Q = V + A - mean(A)), a target network following the online one by soft updates
 * (θ' ← τθ + (1 − τ)θ' after every gradient step; seed 003's soft replacement 0.01), a replay buffer sampled
 * with the trainer's seeded stream, uniformly or prioritised ({@link Priority}, {@link ReplayBuffer}), a Huber loss
 * (weighted by the importance-sampling weights when prioritised) and Adam.
 *
 * <p><b>Exploration.</b> ε-greedy over the feasible actions: ε falls linearly from {@code epsilonStart} to
 * {@code epsilonEnd} over the first {@code epsilonFraction} of the env steps, then stays there. <b>Masking:</b> a
 * masked action is never taken (neither greedy nor random), and the double-DQN target maximises only over the next
 * state's feasible actions.
 *
 * <p><b>Delayed rewards.</b> As in {@link Ppo} ({@link Tracks}): a transition enters the replay buffer once its own
 * task's outcome is credited and the next observation of its env is known (or it ended the episode); transitions of
 * an env enter in decision order. The next state is the env's next decision (another task's), discounted by γ.
 *
 * <p><b>Export.</b> The dueling aggregation is linear in the last layer's outputs, so it is folded into that layer:
 * the exported {@link Mlp} outputs the Q-values directly and the pure-Java policy ({@link AgentPolicy}) runs it like
 * any other model. The actions are chosen, and the targets computed, with these exported networks.
 *
 * <p>Same configuration and options: the same model, byte for byte.
 */
public final class Dqn {
    private Dqn() {
    }

    /** Hyper-parameters; {@link #defaults()} documents the values. */
    public record Options(long steps, int envs, int buffer, int batch, int learningStarts, int trainEvery,
                          float learningRate, double gamma, double tau, double epsilonStart, double epsilonEnd,
                          double epsilonFraction, List<Integer> hidden, long seed, int normSteps, int curveEvery,
                          Priority priority) {
        public Options {
            hidden = List.copyOf(hidden);
            java.util.Objects.requireNonNull(priority, "priority");
            if (steps < 1 || envs < 1 || buffer < 1 || batch < 1 || learningStarts < batch || trainEvery < 1
                    || normSteps < 1 || curveEvery < 1) {
                throw new IllegalArgumentException("steps, envs, buffer, batch, trainEvery, normSteps, curveEvery"
                        + " must be >= 1 and learningStarts >= batch");
            }
            if (!(learningRate > 0) || !(gamma >= 0 && gamma <= 1) || !(tau > 0 && tau <= 1)
                    || !(epsilonStart >= 0 && epsilonStart <= 1) || !(epsilonEnd >= 0 && epsilonEnd <= 1)
                    || !(epsilonFraction > 0 && epsilonFraction <= 1)) {
                throw new IllegalArgumentException("need learning rate > 0, gamma in [0, 1], tau in (0, 1],"
                        + " epsilons in [0, 1], epsilon fraction in (0, 1]");
            }
        }

        /**
         * 8 envs, replay of 50,000 transitions, minibatches of 64 from 1,000 transitions on, one gradient step per 4
         * env steps, Adam 1e-3, γ 0.9 and τ 0.01 (seed 003's), ε 1 → 0.05 over the first half of the steps, 64-64
         * network with a dueling head, 200,000 steps, seed 1, curve row every 2,048 env steps, uniform replay
         * ({@link Priority#OFF}; prioritised replay is {@link #withPriority} {@link Priority#SCHAUL}).
         */
        public static Options defaults() {
            return new Options(200_000, 8, 50_000, 64, 1_000, 4, 1e-3f, 0.9, 0.01, 1.0, 0.05, 0.5,
                    List.of(64, 64), 1, 2048, 2048, Priority.OFF);
        }

        public Options withSteps(long s) {
            return new Options(s, envs, buffer, batch, learningStarts, trainEvery, learningRate, gamma, tau,
                    epsilonStart, epsilonEnd, epsilonFraction, hidden, seed, normSteps, curveEvery, priority);
        }

        public Options withSeed(long s) {
            return new Options(steps, envs, buffer, batch, learningStarts, trainEvery, learningRate, gamma, tau,
                    epsilonStart, epsilonEnd, epsilonFraction, hidden, s, normSteps, curveEvery, priority);
        }

        public Options withEnvs(int n) {
            return new Options(steps, n, buffer, batch, learningStarts, trainEvery, learningRate, gamma, tau,
                    epsilonStart, epsilonEnd, epsilonFraction, hidden, seed, normSteps, curveEvery, priority);
        }

        public Options withLearningRate(float lr) {
            return new Options(steps, envs, buffer, batch, learningStarts, trainEvery, lr, gamma, tau,
                    epsilonStart, epsilonEnd, epsilonFraction, hidden, seed, normSteps, curveEvery, priority);
        }

        public Options withPriority(Priority p) {
            return new Options(steps, envs, buffer, batch, learningStarts, trainEvery, learningRate, gamma, tau,
                    epsilonStart, epsilonEnd, epsilonFraction, hidden, seed, normSteps, curveEvery, p);
        }

        /** β of the importance-sampling weights after {@code trainingSteps} env steps: annealed linearly to 1. */
        public double beta(long trainingSteps) {
            return priority.betaStart() + Math.min(1, (double) trainingSteps / steps) * (1 - priority.betaStart());
        }

        /** ε after {@code envSteps} env steps of training. */
        public double epsilon(long envSteps) {
            double f = Math.min(1, envSteps / (epsilonFraction * steps));
            return epsilonStart + f * (epsilonEnd - epsilonStart);
        }

        /** The options as text, for the model's meta data and the config file. */
        public Map<String, String> describe() {
            Map<String, String> m = new LinkedHashMap<>();
            m.put("steps", Long.toString(steps));
            m.put("envs", Integer.toString(envs));
            m.put("buffer", Integer.toString(buffer));
            m.put("batch", Integer.toString(batch));
            m.put("learning_starts", Integer.toString(learningStarts));
            m.put("train_every", Integer.toString(trainEvery));
            m.put("learning_rate", Float.toString(learningRate));
            m.put("gamma", Double.toString(gamma));
            m.put("tau", Double.toString(tau));
            m.put("epsilon_start", Double.toString(epsilonStart));
            m.put("epsilon_end", Double.toString(epsilonEnd));
            m.put("epsilon_fraction", Double.toString(epsilonFraction));
            m.put("hidden", hidden.toString().replace(" ", ""));
            m.put("dueling", "true");
            m.put("double", "true");
            m.put("seed", Long.toString(seed));
            m.put("norm_steps", Integer.toString(normSteps));
            m.put("prioritised_replay", Boolean.toString(priority.on()));
            if (priority.on()) {
                m.put("priority_alpha", Double.toString(priority.alpha()));
                m.put("priority_beta_start", Double.toString(priority.betaStart()));
                m.put("priority_epsilon", Double.toString(priority.epsilon()));
            }
            return m;
        }
    }

    /**
     * Prioritised replay (Schaul et al. 2016, proportional variant; {@link ReplayBuffer}): off, or on with priority
     * exponent α, importance-sampling exponent β annealed linearly from {@code betaStart} to 1 over the training, and
     * ε added to |δ| so no transition's priority is 0.
     */
    public record Priority(boolean on, double alpha, double betaStart, double epsilon) {
        /** Uniform replay (the default). */
        public static final Priority OFF = new Priority(false, 0, 1, 1e-6);
        /** The paper's values for the proportional variant: α 0.6, β 0.4 → 1, ε 1e-6. */
        public static final Priority SCHAUL = new Priority(true, 0.6, 0.4, 1e-6);

        public Priority {
            if (!(alpha >= 0 && alpha <= 1) || !(betaStart >= 0 && betaStart <= 1) || !(epsilon > 0)) {
                throw new IllegalArgumentException("need priority alpha and beta in [0, 1], epsilon > 0");
            }
        }
    }

    /** One curve row: transitions stored since the last row, their mean reward and failure share, loss, ε. */
    public record Update(int update, long envSteps, double meanReward, double failedShare, double loss,
                         double epsilon, long gradientSteps) {
    }

    /** The trained Q-network (dueling head folded in), the learning curve and throughput. */
    public record Result(Mlp policy, List<Update> curve, long envSteps, long gradientSteps, double envSeconds,
                         double trainSeconds) implements TrainedAgent {
        /** The curve with the loss and ε (charted). */
        @Override
        public RlCurve learningCurve() {
            return new RlCurve(policy.name(), List.of("loss", "epsilon"), curve.stream()
                    .map(u -> new RlCurve.Row(u.update(), u.envSteps(), u.meanReward(), u.failedShare(), u.loss(),
                            u.epsilon())).toList(), 1);
        }
    }

    /** One decision awaiting its reward and its next observation. */
    private static final class Transition extends Tracks.Step {
        final float[] obs;
        final int action;
        float[] next;
        boolean[] nextMask;

        Transition(float[] obs, int action) {
            this.obs = obs;
            this.action = action;
        }

        boolean complete() {
            return credited() && (terminal || next != null);
        }
    }

    /** Trains on {@code envs} copies of {@code config}. */
    public static Result train(EnvConfig config, Options o, Consumer<String> log) {
        return train(List.of(config), o, log);
    }

    /** Trains with env i on {@code configs.get(i % size)} (a device mix); every config must give the same layout. */
    public static Result train(List<EnvConfig> configs, Options o, Consumer<String> log) {
        RlTraining.seedEngine(o.seed());
        SplittableRandom random = new SplittableRandom(o.seed());
        List<EnvConfig> perEnv = RlTraining.perEnv(configs, o.envs());
        try (VectorEnv env = new VectorEnv(perEnv, 1);
             Model model = Model.newInstance("dqn", Device.cpu(), "PyTorch")) {
            int n = env.size();
            int in = env.observationSize();
            int na = env.actionCount();
            List<String> features = env.env(0).observationNames();
            List<String> actionNames = env.env(0).actionNames();
            long t0 = System.nanoTime();
            RlTraining.Warm warm = RlTraining.warmUp(env, o.seed(), o.normSteps());
            float[] obs = warm.obs();
            long envSteps = warm.envSteps();
            SequentialBlock net = Trainer.network(o.hidden(), na + 1); // output 0: V, 1..na: A
            model.setBlock(net);
            Map<String, String> meta = RlTraining.meta("dqn", perEnv.get(0), o.describe());
            DefaultTrainingConfig tc = new DefaultTrainingConfig(Loss.l2Loss()) // placeholder: own Huber loss below
                    .optOptimizer(Optimizer.adam().optLearningRateTracker(Tracker.fixed(o.learningRate())).build())
                    .optDevices(new Device[] {Device.cpu()});
            try (ai.djl.training.Trainer trainer = model.newTrainer(tc)) {
                trainer.initialize(new Shape(o.batch(), in));
                Mlp online = export(net, meta, features, warm, actionNames);
                Mlp target = online;
                ReplayBuffer replay = new ReplayBuffer(o.buffer(), o.priority());
                Tracks<Transition> tracks = new Tracks<>(env);
                int[] acts = new int[n];
                List<Update> curve = new ArrayList<>();
                double envSeconds = (System.nanoTime() - t0) / 1e9;
                double trainSeconds = 0;
                long gradientSteps = 0;
                long owed = 0;
                long nextRow = envSteps + o.curveEvery();
                double rewardSum = 0;
                int stored = 0;
                int failed = 0;
                double lossSum = 0;
                int losses = 0;
                long trainingSteps = 0;
                while (trainingSteps < o.steps()) {
                    long s0 = System.nanoTime();
                    double eps = o.epsilon(trainingSteps);
                    boolean[] masks = env.masks();
                    Mlp.Runner runner = online.runner();
                    for (int i = 0; i < n; i++) {
                        float[] x = Arrays.copyOfRange(obs, i * in, (i + 1) * in);
                        int a;
                        if (random.nextDouble() < eps) {
                            a = uniform(masks, i * na, na, random);
                        } else {
                            a = argmax(runner.run(x.clone()), masks, i * na, na);
                        }
                        tracks.of(i).add(new Transition(x, a));
                        acts[i] = a;
                    }
                    obs = env.step(acts);
                    envSteps += n;
                    trainingSteps += n;
                    masks = env.masks();
                    for (int i = 0; i < n; i++) {
                        List<Transition> t = tracks.of(i);
                        Transition last = t.get(t.size() - 1);
                        if (!env.terminated()[i] && !env.truncated()[i]) {
                            last.next = Arrays.copyOfRange(obs, i * in, (i + 1) * in);
                            last.nextMask = Arrays.copyOfRange(masks, i * na, (i + 1) * na);
                        }
                    }
                    tracks.credit(env);
                    for (int i = 0; i < n; i++) {
                        List<Transition> t = tracks.of(i);
                        int k = 0;
                        while (k < t.size() && t.get(k).complete()) {
                            Transition tr = t.get(k++);
                            replay.add(tr.obs, tr.action, (float) tr.reward, tr.terminal ? null : tr.next,
                                    tr.nextMask);
                            rewardSum += tr.reward;
                            stored++;
                            // a failure's reward is -failurePenalty (minus energy): below -1, no completion reaches
                            if (tr.reward < -1) {
                                failed++;
                            }
                        }
                        tracks.dropFirst(i, k);
                    }
                    long s1 = System.nanoTime();
                    envSeconds += (s1 - s0) / 1e9;
                    if (replay.size() >= o.learningStarts()) {
                        owed += n;
                        while (owed >= o.trainEvery()) {
                            owed -= o.trainEvery();
                            lossSum += step(trainer, net, online, target, replay, o.beta(trainingSteps), o, random, in,
                                    na);
                            losses++;
                            gradientSteps++;
                            Mlp exported = export(net, meta, features, warm, actionNames);
                            target = softUpdate(target, exported, o.tau());
                            online = exported;
                        }
                    }
                    trainSeconds += (System.nanoTime() - s1) / 1e9;
                    if (envSteps >= nextRow || trainingSteps >= o.steps()) {
                        nextRow += o.curveEvery();
                        Update u = new Update(curve.size() + 1, envSteps, stored > 0 ? rewardSum / stored : 0,
                                stored > 0 ? (double) failed / stored : 0, losses > 0 ? lossSum / losses : 0, eps,
                                gradientSteps);
                        curve.add(u);
                        if (log != null && (u.update() == 1 || u.update() % 10 == 0 || trainingSteps >= o.steps())) {
                            log.accept(String.format(Locale.ROOT, "row %d, %d env steps: mean reward %.4f, failed"
                                    + " %.2f%%, loss %.5f, epsilon %.3f, %d gradient steps", u.update(), envSteps,
                                    u.meanReward(), 100 * u.failedShare(), u.loss(), eps, gradientSteps));
                        }
                        rewardSum = 0;
                        stored = 0;
                        failed = 0;
                        lossSum = 0;
                        losses = 0;
                    }
                }
                return new Result(online, curve, envSteps, gradientSteps, envSeconds, trainSeconds);
            }
        }
    }

    /** A feasible action drawn uniformly. */
    private static int uniform(boolean[] mask, int off, int n, SplittableRandom random) {
        int feasible = 0;
        for (int a = 0; a < n; a++) {
            feasible += mask[off + a] ? 1 : 0;
        }
        int pick = random.nextInt(feasible);
        for (int a = 0; a < n; a++) {
            if (mask[off + a] && pick-- == 0) {
                return a;
            }
        }
        throw new IllegalStateException("no feasible action");
    }

    /** The feasible action of highest value (the first on ties). */
    static int argmax(float[] q, boolean[] mask, int off, int n) {
        int best = -1;
        for (int a = 0; a < n; a++) {
            if (mask[off + a] && (best < 0 || q[a] > q[best])) {
                best = a;
            }
        }
        if (best < 0) {
            throw new IllegalStateException("no feasible action");
        }
        return best;
    }

    /** One gradient step on a sampled minibatch (then the sampled transitions' new priorities); returns its loss. */
    private static double step(ai.djl.training.Trainer trainer, SequentialBlock net, Mlp online, Mlp target,
                               ReplayBuffer replay, double beta, Options o, SplittableRandom random, int in, int na) {
        int b = o.batch();
        float[] xb = new float[b * in];
        float[] onehot = new float[b * na];
        float[] y = new float[b];
        Mlp.Runner on = online.runner();
        Mlp.Runner tg = target.runner();
        float[] mean = online.mean();
        float[] std = online.std();
        ReplayBuffer.Sample sample = replay.sample(b, beta, random);
        for (int k = 0; k < b; k++) {
            int r = sample.slots()[k];
            for (int j = 0; j < in; j++) {
                xb[k * in + j] = (replay.obs[r][j] - mean[j]) / std[j];
            }
            onehot[k * na + replay.action[r]] = 1f;
            double target1 = replay.reward[r];
            if (replay.next[r] != null) {
                // double DQN: the online network picks among the next state's feasible actions, the target values
                int a = argmax(on.run(replay.next[r].clone()), replay.nextMask[r], 0, na);
                target1 += o.gamma() * tg.run(replay.next[r].clone())[a];
            }
            y[k] = (float) target1;
        }
        try (NDManager m = trainer.getManager().newSubManager()) {
            NDArray xa = m.create(xb, new Shape(b, in));
            NDArray oh = m.create(onehot, new Shape(b, na));
            NDArray ya = m.create(y, new Shape(b));
            double loss;
            try (GradientCollector gc = trainer.newGradientCollector()) {
                NDArray out = trainer.forward(new NDList(xa)).singletonOrThrow();
                NDArray v = out.get(":, 0:1");
                NDArray adv = out.get(":, 1:");
                NDArray q = v.add(adv.sub(adv.mean(new int[] {1}, true)));
                NDArray d = q.mul(oh).sum(new int[] {1}).sub(ya);
                NDArray abs = d.abs();
                // constants as PyTorch-owned tensors that live until the backward pass (Djl#constant)
                NDArray quad = abs.minimum(Djl.constant(m, 1f));
                NDArray perSample = quad.square().mul(Djl.constant(m, 0.5f)).add(abs.sub(quad));
                if (o.priority().on()) {
                    // the weights' tensor is held by m, like the batch's, until after the backward pass
                    perSample = perSample.mul(m.create(sample.weights(), new Shape(b)));
                }
                NDArray huber = perSample.mean();
                gc.backward(huber);
                loss = huber.getFloat();
                replay.update(sample.slots(), d.toFloatArray());
            }
            trainer.step();
            return loss;
        }
    }

    /** The network as an {@link Mlp} of Q-values ({@link #fold}). */
    private static Mlp export(SequentialBlock net, Map<String, String> meta, List<String> features,
                              RlTraining.Warm warm, List<String> actionNames) {
        List<String> raw = new ArrayList<>();
        raw.add("value");
        raw.addAll(actionNames);
        return fold(Trainer.export(net, "dqn", meta, features, warm.mean(), warm.std(), raw, Mlp.Output.LINEAR),
                actionNames);
    }

    /**
     * The exported dueling network (last layer: V then the na advantages) as a network of Q-values: Q_a = V + A_a −
     * mean(A) is linear in the last layer's outputs, so its weights and bias are combined the same way.
     */
    static Mlp fold(Mlp raw, List<String> actionNames) {
        List<Mlp.Layer> layers = new ArrayList<>(raw.layers());
        Mlp.Layer last = layers.remove(layers.size() - 1);
        int na = last.out() - 1;
        int h = last.in();
        float[][] w = new float[na][h];
        float[] bias = new float[na];
        float[] meanW = new float[h];
        float meanB = 0;
        for (int a = 1; a <= na; a++) {
            for (int j = 0; j < h; j++) {
                meanW[j] += last.weights()[a][j] / na;
            }
            meanB += last.bias()[a] / na;
        }
        for (int a = 0; a < na; a++) {
            for (int j = 0; j < h; j++) {
                w[a][j] = last.weights()[0][j] + last.weights()[a + 1][j] - meanW[j];
            }
            bias[a] = last.bias()[0] + last.bias()[a + 1] - meanB;
        }
        layers.add(new Mlp.Layer(h, na, w, bias, last.activation()));
        return new Mlp(raw.name(), raw.meta(), raw.features(), raw.mean(), raw.std(), actionNames, raw.output(),
                layers);
    }

    /** θ' ← τθ + (1 − τ)θ', layer by layer (folding is linear, so this equals folding the soft-updated network). */
    static Mlp softUpdate(Mlp target, Mlp online, double tau) {
        List<Mlp.Layer> layers = new ArrayList<>();
        for (int l = 0; l < online.layers().size(); l++) {
            Mlp.Layer t = target.layers().get(l);
            Mlp.Layer s = online.layers().get(l);
            float[][] w = new float[s.out()][s.in()];
            float[] b = new float[s.out()];
            for (int j = 0; j < s.out(); j++) {
                for (int i = 0; i < s.in(); i++) {
                    w[j][i] = (float) (tau * s.weights()[j][i] + (1 - tau) * t.weights()[j][i]);
                }
                b[j] = (float) (tau * s.bias()[j] + (1 - tau) * t.bias()[j]);
            }
            layers.add(new Mlp.Layer(s.in(), s.out(), w, b, s.activation()));
        }
        return new Mlp(online.name(), online.meta(), online.features(), online.mean(), online.std(),
                online.classes(), online.output(), layers);
    }
}
