package org.offload.rl;

import java.util.ArrayList;
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
 * Proximal policy optimisation (Schulman et al. 2017) on a {@link VectorEnv}, with DJL (PyTorch, CPU, one thread):
 * clipped surrogate objective, generalised advantage estimation (GAE, Schulman et al. 2016), an entropy bonus, and
 * action masking (masked logits set to -1e9 before the softmax, in sampling and in the loss). Separate policy and
 * value networks ({@code hidden} ReLU layers each), Adam.
 *
 * <p><b>Delayed rewards.</b> A transition's reward is its own task's outcome ({@link RewardSpec}); it is filled in
 * when the environment credits that decision, and a transition enters an update only once it and every earlier
 * transition of its env have their reward (the exact credit {@link OffloadEnv} documents). Each update takes the
 * first {@code horizon} complete transitions of every env; GAE bootstraps from the value of the next transition of
 * the same env (zero after the end of an episode).
 *
 * <p><b>Rollouts</b> run the current networks with the pure-Java {@link Mlp} forward pass (exported after each
 * update), actions sampled from the masked softmax with the trainer's seeded stream. Observations are standardised
 * with the mean and std of the first {@code normSteps} steps of a random agent (stored in the model).
 *
 * <p>Same configuration and options: the same model, byte for byte (one PyTorch thread, seeded initialisation,
 * sampling and shuffling).
 */
public final class Ppo {
    private Ppo() {
    }

    /** Hyper-parameters; {@link #defaults()} gives those the shipped model was trained with. */
    public record Options(long steps, int envs, int horizon, int epochs, int minibatch, float learningRate,
                          double gamma, double lambda, double clip, double entropy, List<Integer> hidden, long seed,
                          int normSteps) {
        public Options {
            hidden = List.copyOf(hidden);
            if (steps < 1 || envs < 1 || horizon < 2 || epochs < 1 || minibatch < 1 || normSteps < 1) {
                throw new IllegalArgumentException("steps, envs, epochs, minibatch, normSteps must be >= 1 and"
                        + " horizon >= 2");
            }
            if (!(learningRate > 0) || !(gamma >= 0 && gamma <= 1) || !(lambda >= 0 && lambda <= 1)
                    || !(clip > 0) || !(entropy >= 0)) {
                throw new IllegalArgumentException("need learning rate > 0, gamma and lambda in [0, 1], clip > 0,"
                        + " entropy >= 0");
            }
        }

        /**
         * 8 envs x 256 steps per update, 4 epochs of minibatches of 256, Adam 3e-4, gamma 0.9 (seed 003's), GAE
         * 0.95, clip 0.2, entropy 0.01, 64-64 networks, 200,000 steps, seed 1.
         */
        public static Options defaults() {
            return new Options(200_000, 8, 256, 4, 256, 3e-4f, 0.9, 0.95, 0.2, 0.01, List.of(64, 64), 1, 2048);
        }

        public Options withSteps(long s) {
            return new Options(s, envs, horizon, epochs, minibatch, learningRate, gamma, lambda, clip, entropy,
                    hidden, seed, normSteps);
        }

        public Options withSeed(long s) {
            return new Options(steps, envs, horizon, epochs, minibatch, learningRate, gamma, lambda, clip, entropy,
                    hidden, s, normSteps);
        }

        public Options withLearningRate(float lr) {
            return new Options(steps, envs, horizon, epochs, minibatch, lr, gamma, lambda, clip, entropy, hidden,
                    seed, normSteps);
        }

        public Options withEnvs(int n, int h) {
            return new Options(steps, n, h, epochs, minibatch, learningRate, gamma, lambda, clip, entropy, hidden,
                    seed, normSteps);
        }

        /** The options as text, for the model's meta data and the config file. */
        public Map<String, String> describe() {
            Map<String, String> m = new LinkedHashMap<>();
            m.put("steps", Long.toString(steps));
            m.put("envs", Integer.toString(envs));
            m.put("horizon", Integer.toString(horizon));
            m.put("epochs", Integer.toString(epochs));
            m.put("minibatch", Integer.toString(minibatch));
            m.put("learning_rate", Float.toString(learningRate));
            m.put("gamma", Double.toString(gamma));
            m.put("gae_lambda", Double.toString(lambda));
            m.put("clip", Double.toString(clip));
            m.put("entropy", Double.toString(entropy));
            m.put("hidden", hidden.toString().replace(" ", ""));
            m.put("seed", Long.toString(seed));
            m.put("norm_steps", Integer.toString(normSteps));
            return m;
        }
    }

