package org.offload.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.offload.aigc.AigcReport;
import org.offload.aigc.AigcScenario;
import org.offload.aigc.AigcScenarioLoader;
import org.offload.aigc.AigcSweep;
import org.offload.aigc.TrainConfig;
import org.offload.experiment.SweepSpecException;
import org.offload.experiment.engine.RunExecutor;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code offload aigc}: the AIGC experiments ({@code offload run} and {@code offload train aigc} do the rest). */
@Command(name = "aigc", description = "Model-aware AIGC offloading (seed 002): sweeps over models and devices.",
        subcommands = AigcCommand.Sweep.class)
final class AigcCommand implements Callable<Integer> {
    @Mixin
    CommonOptions.Help help;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return Main.BAD_INPUT;
    }

    /** {@code offload aigc sweep}. */
    @Command(name = "sweep", sortOptions = false,
            description = "Train the learning agents and compare every approach over the number of models and of "
                    + "devices; writes CSV files, charts and report.html.")
    static final class Sweep implements Callable<Integer> {
        @Parameters(index = "0", arity = "0..1", paramLabel = "SCENARIO",
                description = "AIGC scenario (default: the bundled aigc.yaml); its sweep: block sets defaults.")
        Path scenario;

        @Mixin
        CommonOptions.Overrides overrides;

        @Option(names = {"-n", "--devices"}, split = ",", paramLabel = "N", converter = Converters.Count.class,
                description = "Device counts (default: 5,10,15,20).")
        List<Integer> devices;

        @Option(names = {"-p", "--policies"}, split = ",", paramLabel = "NAME",
                description = "Approaches (default: all).")
        List<String> policies;

        @Mixin
        CommonOptions.Seed seed;

        @Option(names = "--models", split = ",", paramLabel = "M", converter = Converters.Count.class,
                description = "Model counts (default: 3,4,5,6).")
        List<Integer> models;

        @Option(names = "--replications", paramLabel = "R", converter = Converters.Count.class,
                description = "Replications (default: 3).")
        Integer replications;

        @Option(names = "--eval-episodes", paramLabel = "E", converter = Converters.Count.class,
                description = "Evaluation episodes per replication (default: 10).")
        Integer evalEpisodes;

        @Option(names = "--episodes", paramLabel = "N", converter = Converters.Count.class,
                description = "Training episodes (default: 300).")
        Integer episodes;

        @Option(names = "--batch", paramLabel = "N", converter = Converters.Count.class,
                description = "Mini-batch size (default: 1024).")
        Integer batch;

        @Option(names = "--threads", paramLabel = "T", converter = Converters.Count.class,
                description = "Runs (trainings and evaluations) at once (default: 1; each training already uses the "
                        + "processors DJL gives it). Results do not depend on it.")
        Integer threads;

        @Mixin
        EngineOptions engine;

        @Option(names = "--resume", description = "Keep the finished runs of this sweep in the output directory and "
                + "run the rest (also after Ctrl-C).")
        boolean resume;

        @Option(names = "--force", description = "Replace the runs an earlier sweep left in the output directory.")
        boolean force;

        @Mixin
        CommonOptions.RequiredOutput out;

        @Mixin
        CommonOptions.Help help;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            AigcScenarioLoader loader = new AigcScenarioLoader();
            Path out = this.out.checked();
            AigcScenario base = AigcCli.load(loader, scenario, overrides.sets, null, null);
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
                        seed.seed != null ? seed.seed : d.seed());
            } catch (IllegalArgumentException e) {
                throw new UsageException(e.getMessage());
            }
            if (resume && force) {
                throw new UsageException("--resume and --force: choose one");
            }
            Problems problems = new Problems();
            engine.check(problems);
            problems.throwIfAny();
            PrintWriter err = this.spec.commandLine().getErr();
            SweepProgress progress = new SweepProgress(false, false, err);
            AigcSweep.Result result;
            RunExecutor executor = engine.executor(threads != null ? threads : 1);
            try (InterruptNotice notice = new InterruptNotice("offload aigc sweep", err, out, progress)) {
                result = AigcSweep.run(base, spec, out, executor, resume, force, progress);
            } catch (SweepSpecException e) {
                throw new UsageException(e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted", e);
            } finally {
                EngineOptions.close(executor);
            }
            Path html = AigcReport.write(out, base, spec, result.groups(), "offload aigc sweep " + String.join(" ",
                    this.spec.commandLine().getParseResult().originalArgs()));
            PrintWriter o = this.spec.commandLine().getOut();
            o.printf(Locale.ROOT, "%d runs (%d executed, %d resumed, %d failed); wrote %s, %s and %s%n",
                    result.engine().outcomes().size(), result.engine().executed(), result.engine().resumed(),
                    result.failed(), out.resolve(AigcSweep.RUNS_FILE), out.resolve(AigcSweep.AGGREGATE_FILE), html);
            if (result.failed() > 0) {
                result.engine().failures().stream().limit(5).forEach(f -> err.println("offload: failed: "
                        + f.run() + ": " + f.error()));
                return Main.INTERNAL_ERROR;
            }
            return Main.OK;
        }
    }
}
