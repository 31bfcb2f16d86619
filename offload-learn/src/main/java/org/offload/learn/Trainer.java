package org.offload.learn;

import java.io.IOException;
import java.nio.file.Path;
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
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import ai.djl.util.Pair;
import org.offload.policy.learned.DlTierPolicy;
import org.offload.policy.learned.Mlp;
import org.offload.policy.learned.OutcomeFeatures;
import org.offload.policy.learned.TierFeatures;

/**
 * Supervised training of the dl-tier networks with DJL (PyTorch engine, CPU, one thread) and export of the weights
 * to the pure-Java {@link Mlp} format the simulator runs.
 *
 * <ul>
 * <li><b>tier-nn</b> (TierSelectionNN): {@link TierFeatures#NAMES} in, hidden layers 64-32-16 with ReLU, 4 logits
 * out (softmax in {@link Mlp}); softmax cross-entropy on the {@code expert} or {@code oracle} column of
 * {@code tier.csv}. Metric: validation accuracy.</li>
 * <li><b>vm-nn</b> (VMCompatibilityNN): {@link TierFeatures#VM_NAMES} in, one hidden layer of 16 ReLU units (it scored
 * best of 16, 16-8 and 32-16 on held-out decisions), one linear output; L2 loss
 * on {@code target} of {@code vm.csv}. Metric: top-1 agreement on validation decisions (the VM the net scores
 * highest among those that admit the task is the one with the highest target).</li>
 * <li><b>outcome-nn</b> (ours, beyond the paper): {@link OutcomeFeatures#NAMES} in, hidden layers 64-32-16 with
 * ReLU, one linear output; L2 loss on {@code cost} of {@code outcome.csv} (the realised cost of a decision).
 * Metric: R² of the held-out costs.</li>
 * </ul>
 * Paper values: Adam, learning rate 0.001, batch 32. Inputs are standardised with the training split's mean and
 * standard deviation (stored in the model file). The split holds out {@code validationShare} of the decisions
 * (whole {@code sample} groups), drawn with the seed; batches are shuffled with the seed each epoch, and
 * {@code Engine.setRandomSeed} fixes the weight initialisation, and training runs on one PyTorch intra-op thread
 * ({@link Djl#singleThreaded}, whatever the process set before), so the same data, options and seed give the same
 * exported weights.
 */
public final class Trainer {
    /** Training options; the defaults are the paper's (Adam 0.001, batch 32) with 20% held out. */
    public record Options(List<Integer> hidden, float learningRate, int batchSize, int epochs, long seed,
                          double validationShare) {
        public Options {
            hidden = List.copyOf(hidden);
            if (!(learningRate > 0) || batchSize < 1 || epochs < 1) {
                throw new IllegalArgumentException("need learning rate > 0, batch >= 1, epochs >= 1");
            }
            if (!(validationShare >= 0 && validationShare < 1)) {
                throw new IllegalArgumentException("validation share must be in [0, 1)");
            }
        }

        public static Options tier() {
            return new Options(List.of(64, 32, 16), 0.001f, 32, 100, 1, 0.2);
        }

        public static Options vm() {
            return new Options(List.of(16), 0.001f, 32, 30, 1, 0.2);
        }

        public static Options outcome() {
            return new Options(List.of(64, 32, 16), 0.001f, 32, 30, 1, 0.2);
        }

        public Options withEpochs(int e) {
            return new Options(hidden, learningRate, batchSize, e, seed, validationShare);
        }

        public Options withSeed(long s) {
            return new Options(hidden, learningRate, batchSize, epochs, s, validationShare);
        }

        public Options withLearningRate(float lr) {
            return new Options(hidden, lr, batchSize, epochs, seed, validationShare);
        }

        public Options withBatchSize(int b) {
            return new Options(hidden, learningRate, b, epochs, seed, validationShare);
        }
    }

    /** One epoch of the learning curve. */
    public record Epoch(int epoch, double trainLoss, double validationLoss, double trainMetric,
                        double validationMetric) {
    }

    /** What a network learns, with its loss and its validation metric. */
    public enum Objective {
        /** Classes: softmax cross-entropy; accuracy. */
        CLASSIFY("accuracy"),
        /** Scores of the VMs of one decision: L2; top-1 agreement within the held-out decisions. */
        RANK("top1"),
        /** A value per row: L2; R² of the held-out values. */
        REGRESS("r2");

        private final String metric;

        Objective(String metric) {
            this.metric = metric;
        }

        public String metric() {
            return metric;
        }
    }

    /**
     * A trained network, its learning curve, its final validation metric and what the metric is without learning
     * ({@code baseline}): for a classifier the accuracy of always answering the training rows' most frequent class,
     * for a regression 0 (the R² of predicting the mean), for VM scores NaN.
     */
    public record Result(Mlp model, List<Epoch> curve, String metric, double validationMetric, double baseline,
                         int trainRows, int validationRows, double seconds) {
    }

