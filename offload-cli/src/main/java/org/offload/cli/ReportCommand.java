package org.offload.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.offload.experiment.Metric;
import org.offload.report.Report;
import org.offload.report.ReportBuilder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code offload report DIR}: (re)builds the charts and {@code report.html} of a sweep's output directory. */
@Command(name = "report",
        description = "Draw the charts and write report.html for the results of 'offload sweep'.")
final class ReportCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "RESULTS_DIR", description = "Output directory of 'offload sweep'.")
    Path dir;

    @Option(names = "--baseline", paramLabel = "POLICY", description = "Draw the paired differences against this "
            + "policy (default: the sweep's --baseline, if any).")
    String baseline;

    @Option(names = "--tradeoff", paramLabel = "X,Y", description = "Also chart metric Y against metric X "
            + "(sweep.csv column names, e.g. service_time_mean_s,cascade_accuracy): one point per device count or "
            + "axis value, one line per policy. Repeatable.")
    List<String> tradeoffs = new ArrayList<>();

    @Mixin
    CommonOptions.Help help;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new UsageException(dir + ": no such directory");
        }
        if (!Files.isRegularFile(dir.resolve("sweep.json"))) {
            throw new UsageException(dir + ": no sweep.json; expected the output directory of 'offload sweep'");
        }
        Problems problems = new Problems();
        problems.check(() -> tradeoffs(tradeoffs));
        problems.throwIfAny();
        Report report = build(dir, baseline, tradeoffs);
        spec.commandLine().getOut().println("Report: " + report.html());
        return Main.OK;
    }

    /**
     * The report of {@code dir}, with paired differences against {@code baseline} (null: the sweep's) and the
     * {@code X,Y} trade-off charts.
     */
    static Report build(Path dir, String baseline, List<String> tradeoffs) throws IOException {
        ReportBuilder b = new ReportBuilder(dir).generator("offload " + VersionProvider.version()).baseline(baseline);
        tradeoffs(tradeoffs).forEach(t -> b.tradeoff(t[0], t[1]));
        return b.build();
    }

    /** Each {@code X,Y} as two metrics; a usage error naming the option and the known columns otherwise. */
    static List<Metric[]> tradeoffs(List<String> specs) {
        List<Metric[]> out = new ArrayList<>();
        for (String t : specs) {
            String[] parts = t.split(",", -1);
            if (parts.length != 2) {
                throw new UsageException("--tradeoff: expected X,Y (two sweep.csv metric columns), got '" + t + "'");
            }
            Metric[] pair = new Metric[2];
            for (int i = 0; i < 2; i++) {
                pair[i] = Metric.byColumn(parts[i].strip());
                if (pair[i] == null) {
                    List<String> known = new ArrayList<>();
                    for (Metric m : Metric.values()) {
                        known.add(m.column());
                    }
                    throw new UsageException("--tradeoff: unknown metric '" + parts[i].strip() + "'; known: "
                            + String.join(", ", known));
                }
            }
            out.add(pair);
        }
        return out;
    }
}