    /** One update: env steps so far, the batch's mean reward per decision and failure share, losses, entropy. */
    public record Update(int update, long envSteps, double meanReward, double failedShare, double policyLoss,
                         double valueLoss, double entropy) {
    }

    /**
     * The trained policy network (logits over the actions), the learning curve, and throughput: env steps and
     * gradient steps (per network) with the seconds spent stepping envs and training.
     */
    public record Result(Mlp policy, List<Update> curve, long envSteps, long gradientSteps, double envSeconds,
                         double trainSeconds) implements TrainedAgent {
        /** The curve with the losses and the entropy (charted). */
        @Override
        public RlCurve learningCurve() {
            return new RlCurve(policy.name(), List.of("policy_loss", "value_loss", "entropy"), curve.stream()
                    .map(u -> new RlCurve.Row(u.update(), u.envSteps(), u.meanReward(), u.failedShare(),
                            u.policyLoss(), u.valueLoss(), u.entropy())).toList(), 2);
        }
    }

    /** One decision awaiting its reward. */
    private static final class Transition extends Tracks.Step {
        final float[] obs;
        final boolean[] mask;
        final int action;
        final float logp;
        final float value;

        Transition(float[] obs, boolean[] mask, int action, float logp, float value) {
            this.obs = obs;
            this.mask = mask;
            this.action = action;
            this.logp = logp;
            this.value = value;
        }
    }

    /** Trains on {@code envs} copies of {@code config}; {@code log} receives a line per few updates (may be null). */
    public static Result train(EnvConfig config, Options o, Consumer<String> log) {
        List<EnvConfig> configs = new ArrayList<>();
        for (int i = 0; i < o.envs(); i++) {
            configs.add(config);
        }
        return train(configs, o, log);
    }

    /** Trains with env i on {@code configs.get(i % size)} (a device mix); every config must give the same layout. */
    public static Result train(List<EnvConfig> configs, Options o, Consumer<String> log) {
        RlTraining.seedEngine(o.seed());
        SplittableRandom random = new SplittableRandom(o.seed());
        List<EnvConfig> perEnv = RlTraining.perEnv(configs, o.envs());
        try (VectorEnv env = new VectorEnv(perEnv, 1);
             Model pm = Model.newInstance("ppo-policy", Device.cpu(), "PyTorch");
             Model vm = Model.newInstance("ppo-value", Device.cpu(), "PyTorch")) {
            int n = env.size();
            int in = env.observationSize();
            int na = env.actionCount();
            List<String> features = env.env(0).observationNames();
            List<String> actionNames = env.env(0).actionNames();
            long t0 = System.nanoTime();
            // standardisation from a random agent's first steps
            RlTraining.Warm warm = RlTraining.warmUp(env, o.seed(), o.normSteps());
            float[] obs = warm.obs();
            float[] mean = warm.mean();
            float[] std = warm.std();
            long envSteps = warm.envSteps();
            int[] acts = new int[n];

            SequentialBlock pnet = Trainer.network(o.hidden(), na);
            SequentialBlock vnet = Trainer.network(o.hidden(), 1);
            pm.setBlock(pnet);
            vm.setBlock(vnet);
            Map<String, String> meta = RlTraining.meta("ppo", perEnv.get(0), o.describe());
            try (ai.djl.training.Trainer pt = pm.newTrainer(config(o));
                 ai.djl.training.Trainer vt = vm.newTrainer(config(o))) {
                pt.initialize(new Shape(o.minibatch(), in));
                vt.initialize(new Shape(o.minibatch(), in));
                Mlp policy = Trainer.export(pnet, "ppo", meta, features, mean, std, actionNames, Mlp.Output.LINEAR);
                Mlp value = Trainer.export(vnet, "ppo-value", meta, features, mean, std, List.of("value"),
                        Mlp.Output.LINEAR);
                // decisions of the warm-up (random agent) in the current episodes have no transition
                Tracks<Transition> tracks = new Tracks<>(env);
                int[] ready = new int[n];
                List<Update> curve = new ArrayList<>();
                double envSeconds = (System.nanoTime() - t0) / 1e9;
                double trainSeconds = 0;
                long gradientSteps = 0;
                int update = 0;
                double[] probs = new double[na];
                while (envSteps < o.steps()) {
                    long s0 = System.nanoTime();
                    Mlp.Runner pr = policy.runner();
                    Mlp.Runner vr = value.runner();
                    // roll out until every env has `horizon` complete transitions and one more after them
                    while (!readyAll(tracks, ready, o.horizon())) {
                        boolean[] masks = env.masks();
                        for (int i = 0; i < n; i++) {
                            float[] x = java.util.Arrays.copyOfRange(obs, i * in, (i + 1) * in);
                            boolean[] m = java.util.Arrays.copyOfRange(masks, i * na, (i + 1) * na);
                            float[] logits = pr.scores(x.clone());
                            int a = sample(logits, m, probs, random);
                            float v = vr.run(x.clone())[0];
                            tracks.of(i).add(new Transition(x, m, a, (float) Math.log(probs[a]), v));
                            acts[i] = a;
                        }
                        obs = env.step(acts);
                        envSteps += n;
                        tracks.credit(env);
                    }
                    long s1 = System.nanoTime();
                    envSeconds += (s1 - s0) / 1e9;
                    Update u = update(o, tracks, ready, in, na, mean, std, pt, vt, random, ++update, envSteps);
                    gradientSteps += (long) o.epochs() * ((n * o.horizon() + o.minibatch() - 1) / o.minibatch());
                    policy = Trainer.export(pnet, "ppo", meta, features, mean, std, actionNames, Mlp.Output.LINEAR);
                    value = Trainer.export(vnet, "ppo-value", meta, features, mean, std, List.of("value"),
                            Mlp.Output.LINEAR);
                    trainSeconds += (System.nanoTime() - s1) / 1e9;
                    curve.add(u);
                    if (log != null && (update == 1 || update % 10 == 0 || envSteps >= o.steps())) {
                        log.accept(String.format(Locale.ROOT, "update %d, %d env steps: mean reward %.4f, failed %.2f%%,"
                                + " policy loss %.4f, value loss %.4f, entropy %.3f", update, envSteps,
                                u.meanReward(), 100 * u.failedShare(), u.policyLoss(), u.valueLoss(), u.entropy()));
                    }
                }
                return new Result(policy, curve, envSteps, gradientSteps, envSeconds, trainSeconds);
            }
        }
    }

