package org.offload.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
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
        Report report = build(dir, baseline);
        spec.commandLine().getOut().println("Report: " + report.html());
        return Main.OK;
    }

    /** The report of {@code dir}, with paired differences against {@code baseline} (null: the sweep's). */
    static Report build(Path dir, String baseline) throws IOException {
        return new ReportBuilder(dir).generator("offload " + VersionProvider.version()).baseline(baseline).build();
    }
}
