package org.offload.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

import org.offload.learn.DatasetGenerator;
import org.offload.learn.LearningCurve;
import org.offload.learn.Trainer;
import org.offload.policy.learned.MlpFormat;
import org.offload.util.Suggestions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code offload train}: trains the tier or VM network of the dl-tier policies with DJL (PyTorch, CPU, one thread)
 * and writes its weights in the pure-Java model format, plus the learning curve next to it. DJL is loaded only
 * here.
 */
@Command(name = "train", sortOptions = false, subcommands = {AigcTrainCommand.class, TrainRlCommand.PpoCommand.class,
        TrainRlCommand.DqnCommand.class},
        // NET, --data and --out are required for tier-nn/vm-nn but not for 'train aigc', so picocli cannot enforce
        // them (it would demand them of the subcommand too): the synopsis says it instead, and call() checks
        synopsisHeading = "",
        customSynopsis = {
            "Usage: offload train NET --data=DIR -o=FILE [--labels=LABELS]",
            "                     [--epochs=N] [-s=S] [--lr=RATE] [--batch=N]",
            "                     [--hidden=N[,N...]] [--no-chart] [-h] [--debug]",
            "   or: offload train aigc --agent=NAME -o=DIR [OPTIONS]",
            "                     (see 'offload train aigc --help')",
            "   or: offload train ppo|dqn [SCENARIO] --steps=N -o=DIR [OPTIONS]",
            "                     (see 'offload train ppo --help')"},
        description = "Train a dl-tier network (tier-nn, vm-nn or outcome-nn) on a dataset from 'offload dataset'.")
final class TrainCommand implements Callable<Integer>, CommonOptions.Defaults {
    @Parameters(index = "0", arity = "0..1", paramLabel = "NET",
            description = "tier-nn, vm-nn or outcome-nn (required; 'offload train aigc --help' for the AIGC agents).")
    String net;

    @Option(names = "--data", paramLabel = "DIR", description = "Dataset directory (required).")
    Path data;

    @Option(names = "--labels", paramLabel = "LABELS",
            description = {"Labels to learn: expert or oracle for tier-nn, queue (own cost + share of the failures "
                    + "while holding server capacity) or own (own cost only) for outcome-nn; required for both.",
                    "vm-nn learns its 'target' column."})
    String labels;

    @Mixin
    CommonOptions.Seed seed;

    @Option(names = "--epochs", paramLabel = "N", converter = Converters.Count.class,
            description = "Epochs (default: 100 for tier-nn, 30 for vm-nn and outcome-nn).")
    Integer epochs;

    @Option(names = "--lr", paramLabel = "RATE", defaultValue = "0.001", converter = Converters.PositiveReal32.class,
            description = "Adam learning rate (default: ${DEFAULT-VALUE}).")
    float learningRate;

    @Option(names = "--batch", paramLabel = "N", defaultValue = "32", converter = Converters.Count.class,
            description = "Mini-batch size (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--hidden", split = ",", paramLabel = "N", converter = Converters.Count.class,
            description = "Hidden layer widths (default: 64,32,16 for tier-nn and outcome-nn, 16 for vm-nn).")
    java.util.List<Integer> hidden;

    @Option(names = "--no-chart", description = "Skip the PNG learning curve.")
    boolean noChart;

    @Option(names = {"-o", "--out"}, paramLabel = "FILE",
            description = "Model file to write (required); FILE minus its extension + '-curve.csv' / '-curve.png' get the "
                    + "learning curve.")
    Path out;

    @Mixin
    CommonOptions.Help help;

    @Spec
    CommandSpec spec;

    @Override
    public Map<String, String> optionDefaults() {
        return Map.of("--seed", "1");
    }

    @Override
    public Integer call() throws IOException {
        Problems problems = new Problems();
        if (net == null || data == null || out == null) {
            problems.add("train needs NET (tier-nn, vm-nn or outcome-nn), --data DIR and --out FILE (or 'train aigc'"
                    + " for the AIGC agents)");
        }
        boolean tier = "tier-nn".equals(net);
        boolean outcome = "outcome-nn".equals(net);
        if (net != null && !tier && !outcome && !net.equals("vm-nn")) {
            problems.add("NET: expected tier-nn, vm-nn or outcome-nn, got '" + net + "'" + Suggestions.didYouMean(net,
                    List.of("tier-nn", "vm-nn", "outcome-nn", "aigc")));
        }
        if (tier && labels == null) {
            problems.add("--labels: tier-nn needs --labels expert or --labels oracle");
        }
        if (tier && labels != null && !labels.equals("expert") && !labels.equals("oracle")) {
            problems.add("--labels: expected expert or oracle, got '" + labels + "'");
        }
        if (outcome && labels == null) {
            problems.add("--labels: outcome-nn needs --labels queue or --labels own");
        }
        if (outcome && labels != null && !labels.equals("queue") && !labels.equals("own")) {
            problems.add("--labels: expected queue or own for outcome-nn, got '" + labels + "'");
        }
        Path file = data == null || net == null ? null
                : data.resolve(tier ? DatasetGenerator.TIER_FILE
                : outcome ? DatasetGenerator.OUTCOME_FILE : DatasetGenerator.VM_FILE);
        if (file != null && !Files.isRegularFile(file)) {
            problems.add("--data: " + file + " not found; create the dataset with 'offload dataset "
                    + (outcome ? "--kind outcome " : "") + "--out " + data + "'");
        }
        problems.throwIfAny();
        PrintWriter err = spec.commandLine().getErr();
        if (!tier && !outcome && labels != null) {
            err.println("train: vm-nn learns the 'target' column; --labels is ignored");
        }
        long seed = this.seed.seed;
        Trainer.Options o = (tier ? Trainer.Options.tier() : outcome ? Trainer.Options.outcome()
                : Trainer.Options.vm()).withSeed(seed)
                .withLearningRate(learningRate).withBatchSize(batch);
        if (epochs != null) {
            o = o.withEpochs(epochs);
        }
        if (hidden != null) {
            o = new Trainer.Options(hidden, o.learningRate(), o.batchSize(), o.epochs(), o.seed(),
                    o.validationShare());
        }
        java.util.function.Consumer<String> log = m -> {
            err.println("train: " + m);
            err.flush();
        };
        Trainer.Result r = tier ? Trainer.trainTier(data, labels, o, log)
                : outcome ? Trainer.trainOutcome(data, labels, o, log) : Trainer.trainVm(data, o, log);
        MlpFormat.save(r.model(), out);
        String base = out.getFileName().toString();
        int dot = base.lastIndexOf('.');
        String stem = dot > 0 ? base.substring(0, dot) : base;
        Path dir = out.toAbsolutePath().getParent();
        Path csv = dir.resolve(stem + "-curve.csv");
        Path png = noChart ? null : dir.resolve(stem + "-curve.png");
        LearningCurve.write(r, csv, png);
        PrintWriter o2 = spec.commandLine().getOut();
        o2.printf(Locale.ROOT, "Trained %s on %d rows (%d held out) for %d epochs in %.1f s%n", net, r.trainRows(),
                r.validationRows(), o.epochs(), r.seconds());
        o2.printf(Locale.ROOT, "Validation %s: %.4f%s%n", r.metric(), r.validationMetric(),
                Double.isNaN(r.baseline()) ? "" : String.format(Locale.ROOT, " (without learning: %.4f, %s)",
                        r.baseline(), r.metric().equals("accuracy") ? "the most frequent class" : "the mean"));
        o2.println("Wrote " + out + ", " + csv + (png != null ? ", " + png : ""));
        return Main.OK;
    }
}