    private Trainer() {
    }

    /** Trains the tier network on {@code dir/tier.csv} with the {@code labels} column (expert or oracle). */
    public static Result trainTier(Path dir, String labels, Options o, Consumer<String> log) throws IOException {
        if (!labels.equals("expert") && !labels.equals("oracle")) {
            throw new IllegalArgumentException("labels must be expert or oracle, got '" + labels + "'");
        }
        Path file = dir.resolve(DatasetGenerator.TIER_FILE);
        TrainingData d = TrainingData.read(file, TierFeatures.NAMES, labels, TierFeatures.TIERS);
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("labels", labels);
        try {
            return train(d, Objective.CLASSIFY, TierFeatures.TIERS, o, DlTierPolicy.TIER_NN, TierFeatures.TIER_NAMES,
                    meta, log);
        } catch (DatasetException e) {
            throw new DatasetException(file + ": " + e.getMessage());
        }
    }

    /** Trains the VM network on {@code dir/vm.csv}. */
    public static Result trainVm(Path dir, Options o, Consumer<String> log) throws IOException {
        Path file = dir.resolve(DatasetGenerator.VM_FILE);
        TrainingData d = TrainingData.read(file, TierFeatures.VM_NAMES, "target");
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("labels", "target=admits?exp(-est_s/time_left_s):0");
        try {
            return train(d, Objective.RANK, 1, o, DlTierPolicy.VM_NN, List.of("score"), meta, log);
        } catch (DatasetException e) {
            throw new DatasetException(file + ": " + e.getMessage());
        }
    }

    /**
     * Trains the outcome network (ours) on {@code dir/outcome.csv} with the {@code labels} cost: {@code queue} (the
     * {@code cost} column: the task's own realised cost plus its share of the failures while it held server
     * capacity) or {@code own} (the {@code own_cost} column: the task's own only; the label ablation).
     */
    public static Result trainOutcome(Path dir, String labels, Options o, Consumer<String> log) throws IOException {
        if (!labels.equals("queue") && !labels.equals("own")) {
            throw new IllegalArgumentException("outcome labels must be queue or own, got '" + labels + "'");
        }
        Path file = dir.resolve(DatasetGenerator.OUTCOME_FILE);
        TrainingData d = TrainingData.read(file, OutcomeFeatures.NAMES, labels.equals("queue") ? "cost" : "own_cost");
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("labels", labels.equals("queue")
                ? "queue: own cost (failed?2:service_time/max_delay) + 2 x failures while it held server capacity"
                + " x share / capacity (realised, behaviour dl-tier tier=random)"
                : "own: failed?2:service_time/max_delay (realised, behaviour dl-tier tier=random)");
        try {
            return train(d, Objective.REGRESS, 1, o, DlTierPolicy.OUTCOME_NN, List.of("cost"), meta, log);
        } catch (DatasetException e) {
            throw new DatasetException(file + ": " + e.getMessage());
        }
    }

    /** The DJL network: Linear+ReLU per hidden width, then a linear layer of {@code outputs} units. */
    public static SequentialBlock network(List<Integer> hidden, int outputs) {
        SequentialBlock net = new SequentialBlock();
        for (int h : hidden) {
            net.add(Linear.builder().setUnits(h).build());
            net.add(Activation::relu);
        }
        net.add(Linear.builder().setUnits(outputs).build());
        return net;
    }

