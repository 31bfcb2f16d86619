package org.offload.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.offload.aigc.AigcReport;
import org.offload.aigc.AigcScenario;
import org.offload.aigc.AigcScenarioLoader;
import org.offload.aigc.AigcSweep;
import org.offload.aigc.TrainConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code offload aigc}: the AIGC experiments ({@code offload run} and {@code offload train aigc} do the rest). */
@Command(name = "aigc", mixinStandardHelpOptions = true,
        description = "Model-aware AIGC offloading (seed 002): sweeps over models and devices.",
        subcommands = AigcCommand.Sweep.class)
final class AigcCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return Main.BAD_INPUT;
    }

    /** {@code offload aigc sweep}. */
    @Command(name = "sweep", mixinStandardHelpOptions = true, sortOptions = false,
            description = "Train the learning agents and compare every approach over the number of models and of "
                    + "devices; writes CSV files, charts and report.html.")
    static final class Sweep implements Callable<Integer> {
        @Parameters(index = "0", arity = "0..1", paramLabel = "SCENARIO",
                description = "AIGC scenario (default: the bundled aigc.yaml); its sweep: block sets defaults.")
        Path scenario;

        @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output directory.")
        Path out;

        @Option(names = "--models", split = ",", paramLabel = "M", description = "Model counts (default: 3,4,5,6).")
        List<Integer> models;

        @Option(names = "--devices", split = ",", paramLabel = "N",
                description = "Device counts (default: 5,10,15,20).")
        List<Integer> devices;

        @Option(names = "--policies", split = ",", paramLabel = "NAME", description = "Approaches (default: all).")
        List<String> policies;

        @Option(names = "--replications", paramLabel = "R", description = "Replications (default: 3).")
        Integer replications;

        @Option(names = "--eval-episodes", paramLabel = "E", description = "Evaluation episodes per replication"
                + " (default: 10).")
        Integer evalEpisodes;

        @Option(names = "--episodes", paramLabel = "N", description = "Training episodes (default: 300).")
        Integer episodes;

        @Option(names = "--batch", paramLabel = "N", description = "Mini-batch size (default: 1024).")
        Integer batch;

        @Option(names = "--seed", paramLabel = "S", description = "Sweep seed (default: 1).")
        Long seed;

        @Option(names = "--set", paramLabel = "KEY=VALUE", description = "Override a scenario value. Repeatable.")
        List<String> sets = new ArrayList<>();

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            AigcScenarioLoader loader = new AigcScenarioLoader();
            AigcScenario base = AigcCli.load(loader, scenario, sets, null, null);
            AigcSweep.Spec d = loader.lastSweep() != null ? loader.lastSweep() : AigcSweep.Spec.defaults();
            TrainConfig t = d.train();
            if (episodes != null) {
                t = t.withEpisodes(episodes);
            }
            if (batch != null) {
                t = t.withBatch(batch, Math.max(t.bufferSize(), batch));
            }
            AigcSweep.Spec spec;
            try {
                spec = new AigcSweep.Spec(models != null ? models : d.models(), devices != null ? devices : d.devices(),
                        policies != null ? policies : d.policies(), replications != null ? replications
                        : d.replications(), evalEpisodes != null ? evalEpisodes : d.evalEpisodes(), t,
                        seed != null ? seed : d.seed());
            } catch (IllegalArgumentException e) {
                throw new UsageException(e.getMessage());
            }
            PrintWriter err = this.spec.commandLine().getErr();
            List<AigcSweep.Row> rows = AigcSweep.run(base, spec, out, m -> {
                err.println("aigc sweep: " + m);
                err.flush();
            });
            Path html = AigcReport.write(out, base, spec, rows, "offload aigc sweep " + String.join(" ",
                    this.spec.commandLine().getParseResult().originalArgs()));
            PrintWriter o = this.spec.commandLine().getOut();
            o.printf(Locale.ROOT, "%d rows; wrote %s, %s and %s%n", rows.size(), out.resolve(AigcSweep.RUNS_FILE),
                    out.resolve(AigcSweep.AGGREGATE_FILE), html);
            return Main.OK;
        }
    }
}
