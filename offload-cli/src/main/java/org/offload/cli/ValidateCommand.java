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
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code offload validate FILE}: loads and validates a scenario file without running it. */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = "Check a scenario file (strict: unknown keys, wrong types and out-of-range values are errors).")
final class ValidateCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "FILE", description = "Scenario YAML file.")
    Path file;

    @Option(names = "--set", paramLabel = "KEY=VALUE",
            description = "Override a scenario value before validating, e.g. devices.count=400. Repeatable.")
    List<String> sets = new ArrayList<>();

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (AigcCli.isAigc(file)) {
            return AigcCli.validate(file, sets, spec);
        }
        LoadedScenario loaded = LoadedScenario.load(file, sets);
        PolicyRegistry registry = Main.policyRegistry();
        loaded.requireKnownPolicy(registry);
        Scenario s = loaded.scenario();
        String sweep = checkSweepBlock(registry);
        spec.commandLine().getOut().printf(
                "%s: ok (%d devices, %d applications, %d edge VMs, %d cloud VMs, policy %s%s)%n",
                file, s.devices().count(), s.applications().size(), s.edge().vmCount(), s.cloud().vmCount(),
                s.policy(), sweep);
        return Main.OK;
    }

    /**
     * Checks the file's {@code sweep:} block as {@code offload sweep FILE} reads it: its keys and types, its
     * policies, and the scenario with its {@code set} overrides. Returns a description for the summary line, empty
     * without a block.
     */
    private String checkSweepBlock(PolicyRegistry registry) {
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
