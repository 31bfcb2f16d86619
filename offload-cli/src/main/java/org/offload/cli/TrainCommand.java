package org.offload.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.offload.learn.DatasetGenerator;
import org.offload.learn.LearningCurve;
import org.offload.learn.Trainer;
import org.offload.policy.learned.MlpFormat;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code offload train}: trains the tier or VM network of the dl-tier policies with DJL (PyTorch, CPU, one thread)
 * and writes its weights in the pure-Java model format, plus the learning curve next to it. DJL is loaded only
 * here.
 */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false, subcommands = AigcTrainCommand.class,
        // NET, --data and --out are required for tier-nn/vm-nn but not for 'train aigc', so picocli cannot enforce
        // them (it would demand them of the subcommand too): the synopsis says it instead, and call() checks
        synopsisHeading = "",
        customSynopsis = {
            "Usage: offload train NET --data=DIR --out=FILE [--labels=LABELS] [--epochs=N] [--seed=S]",
            "                     [--lr=RATE] [--batch=N] [--hidden=N[,N...]] [--no-chart] [-hV] [--debug]",
            "   or: offload train aigc --agent=NAME --out=DIR [OPTIONS]   (see 'offload train aigc --help')"},
        description = "Train a dl-tier network (tier-nn, vm-nn or outcome-nn) on a dataset from 'offload dataset'.")
final class TrainCommand implements Callable<Integer> {
    @Parameters(index = "0", arity = "0..1", paramLabel = "NET",
            description = "tier-nn, vm-nn or outcome-nn (required; 'offload train aigc --help' for the AIGC agents).")
    String net;

    @Option(names = "--data", paramLabel = "DIR", description = "Dataset directory (required).")
    Path data;

    @Option(names = "--labels", paramLabel = "LABELS",
            description = {"Labels to learn: expert or oracle for tier-nn, queue (own cost + share of the failures "
                    + "while holding server capacity) or own (own cost only) for outcome-nn; required for both.",
                    "vm-nn learns its 'target' column and takes none."})
    String labels;

    @Option(names = "--out", paramLabel = "FILE",
            description = "Model file to write (required); FILE minus its extension + '-curve.csv' / '-curve.png' get the "
                    + "learning curve.")
    Path out;

    @Option(names = "--epochs", paramLabel = "N",
            description = "Epochs (default: 100 for tier-nn, 30 for vm-nn and outcome-nn).")
    Integer epochs;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1", description = "Seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--lr", paramLabel = "RATE", defaultValue = "0.001",
            description = "Adam learning rate (default: ${DEFAULT-VALUE}).")
    float learningRate;

    @Option(names = "--batch", paramLabel = "N", defaultValue = "32",
            description = "Mini-batch size (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--hidden", split = ",", paramLabel = "N[,N...]",
            description = "Hidden layer widths (default: 64,32,16 for tier-nn and outcome-nn, 16 for vm-nn).")
    java.util.List<Integer> hidden;

    @Option(names = "--no-chart", description = "Skip the PNG learning curve.")
    boolean noChart;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        if (net == null || data == null || out == null) {
            throw new UsageException("train needs NET (tier-nn, vm-nn or outcome-nn), --data DIR and --out FILE"
                    + " (or 'train aigc' for the AIGC agents)");
        }
        boolean outcome = net.equals("outcome-nn");
        boolean tier = switch (net) {
            case "tier-nn" -> true;
            case "vm-nn", "outcome-nn" -> false;
            default -> throw new UsageException("NET must be tier-nn, vm-nn or outcome-nn, got '" + net + "'");
        };
        PrintWriter err = spec.commandLine().getErr();
        if (tier && labels == null) {
            throw new UsageException("tier-nn needs --labels expert or --labels oracle");
        }
        if (tier && !labels.equals("expert") && !labels.equals("oracle")) {
            throw new UsageException("--labels must be expert or oracle, got '" + labels + "'");
        }
        if (outcome && labels == null) {
            throw new UsageException("outcome-nn needs --labels queue or --labels own");
        }
        if (outcome && !labels.equals("queue") && !labels.equals("own")) {
            throw new UsageException("--labels must be queue or own for outcome-nn, got '" + labels + "'");
        }
        if (!tier && !outcome && labels != null) {
            throw new UsageException("--labels: vm-nn learns the 'target' column; leave --labels out");
        }
        Path file = data.resolve(tier ? DatasetGenerator.TIER_FILE
                : outcome ? DatasetGenerator.OUTCOME_FILE : DatasetGenerator.VM_FILE);
        if (!Files.isRegularFile(file)) {
            throw new UsageException(file + " not found; create the dataset with 'offload dataset "
                    + (outcome ? "--kind outcome " : "") + "--out " + data + "'");
        }
        if (epochs != null && epochs < 1) {
            throw new UsageException("--epochs must be >= 1");
        }
        if (batch < 1 || !(learningRate > 0)) {
            throw new UsageException("--batch must be >= 1 and --lr > 0");
        }
        Trainer.Options o = (tier ? Trainer.Options.tier() : outcome ? Trainer.Options.outcome()
                : Trainer.Options.vm()).withSeed(seed)
                .withLearningRate(learningRate).withBatchSize(batch);
        if (epochs != null) {
            o = o.withEpochs(epochs);
        }
        if (hidden != null) {
            if (hidden.isEmpty() || hidden.stream().anyMatch(h -> h < 1)) {
                throw new UsageException("--hidden: widths must be >= 1");
            }
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
