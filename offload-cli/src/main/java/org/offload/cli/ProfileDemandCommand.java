package org.offload.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.offload.model.Tier;
import org.offload.scenario.ApplicationSpec;
import org.offload.scenario.ModelVariant;
import org.offload.scenario.Scenario;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code offload profile demand SCENARIO}: the per-(variant, tier) demand table the simulator will use. */
@Command(name = "demand", sortOptions = false,
        description = "Print the work (MI), time alone (ms) and memory of each model variant on each tier of a scenario.")
final class ProfileDemandCommand implements Callable<Integer> {
    @Parameters(index = "0", arity = "0..1", paramLabel = "SCENARIO",
            description = "Scenario YAML file (default: the bundled profile.yaml).")
    Path scenarioFile;

    @Mixin
    CommonOptions.Overrides overrides;

    @Mixin
    CommonOptions.Help help;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Scenario s = scenarioFile == null
                ? new org.offload.io.ScenarioLoader().loadResource("profile.yaml", overrides.sets)
                : LoadedScenario.load(scenarioFile, overrides.sets).scenario();
        PrintWriter o = spec.commandLine().getOut();
        o.printf(Locale.ROOT, "%-18s %-16s %8s %-6s %10s %9s %9s  %s%n", "application", "variant", "accuracy", "tier",
                "work MI", "alone ms", "mem MB", "source");
        for (ApplicationSpec a : s.applications()) {
            if (!a.hasModel()) {
                continue;
            }
            for (ModelVariant v : a.model().variants()) {
                for (Tier t : Tier.values()) {
                    if (t == Tier.LOCAL && !s.devices().canComputeLocally()) {
                        continue;
                    }
                    double mips = switch (t) {
                        case LOCAL -> s.devices().cpu().mips();
                        case EDGE -> s.edge().vm().mips();
                        case CLOUD -> s.cloud().vm().mips();
                    };
                    o.printf(Locale.ROOT, "%-18s %-16s %8.4f %-6s %10.1f %9.2f %9.1f  %s%n", a.name(), v.name(),
                            v.accuracy(), t.key(), v.demand().lengthMi(t), 1000 * v.demand().lengthMi(t) / mips,
                            v.demand().memoryMb(t), shortSource(v.demand().source()));
                }
            }
        }
        ExtrapolationWarnings.print(s, spec.commandLine().getErr(), "offload profile demand: ");
        return Main.OK;
    }

    /** The demand's source without the extrapolation details, which are printed after the table. */
    private static String shortSource(String source) {
        int at = source.indexOf("; " + org.offload.profile.ProfileDemandResolver.EXTRAPOLATES);
        return at < 0 ? source : source.substring(0, at) + " (extrapolated)";
    }
}