    /**
     * Trains on {@code d} for {@code objective}: classification (softmax cross-entropy, {@code outputs} classes) or
     * regression (L2, one output). Too little data (fewer than 2 rows, no training rows after the split, or, with a validation share
     * above 0, nothing to validate on) is a {@link DatasetException}.
     */
    public static Result train(TrainingData d, Objective objective, int outputs, Options o, String name,
                               List<String> classes, Map<String, String> meta, Consumer<String> log) {
        long t0 = System.nanoTime();
        boolean classify = objective == Objective.CLASSIFY;
        int n = d.rows();
        int in = d.names().size();
        if (n < 2) {
            throw new DatasetException(n == 0 ? "no data rows, only the header; regenerate the dataset with"
                    + " 'offload dataset' so that it records samples (duration well beyond the warm-up)"
                    : "1 data row; training needs at least 2");
        }
        // split by group (decision), drawn with the seed
        int[] groups = Arrays.stream(d.group()).distinct().sorted().toArray();
        SplittableRandom splitRandom = new SplittableRandom(o.seed() ^ 0x5DEECE66DL);
        shuffle(groups, splitRandom);
        int valGroups = (int) Math.round(groups.length * o.validationShare());
        java.util.Set<Integer> val = new java.util.HashSet<>();
        for (int i = 0; i < valGroups; i++) {
            val.add(groups[i]);
        }
        int[] trainIdx = java.util.stream.IntStream.range(0, n).filter(i -> !val.contains(d.group()[i])).toArray();
        int[] valIdx = java.util.stream.IntStream.range(0, n).filter(i -> val.contains(d.group()[i])).toArray();
        String share = String.format(Locale.ROOT, "%.0f%%", 100 * o.validationShare());
        if (trainIdx.length == 0) {
            throw new DatasetException(n + " rows in " + groups.length + " decisions: holding out " + share
                    + " of the decisions leaves none to train on; generate more samples");
        }
        if (o.validationShare() > 0 && valIdx.length == 0) {
            throw new DatasetException(n + " rows in " + groups.length + " decisions: holding out " + share
                    + " of the decisions leaves no rows to validate on; generate more samples (at least "
                    + (int) Math.ceil(0.5 / o.validationShare()) + " decisions, so that one is held out)");
        }
        if (o.validationShare() > 0 && objective == Objective.RANK
                && Double.isNaN(FitMetrics.top1(d, valIdx, new float[valIdx.length]))) {
            throw new DatasetException(n + " rows in " + groups.length + " decisions: the " + valIdx.length
                    + " rows held out (" + share + " of the decisions) have no decision with two VMs that admit the"
                    + " task, so top-1 cannot be measured; generate more samples");
        }
        Djl.singleThreaded();
        float[] mean = new float[in];
        float[] std = new float[in];
        standardisation(d.x(), trainIdx, mean, std);
        float[][] xs = new float[n][in];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < in; j++) {
                xs[i][j] = (d.x()[i][j] - mean[j]) / std[j];
            }
        }

        Engine engine = Djl.engine();
        engine.setRandomSeed((int) o.seed());
        List<Epoch> curve = new ArrayList<>();
        Mlp mlp;
        try (Model model = Model.newInstance(name, Device.cpu(), "PyTorch")) {
            SequentialBlock net = network(o.hidden(), outputs);
            model.setBlock(net);
            Loss loss = classify ? Loss.softmaxCrossEntropyLoss() : new HalfSquaredLoss();
            DefaultTrainingConfig config = new DefaultTrainingConfig(loss)
                    .optOptimizer(Optimizer.adam().optLearningRateTracker(Tracker.fixed(o.learningRate())).build())
                    .optDevices(new Device[] {Device.cpu()});
            try (ai.djl.training.Trainer trainer = model.newTrainer(config)) {
                trainer.initialize(new Shape(o.batchSize(), in));
                SplittableRandom shuffleRandom = new SplittableRandom(o.seed());
                int[] order = trainIdx.clone();
                for (int epoch = 1; epoch <= o.epochs(); epoch++) {
                    shuffle(order, shuffleRandom);
                    double lossSum = 0;
                    int batches = 0;
                    for (int s = 0; s < order.length; s += o.batchSize()) {
                        int b = Math.min(o.batchSize(), order.length - s);
                        try (NDManager sub = trainer.getManager().newSubManager()) {
                            NDArray x = sub.create(flatten(xs, order, s, b, in), new Shape(b, in));
                            NDArray y = labels(sub, d.y(), order, s, b, classify);
                            try (GradientCollector gc = trainer.newGradientCollector()) {
                                NDList pred = trainer.forward(new NDList(x));
                                NDArray l = loss.evaluate(new NDList(y), pred);
                                gc.backward(l);
                                lossSum += l.getFloat();
                            }
                            trainer.step();
                        }
                        batches++;
                    }
                    Eval tr = evaluate(net, trainer.getManager(), xs, d, trainIdx, objective, loss);
                    Eval va = valIdx.length > 0 ? evaluate(net, trainer.getManager(), xs, d, valIdx, objective, loss)
                            : new Eval(Double.NaN, Double.NaN);
                    curve.add(new Epoch(epoch, tr.loss, va.loss, tr.metric, va.metric));
                    if (log != null && (epoch == 1 || epoch == o.epochs() || epoch % 10 == 0)) {
                        log.accept(String.format(Locale.ROOT,
                                "epoch %d/%d: train loss %.4f (batches %.4f), %s %.4f; validation loss %.4f, %s %.4f",
                                epoch, o.epochs(), tr.loss, lossSum / batches, objective.metric(), tr.metric,
                                va.loss, objective.metric(), va.metric));
                    }
                }
                Epoch last = curve.get(curve.size() - 1);
                Map<String, String> m = new LinkedHashMap<>(meta);
                m.put("hidden", o.hidden().toString().replace(" ", ""));
                m.put("optimizer", "adam lr=" + o.learningRate() + " batch=" + o.batchSize());
                m.put("epochs", Integer.toString(o.epochs()));
                m.put("seed", Long.toString(o.seed()));
                m.put("rows", trainIdx.length + " train, " + valIdx.length + " validation");
                m.put("validation_" + objective.metric(), String.format(Locale.ROOT, "%.4f", last.validationMetric()));
                mlp = export(net, name, m, d.names(), mean, std, classes,
                        classify ? Mlp.Output.SOFTMAX : Mlp.Output.LINEAR);
            }
        }
        double secs = (System.nanoTime() - t0) / 1e9;
        double baseline = switch (objective) {
            case CLASSIFY -> FitMetrics.majorityAccuracy(d, trainIdx, valIdx, outputs);
            case REGRESS -> 0;
            case RANK -> Double.NaN;
        };
        return new Result(mlp, curve, objective.metric(), curve.get(curve.size() - 1).validationMetric(), baseline,
                trainIdx.length, valIdx.length, secs);
    }

    private record Eval(double loss, double metric) {
    }

    private static Eval evaluate(Block net, NDManager parent, float[][] xs, TrainingData d, int[] idx,
                                 Objective objective, Loss loss) {
        boolean classify = objective == Objective.CLASSIFY;
        int in = d.names().size();
        try (NDManager sub = parent.newSubManager()) {
            NDArray x = sub.create(flatten(xs, idx, 0, idx.length, in), new Shape(idx.length, in));
            NDList out = net.forward(new ParameterStore(sub, false), new NDList(x), false);
            NDArray y = labels(sub, d.y(), idx, 0, idx.length, classify);
            double l = loss.evaluate(new NDList(y), out).getFloat();
            float[] pred = out.singletonOrThrow().toFloatArray();
            double metric = classify ? FitMetrics.accuracy(d, idx, pred)
                    : objective == Objective.RANK ? FitMetrics.top1(d, idx, pred) : FitMetrics.r2(d, idx, pred);
            return new Eval(l, metric);
        }
    }

    private static NDArray labels(NDManager m, float[] y, int[] order, int from, int b, boolean classify) {
        float[] v = new float[b];
        for (int i = 0; i < b; i++) {
            v[i] = y[order[from + i]];
        }
        return classify ? m.create(v, new Shape(b)) : m.create(v, new Shape(b, 1));
    }

    private static float[] flatten(float[][] xs, int[] order, int from, int b, int in) {
        float[] out = new float[b * in];
        for (int i = 0; i < b; i++) {
            System.arraycopy(xs[order[from + i]], 0, out, i * in, in);
        }
        return out;
    }

    /** Shuffles {@code a} in place (Fisher-Yates) with {@code r}: the trainers' one seeded shuffle. */
    public static void shuffle(int[] a, SplittableRandom r) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }

    /** Mean and standard deviation per column over {@code idx}; a constant column gets std 1. */
    static void standardisation(float[][] x, int[] idx, float[] mean, float[] std) {
        int in = mean.length;
        for (int j = 0; j < in; j++) {
            double s = 0;
            for (int i : idx) {
                s += x[i][j];
            }
            double mu = s / idx.length;
            double v = 0;
            for (int i : idx) {
                double dlt = x[i][j] - mu;
                v += dlt * dlt;
            }
            double sd = Math.sqrt(v / idx.length);
            mean[j] = (float) mu;
            std[j] = sd > 1e-6 ? (float) sd : 1f;
        }
    }

    /** The weights of {@code net} (built by {@link #network}, initialised) as an {@link Mlp}. */
    public static Mlp export(SequentialBlock net, String name, Map<String, String> meta, List<String> features,
                             float[] mean, float[] std, List<String> classes, Mlp.Output output) {
        List<Mlp.Layer> layers = new ArrayList<>();
        List<Pair<String, Block>> children = net.getChildren().stream().toList();
        for (int c = 0; c < children.size(); c++) {
            Block b = children.get(c).getValue();
            if (!(b instanceof Linear lin)) {
                continue;
            }
            NDArray w = lin.getParameters().get("weight").getArray();
            NDArray bias = lin.getParameters().get("bias").getArray();
            long[] shape = w.getShape().getShape();
            int out = (int) shape[0];
            int inp = (int) shape[1];
            float[] wf = w.toFloatArray();
            float[][] rows = new float[out][inp];
            for (int j = 0; j < out; j++) {
                System.arraycopy(wf, j * inp, rows[j], 0, inp);
            }
            boolean relu = c + 1 < children.size() && !(children.get(c + 1).getValue() instanceof Linear);
            layers.add(new Mlp.Layer(inp, out, rows, bias.toFloatArray(),
                    relu ? Mlp.Activation.RELU : Mlp.Activation.LINEAR));
        }
        return new Mlp(name, meta, features, mean, std, classes, output, layers);
    }
}