    private static DefaultTrainingConfig config(Options o) {
        // the loss here is a placeholder: the update computes its own objective inside a gradient collector
        return new DefaultTrainingConfig(Loss.l2Loss())
                .optOptimizer(Optimizer.adam().optLearningRateTracker(Tracker.fixed(o.learningRate())).build())
                .optDevices(new Device[] {Device.cpu()});
    }

    /** Whether every env has {@code horizon} transitions with rewards and one more transition after them. */
    private static boolean readyAll(Tracks<Transition> tracks, int[] ready, int horizon) {
        boolean all = true;
        for (int i = 0; i < tracks.size(); i++) {
            List<Transition> t = tracks.of(i);
            while (ready[i] < t.size() && t.get(ready[i]).credited()) {
                ready[i]++;
            }
            if (ready[i] < horizon || t.size() <= horizon) {
                all = false;
            }
        }
        return all;
    }

    /** Samples from the masked softmax of {@code logits}; leaves the probabilities in {@code probs}. */
    static int sample(float[] logits, boolean[] mask, double[] probs, SplittableRandom random) {
        double max = Double.NEGATIVE_INFINITY;
        for (int a = 0; a < mask.length; a++) {
            if (mask[a]) {
                max = Math.max(max, logits[a]);
            }
        }
        double z = 0;
        for (int a = 0; a < mask.length; a++) {
            probs[a] = mask[a] ? Math.exp(logits[a] - max) : 0;
            z += probs[a];
        }
        double draw = random.nextDouble();
        double acc = 0;
        int pick = -1;
        for (int a = 0; a < mask.length; a++) {
            probs[a] /= z;
            if (mask[a]) {
                acc += probs[a];
                if (pick < 0 && draw < acc) {
                    pick = a;
                }
            }
        }
        if (pick < 0) { // rounding left the draw above the last cumulative sum: the last feasible action
            for (int a = mask.length - 1; a >= 0 && pick < 0; a--) {
                pick = mask[a] ? a : -1;
            }
        }
        return pick;
    }

