package org.offload.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.offload.learn.DatasetGenerator;
import org.offload.policy.learned.TierFeatures;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code offload dataset}: simulations with varied devices, arrival rates and WAN bandwidth, recording tier features
 * with expert and oracle labels ({@code tier.csv}) and VM rows ({@code vm.csv}) for {@code offload train}. Every
 * argument is checked before the output directory is created, and a run that records no tier rows fails and leaves
 * nothing behind.
 */
@Command(name = "dataset", sortOptions = false,
        description = "Generate training data for the dl-tier networks (tier.csv, vm.csv, episodes.csv), or with "
                + "--kind outcome for the outcome network of dl-tier-outcome (outcome.csv, episodes.csv).")
final class DatasetCommand implements Callable<Integer>, CommonOptions.Defaults {
    @Mixin
    CommonOptions.ScenarioFile scenario;

    @Mixin
    CommonOptions.Overrides overrides;

    @Option(names = {"-n", "--devices"}, paramLabel = "MIN..MAX", defaultValue = "100..2000",
            description = "Device counts, drawn log-uniformly (default: ${DEFAULT-VALUE}).")
    String devices;

    @Mixin
    CommonOptions.Seed seed;

    @Mixin
    CommonOptions.Times times;

    @Option(names = "--kind", paramLabel = "tier|outcome", defaultValue = "tier",
            description = {"tier (default): tier.csv with expert and oracle labels, and vm.csv, from the --behaviours.",
                    "outcome: outcome.csv, ranked decisions of Algorithm 1 with a random tier ranking and their "
                            + "realised cost (ours, beyond the paper)."})
    String kind;

    @Option(names = "--samples", paramLabel = "N", defaultValue = "10000", converter = Converters.Count.class,
            description = "Decisions to record (tier.csv or outcome.csv rows; default: ${DEFAULT-VALUE}).")
    int samples;

    @Option(names = "--episodes", paramLabel = "N", defaultValue = "20", converter = Converters.Count.class,
            description = "Simulations to sample from (default: ${DEFAULT-VALUE}).")
    int episodes;

    @Option(names = "--behaviours", split = ",", paramLabel = "POLICY",
            description = "Behaviour policies, one per episode in turn (default: greedy,least-utilised,random; "
                    + "--kind tier only).")
    List<String> behaviours;

    @Mixin
    CommonOptions.RequiredOutput out;

    @Mixin
    CommonOptions.Help help;

    @Spec
    CommandSpec spec;

    @Override
    public Map<String, String> optionDefaults() {
        return Map.of("--seed", "1", "--duration", "300", "--warmup", "60");
    }

    @Override
    public Integer call() throws IOException {
        Problems problems = new Problems();
        problems.check(out::checked);
        boolean outcome = kind.equals("outcome");
        if (!outcome && !kind.equals("tier")) {
            problems.add("--kind: expected tier or outcome, got '" + kind + "'");
        }
        if (outcome && behaviours != null) {
            problems.add("--behaviours: an outcome dataset's behaviour is fixed (dl-tier with a random tier ranking);"
                    + " leave --behaviours out");
        }
        if (behaviours == null) {
            behaviours = List.of("greedy", "least-utilised", "random");
        }
        String[] d = devices.split("\\.\\.");
        int dMin = 0;
        int dMax = 0;
        try {
            dMin = Integer.parseInt(d[0].trim());
            dMax = d.length > 1 ? Integer.parseInt(d[1].trim()) : dMin;
            if (dMin < 1 || dMax < dMin) {
                problems.add("--devices: expected MIN..MAX with 1 <= MIN <= MAX, got '" + devices + "'");
            }
        } catch (NumberFormatException e) {
            problems.add("--devices: expected MIN..MAX with whole numbers, got '" + devices + "'");
        }
        times.requireShorterWarmup(problems);
        double duration = times.duration;
        double warmup = times.warmup;
        var registry = Main.policyRegistry(spec);
        for (String b : behaviours) {
            if (!registry.contains(b)) {
                problems.add("--behaviours: " + registry.unknownPolicy(b));
            }
        }
        var loaded = problems.attempt(() -> LoadedScenario.load(scenario.file, overrides.sets));
        problems.throwIfAny();
        var base = loaded.scenario();
        long seed = this.seed.seed;
        Path out = this.out.dir;
        DatasetGenerator.Options o = DatasetGenerator.Options.defaults().withSamples(samples).withSeed(seed)
                .withEpisodes(episodes).withDevices(dMin, dMax).withDuration(duration, warmup);
        o = new DatasetGenerator.Options(o.samples(), o.seed(), o.episodes(), o.devicesMin(), o.devicesMax(),
                o.arrivalScaleMin(), o.arrivalScaleMax(), o.wanMinMbps(), o.wanMaxMbps(), o.durationS(), o.warmupS(),
                o.vmFraction(), behaviours);
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter outw = spec.commandLine().getOut();
        java.util.function.Consumer<String> log = m -> {
            err.println("dataset: " + m);
            err.flush();
        };
        if (outcome) {
            DatasetGenerator.OutcomeSummary s = DatasetGenerator.generateOutcome(base, o, out, log);
            if (s.rows() < samples) {
                err.printf(Locale.ROOT, "dataset: warning: wrote %d outcome rows, fewer than the %d asked for"
                        + " (--samples): too few ranked decisions after the warm-up; add --episodes or lengthen"
                        + " --duration%n", s.rows(), samples);
            }
            outw.printf(Locale.ROOT, "Wrote %s: %d outcome rows from %d episodes (%d tasks simulated) in %.1f s%n",
                    out, s.rows(), s.episodes(), s.tasksSimulated(), s.seconds());
            outw.printf(Locale.ROOT, "Classes taken (%s): %s; failed %.1f%%, mean cost %.3f%n",
                    String.join(", ", TierFeatures.TIER_NAMES), java.util.Arrays.toString(s.chosenCounts()),
                    100 * s.failedShare(), s.meanCost());
            return Main.OK;
        }
        DatasetGenerator.Summary s = DatasetGenerator.generate(base, o, out, log);
        if (s.tierRows() < samples) {
            err.printf(Locale.ROOT, "dataset: warning: wrote %d tier rows, fewer than the %d asked for (--samples):"
                    + " the episodes had too few decisions after the warm-up; add --episodes or lengthen --duration%n",
                    s.tierRows(), samples);
        }
        outw.printf(Locale.ROOT, "Wrote %s: %d tier rows, %d VM rows from %d episodes (%d tasks simulated) in %.1f s%n",
                out, s.tierRows(), s.vmRows(), s.episodes(), s.tasksSimulated(), s.seconds());
        outw.printf(Locale.ROOT, "Expert rules cover %.1f%% of the samples (the rest use the fallback)%n",
                100 * s.expertCoveredShare());
        outw.println("Label counts (" + String.join(", ", TierFeatures.TIER_NAMES) + "): expert "
                + java.util.Arrays.toString(s.expertCounts()) + ", oracle " + java.util.Arrays.toString(s.oracleCounts()));
        return Main.OK;
    }
}
