package org.offload.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

import org.offload.io.AtomicFiles;
import org.offload.profile.ProfileDataset;
import org.offload.profile.predict.Evaluation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code offload profile evaluate}: cross-validated errors of the latency, memory, CPU-utilisation and energy
 * predictors; by default with whole configurations held out (grouped folds) and with whole families held out.
 */
@Command(name = "evaluate", sortOptions = false,
        description = {"Cross-validate the predictors (gradient-boosted trees, random forest, linear baseline): "
                + "MAPE and R² (log10) per target.",
                "Default: folds of whole configurations (every hardware profile of a configuration held out "
                        + "together) and leave-one-family-out; --cv rows adds folds of rows, which only measure "
                        + "interpolation between hardware profiles.",
                "Energy is derived (5 W x CPU-seconds) unless the data set holds measured energy."})
final class ProfileEvaluateCommand implements Callable<Integer>, CommonOptions.Defaults {
    @Option(names = "--data", paramLabel = "DIR", description = "Profile data set directory (default: the shipped one).")
    Path data;

    @Mixin
    CommonOptions.Seed seed;

    @Option(names = "--folds", paramLabel = "K", defaultValue = "5", converter = Converters.Count.class,
            description = "Folds (default: ${DEFAULT-VALUE}).")
    int folds;

    @Option(names = "--cv", split = ",", paramLabel = "SCHEME", defaultValue = "grouped,family",
            description = "grouped (whole configurations held out), family (one family held out), rows (rows held "
                    + "out: interpolation). Default: ${DEFAULT-VALUE}.")
    List<String> cv;

    @Option(names = {"-o", "--out"}, paramLabel = "FILE", description = "Also write the table as CSV.")
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
        if (data != null && !Files.isDirectory(data)) {
            problems.add("--data: no such directory: " + data);
        }
        if (folds < 2) {
            problems.add("--folds: expected a whole number >= 2, got " + folds);
        }
        List<Evaluation.Scheme> schemes = new ArrayList<>();
        for (String c : cv) {
            Evaluation.Scheme sc = switch (c.strip()) {
                case "grouped" -> Evaluation.Scheme.GROUPED;
                case "family" -> Evaluation.Scheme.FAMILY;
                case "rows" -> Evaluation.Scheme.ROWS;
                default -> null;
            };
            if (sc == null) {
                problems.add("--cv: expected grouped, family or rows, got '" + c + "'");
            } else if (schemes.contains(sc)) {
                problems.add("--cv: '" + c + "' given twice");
            } else {
                schemes.add(sc);
            }
        }
        problems.throwIfAny();
        ProfileDataset d = data == null ? ProfileDataset.bundled() : ProfileDataset.read(data);
        List<Evaluation.Score> scores = Evaluation.run(d.inference(), folds, seed.seed, schemes);
        PrintWriter o = spec.commandLine().getOut();
        o.printf(Locale.ROOT, "%-32s %-14s %-20s %-7s %5s %9s %8s%n", "scheme", "held out", "target", "model", "n",
                "MAPE %", "R2(log)");
        for (Evaluation.Score s : scores) {
            o.printf(Locale.ROOT, "%-32s %-14s %-20s %-7s %5d %9.1f %8.3f%n", s.scheme(), s.held(), s.targetLabel(),
                    s.kind().name().toLowerCase(Locale.ROOT), s.n(), s.mapePercent(), s.r2Log());
        }
        if (scores.stream().anyMatch(Evaluation.Score::derived)) {
            o.println("energy_j (derived): the data set's energy is estimated as 5 W x CPU-seconds, not measured; it "
                    + "is predicted as 5 W x predicted latency x predicted CPU utilisation, not learned");
        }
        if (out != null) {
            AtomicFiles.write(out, w -> {
                w.write("scheme,held_out,target,model,n,mape_percent,r2_log10\n");
                for (Evaluation.Score s : scores) {
                    w.write(String.format(Locale.ROOT, "%s,%s,%s,%s,%d,%.2f,%.4f%n", s.scheme(), s.held(),
                            s.targetLabel(), s.kind().name().toLowerCase(Locale.ROOT), s.n(), s.mapePercent(),
                            s.r2Log()));
                }
            });
        }
        return Main.OK;
    }
}