    private static Update update(Options o, Tracks<Transition> tracks, int[] ready, int in, int na,
                                 float[] mean, float[] std,
                                 ai.djl.training.Trainer pt, ai.djl.training.Trainer vt, SplittableRandom random,
                                 int number, long envSteps) {
        int n = tracks.size();
        int h = o.horizon();
        int rows = n * h;
        float[][] x = new float[rows][];
        boolean[][] mask = new boolean[rows][];
        int[] action = new int[rows];
        float[] oldLogp = new float[rows];
        float[] adv = new float[rows];
        float[] ret = new float[rows];
        double rewardSum = 0;
        int failed = 0;
        for (int i = 0; i < n; i++) {
            List<Transition> t = tracks.of(i);
            double gae = 0;
            for (int k = h - 1; k >= 0; k--) {
                Transition tr = t.get(k);
                double next = tr.terminal ? 0 : t.get(k + 1).value;
                double delta = tr.reward + o.gamma() * next - tr.value;
                gae = delta + (tr.terminal ? 0 : o.gamma() * o.lambda() * gae);
                int r = i * h + k;
                x[r] = tr.obs;
                mask[r] = tr.mask;
                action[r] = tr.action;
                oldLogp[r] = tr.logp;
                adv[r] = (float) gae;
                ret[r] = (float) (gae + tr.value);
                rewardSum += tr.reward;
                // a failure's reward is -failurePenalty (minus energy): below -1, which no completion reaches
                if (tr.reward < -1) {
                    failed++;
                }
            }
            tracks.dropFirst(i, h);
            ready[i] -= h;
        }
        double pl = 0;
        double vl = 0;
        double ent = 0;
        int batches = 0;
        int[] order = new int[rows];
        for (int r = 0; r < rows; r++) {
            order[r] = r;
        }
        for (int epoch = 0; epoch < o.epochs(); epoch++) {
            Trainer.shuffle(order, random);
            for (int s = 0; s < rows; s += o.minibatch()) {
                int b = Math.min(o.minibatch(), rows - s);
                float[] xb = new float[b * in];
                float[] maskAdd = new float[b * na];
                float[] onehot = new float[b * na];
                float[] ob = new float[b];
                float[] ab = new float[b];
                float[] rb = new float[b];
                double am = 0;
                for (int k = 0; k < b; k++) {
                    am += adv[order[s + k]];
                }
                am /= b;
                double av = 0;
                for (int k = 0; k < b; k++) {
                    double d = adv[order[s + k]] - am;
                    av += d * d;
                }
                double asd = Math.sqrt(av / b) + 1e-8;
                for (int k = 0; k < b; k++) {
                    int r = order[s + k];
                    for (int j = 0; j < in; j++) {
                        xb[k * in + j] = (x[r][j] - mean[j]) / std[j];
                    }
                    for (int a = 0; a < na; a++) {
                        maskAdd[k * na + a] = mask[r][a] ? 0f : -1e9f;
                    }
                    onehot[k * na + action[r]] = 1f;
                    ob[k] = oldLogp[r];
                    ab[k] = (float) ((adv[r] - am) / asd);
                    rb[k] = ret[r];
                }
                try (NDManager m = pt.getManager().newSubManager()) {
                    NDArray xa = m.create(xb, new Shape(b, in));
                    NDArray madd = m.create(maskAdd, new Shape(b, na));
                    NDArray oh = m.create(onehot, new Shape(b, na));
                    NDArray olp = m.create(ob, new Shape(b));
                    NDArray advs = m.create(ab, new Shape(b));
                    NDArray rets = m.create(rb, new Shape(b, 1));
                    try (GradientCollector gc = pt.newGradientCollector()) {
                        NDArray logits = pt.forward(new NDList(xa)).singletonOrThrow().add(madd);
                        NDArray logpAll = logits.logSoftmax(1);
                        NDArray logp = logpAll.mul(oh).sum(new int[] {1});
                        NDArray ratio = logp.sub(olp).exp();
                        NDArray s1 = ratio.mul(advs);
                        NDArray s2 = ratio.clip(1 - o.clip(), 1 + o.clip()).mul(advs);
                        NDArray surrogate = s1.minimum(s2).mean().neg();
                        NDArray entropy = logpAll.exp().mul(logpAll).sum(new int[] {1}).neg().mean();
                        NDArray loss = surrogate.sub(entropy.mul(Djl.constant(m, (float) o.entropy())));
                        gc.backward(loss);
                        pl += surrogate.getFloat();
                        ent += entropy.getFloat();
                    }
                    pt.step();
                    try (GradientCollector gc = vt.newGradientCollector()) {
                        NDArray v = vt.forward(new NDList(xa)).singletonOrThrow();
                        NDArray loss = v.sub(rets).square().mean();
                        gc.backward(loss);
                        vl += loss.getFloat();
                    }
                    vt.step();
                }
                batches++;
            }
        }
        return new Update(number, envSteps, rewardSum / rows, (double) failed / rows, pl / batches, vl / batches,
                ent / batches);
    }
}
