package org.offload.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
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

/** {@code offload profile evaluate}: cross-validated errors of the latency, memory and energy predictors. */
@Command(name = "evaluate", sortOptions = false,
        description = "Cross-validate the predictors (gradient-boosted trees, random forest, linear baseline): "
                + "k-fold and leave-one-family-out, MAPE and R² (log10) per target.")
final class ProfileEvaluateCommand implements Callable<Integer>, CommonOptions.Defaults {
    @Option(names = "--data", paramLabel = "DIR", description = "Profile data set directory (default: the shipped one).")
    Path data;

    @Mixin
    CommonOptions.Seed seed;

    @Option(names = "--folds", paramLabel = "K", defaultValue = "5", converter = Converters.Count.class,
            description = "Folds (default: ${DEFAULT-VALUE}).")
    int folds;

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
        if (data != null && !Files.isDirectory(data)) {
            throw new UsageException("--data: no such directory: " + data);
        }
        ProfileDataset d = data == null ? ProfileDataset.bundled() : ProfileDataset.read(data);
        List<Evaluation.Score> scores = Evaluation.run(d.inference(), folds, seed.seed);
        PrintWriter o = spec.commandLine().getOut();
        o.printf(Locale.ROOT, "%-22s %-14s %-10s %-7s %5s %9s %8s%n", "scheme", "held out", "target", "model", "n",
                "MAPE %", "R2(log)");
        for (Evaluation.Score s : scores) {
            o.printf(Locale.ROOT, "%-22s %-14s %-10s %-7s %5d %9.1f %8.3f%n", s.scheme(), s.held(), s.target().key(),
                    s.kind().name().toLowerCase(Locale.ROOT), s.n(), s.mapePercent(), s.r2Log());
        }
        if (out != null) {
            AtomicFiles.write(out, w -> {
                w.write("scheme,held_out,target,model,n,mape_percent,r2_log10\n");
                for (Evaluation.Score s : scores) {
                    w.write(String.format(Locale.ROOT, "%s,%s,%s,%s,%d,%.2f,%.4f%n", s.scheme(), s.held(),
                            s.target().key(), s.kind().name().toLowerCase(Locale.ROOT), s.n(), s.mapePercent(),
                            s.r2Log()));
                }
            });
        }
        return Main.OK;
    }
}
