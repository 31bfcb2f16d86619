package org.offload.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.offload.experiment.SweepSpecException;
import org.offload.experiment.SweepSpecFile;
import org.offload.policy.PolicyRegistry;
import org.offload.scenario.Scenario;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code offload validate FILE}: loads and validates a scenario file without running it. */
@Command(name = "validate", sortOptions = false,
        description = "Check a scenario file (strict: unknown keys, wrong types and out-of-range values are errors).")
final class ValidateCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "FILE", description = "Scenario YAML file to check.")
    Path file;

    @Mixin
    CommonOptions.Overrides overrides;

    @Mixin
    CommonOptions.Help help;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        List<String> sets = overrides.sets;
        if (AigcCli.isAigc(file)) {
            return AigcCli.validate(file, sets, spec);
        }
        LoadedScenario loaded = LoadedScenario.load(file, sets);
        PolicyRegistry registry = Main.policyRegistry(spec);
        loaded.requireKnownPolicy(registry);
        Scenario s = loaded.scenario();
        String sweep = checkSweepBlock(file, sets, registry);
        spec.commandLine().getOut().printf(
                "%s: ok (%d devices, %d applications, %d edge VMs, %d cloud VMs, policy %s%s)%n",
                loaded.source(), s.devices().count(), s.applications().size(), s.edge().vmCount(), s.cloud().vmCount(),
                s.policy(), sweep);
        return Main.OK;
    }

    /**
     * Checks the file's {@code sweep:} block as {@code offload sweep FILE} reads it: its keys and types, its
     * policies, and the scenario with its {@code set} overrides. Returns a description for the summary line, empty
     * without a block.
     */
    private static String checkSweepBlock(Path file, List<String> sets, PolicyRegistry registry) {
        SweepSpecFile block;
        try {
            block = SweepSpecFile.fromScenario(file);
        } catch (SweepSpecException e) {
            throw new UsageException(e.getMessage());
        }
        if (block == null) {
            return "";
        }
        if (block.policies() != null) {
            for (String p : block.policies()) {
                if (!registry.contains(p)) {
                    throw new UsageException(file + ": sweep.policies: " + registry.unknownPolicy(p));
                }
            }
        }
        if (block.set() != null) {
            List<String> overrides = new ArrayList<>(block.set());
            overrides.addAll(sets);
            LoadedScenario.load(file, overrides);
        }
        return "; sweep block ok";
    }
}
