package org.offload.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import org.offload.profile.ProfileRun;
import org.offload.profile.measure.Grid;
import org.offload.profile.measure.HardwareProfile;
import org.offload.profile.measure.Host;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code offload profile}: profiles AI models with DJL (PyTorch, CPU; random weights, offline) over a grid and the
 * emulated hardware profiles, and writes the profile data set with its charts. Subcommands evaluate the
 * predictors, show a scenario's predicted demand table and run the accuracy trade-off sweep.
 */
@Command(name = "profile", sortOptions = false,
        subcommands = {ProfileEvaluateCommand.class, ProfileDemandCommand.class, ProfileTradeoffCommand.class,
            ProfileCalibrateCommand.class},
        description = {"Profile AI models (latency, memory, energy) with DJL over a grid and emulated hardware.",
                "Writes profile.csv, preprocess.csv, metadata.json, latency-vs-flops.png, memory-vs-params.png."})
final class ProfileCommand implements Callable<Integer>, CommonOptions.Defaults {
    @Mixin
    CommonOptions.Seed seed;

    @Option(names = "--grid", paramLabel = "tiny|small|full", defaultValue = "small",
            description = "Configurations to measure (default: ${DEFAULT-VALUE}; full takes tens of minutes).")
    String grid;

    @Option(names = "--hardware", split = ",", paramLabel = "NAME",
            description = "Hardware profiles: host-2c (2 threads), core-1c (1 thread on CPU 0), half-1c (1 thread "
                    + "sharing CPU 0 with a busy co-runner). Default: all that fit the machine.")
    List<String> hardware;

    @Option(names = "--budget", paramLabel = "SECONDS", defaultValue = "1.0", converter = Converters.Seconds.class,
            description = "Measured time per configuration; repeats = budget / first run, within [3, 30] "
                    + "(default: ${DEFAULT-VALUE}).")
    double budget;

    @Option(names = "--wait-load", paramLabel = "LOAD", defaultValue = "0", converter = Converters.NonNegative.class,
            description = "Before starting, wait until the 1-minute load average is below LOAD (0 = do not wait).")
    double waitLoad;

    @Option(names = "--wait-max", paramLabel = "SECONDS", defaultValue = "600",
            converter = Converters.NonNegativeSeconds.class,
            description = "Longest wait for --wait-load (default: ${DEFAULT-VALUE}); the run starts anyway after it.")
    double waitMax;

    @Mixin
    CommonOptions.Output output;

    @Mixin
    CommonOptions.Help help;

    @Spec
    CommandSpec spec;

    @Override
    public Map<String, String> optionDefaults() {
        return Map.of("--seed", "1", "--out", "results/profile");
    }

    @Override
    public Integer call() throws IOException, InterruptedException {
        PrintWriter err = spec.commandLine().getErr();
        Path out = output.checked();
        long seed = this.seed.seed;
        Grid g;
        try {
            g = Grid.named(grid);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--grid: " + e.getMessage());
        }
        List<HardwareProfile> hw = hardware(hardware);
        if (waitLoad > 0) {
            long deadline = System.nanoTime() + (long) (waitMax * 1e9);
            while (Host.loadAverage()[0] >= waitLoad && System.nanoTime() < deadline) {
                err.printf(Locale.ROOT, "offload profile: load average %.2f >= %.2f, waiting...%n",
                        Host.loadAverage()[0], waitLoad);
                Thread.sleep(20_000);
            }
        }
        boolean bar = Main.interactive(spec);
        ProgressBar pb = null;
        ProfileRun.Result r;
        try {
            if (bar) {
                pb = new ProgressBarBuilder().setTaskName("profile").setInitialMax(1)
                        .setConsumer(new ConsoleProgressBarConsumer(System.err)).setUpdateIntervalMillis(200).build();
            }
            ProgressBar p = pb;
            r = ProfileRun.run(g, hw, budget, seed, out, (done, total, label) -> {
                if (p != null) {
                    p.maxHint(total);
                    p.stepTo(done);
                    p.setExtraMessage(label);
                } else if (done == total || done % 10 == 0) {
                    err.printf(Locale.ROOT, "offload profile: %d/%d %s%n", done, total, label);
                }
            });
        } finally {
            if (pb != null) {
                pb.close();
            }
        }
        PrintWriter o = spec.commandLine().getOut();
        o.printf(Locale.ROOT, "Profiled %d configurations (%s grid, %d hardware profiles) in %.0f s; load average "
                        + "%s before, %s after; energy %s.%n", r.rows().size(), g.name(), hw.size(),
                r.metadata().path("wall_time_s").asDouble(), r.metadata().path("host").path("load_average_before"),
                r.metadata().path("host").path("load_average_after"), r.metadata().path("energy").path("source").asText());
        o.println("Wrote " + out.resolve("profile.csv") + " and " + out.resolve("metadata.json") + ", charts in " + out);
        return Main.OK;
    }

    static List<HardwareProfile> hardware(List<String> names) {
        List<HardwareProfile> all = HardwareProfile.defaults(Host.cores());
        if (names == null || names.isEmpty()) {
            return all;
        }
        List<HardwareProfile> out = new ArrayList<>();
        for (String n : names) {
            HardwareProfile h = all.stream().filter(x -> x.name().equals(n.trim())).findFirst()
                    .orElseThrow(() -> new UsageException("--hardware: unknown profile '" + n + "'; known: "
                            + String.join(", ", all.stream().map(HardwareProfile::name).toList())));
            out.add(h);
        }
        return out;
    }
}
