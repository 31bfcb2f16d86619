package org.offload.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

import org.offload.io.ScenarioLoader;
import org.offload.profile.tradeoff.TradeoffSweep;
import org.offload.scenario.Scenario;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code offload profile tradeoff}: accuracy vs deadline-met vs energy of accuracy-aware as V and load vary. */
@Command(name = "tradeoff", sortOptions = false,
        description = {"Sweep accuracy-aware's V and the device count on a scenario with an AI model, against "
                + "profile-aware with the largest and the smallest variant.",
                "Writes tradeoff.csv, tradeoff-*.png and tradeoff.html."})
final class ProfileTradeoffCommand implements Callable<Integer>, CommonOptions.Defaults {
    @Parameters(index = "0", arity = "0..1", paramLabel = "SCENARIO",
            description = "Scenario YAML file (default: the bundled profile.yaml).")
    Path scenarioFile;

    @Mixin
    CommonOptions.Overrides overrides;

    @Option(names = {"-n", "--devices"}, split = ",", paramLabel = "N", defaultValue = "30,60,90,120",
            converter = Converters.Count.class, description = "Device counts, i.e. loads (default: ${DEFAULT-VALUE}).")
    List<Integer> devices;

    @Mixin
    CommonOptions.Seed seed;

    @Option(names = "--v", split = ",", paramLabel = "V", defaultValue = "0,0.03,0.1,0.3,1,3,10",
            converter = Converters.NonNegative.class, description = "V values (default: ${DEFAULT-VALUE}).")
    List<Double> vs;

    @Option(names = "--energy-budget", paramLabel = "J", defaultValue = "0.05", converter = Converters.NonNegative.class,
            description = "accuracy-aware's long-term device energy budget per task, J (0 = none; default: "
                    + "${DEFAULT-VALUE}).")
    double energyBudget;

    @Option(names = "--replications", paramLabel = "R", defaultValue = "3", converter = Converters.Count.class,
            description = "Seeds per point (default: ${DEFAULT-VALUE}).")
    int replications;

    @Mixin
    CommonOptions.Output output;

    @Mixin
    CommonOptions.Help help;

    @Spec
    CommandSpec spec;

    @Override
    public Map<String, String> optionDefaults() {
        return Map.of("--seed", "1", "--out", "results/tradeoff");
    }

    @Override
    public Integer call() throws IOException {
        Path out = output.checked();
        long seed = this.seed.seed;
        Scenario s = scenarioFile == null ? new ScenarioLoader().loadResource("profile.yaml", overrides.sets)
                : LoadedScenario.load(scenarioFile, overrides.sets).scenario();
        if (s.applications().stream().noneMatch(a -> a.hasModel())) {
            throw new UsageException("scenario " + s.name() + " has no application with a model: nothing to trade off");
        }
        List<TradeoffSweep.Setting> settings = TradeoffSweep.settings(vs, energyBudget);
        int total = settings.size() * devices.size() * replications;
        PrintWriter err = spec.commandLine().getErr();
        List<TradeoffSweep.Point> points = TradeoffSweep.run(s, settings, devices, replications, seed, done -> {
            if (done % 10 == 0 || done == total) {
                err.printf(Locale.ROOT, "offload profile tradeoff: %d/%d runs%n", done, total);
            }
        });
        TradeoffSweep.write(out, points, "Accuracy-aware offloading trade-off (" + s.name() + ")");
        PrintWriter o = spec.commandLine().getOut();
        o.printf(Locale.ROOT, "%-24s %7s %9s %9s %9s %10s%n", "setting", "devices", "accuracy", "deadline", "effective",
                "J/task");
        for (TradeoffSweep.Point p : points) {
            o.printf(Locale.ROOT, "%-24s %7d %9.4f %9.4f %9.4f %10.4f%n", p.setting().label(), p.devices(),
                    p.meanAccuracy(), p.deadlineMetRate(), p.effectiveAccuracy(), p.energyPerTaskJ());
        }
        o.println("Wrote " + out.resolve(TradeoffSweep.CSV) + " and " + out.resolve(TradeoffSweep.HTML));
        return Main.OK;
    }
}
