package org.offload.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.offload.aigc.AigcPolicies;
import org.offload.aigc.AigcPolicy;
import org.offload.aigc.AigcRunner;
import org.offload.aigc.AigcScenario;
import org.offload.aigc.AigcScenarioLoader;
import org.offload.aigc.EpisodeStats;
import org.offload.io.TextFiles;
import org.offload.registry.Capability;
import org.offload.util.Suggestions;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The AIGC side of {@code offload run}: when the scenario file says {@code kind: aigc}, {@link RunCommand} hands
 * it here (the slot-based environment of offload-aigc instead of the discrete-event simulator). Uses the run
 * command's {@code --set}, {@code --devices}, {@code --policy}, {@code --seed}, {@code --model} and {@code --out}.
 */
final class AigcCli {
    /** Policy when neither {@code --policy} nor the scenario names one. */
    static final String DEFAULT_POLICY = "greedy-cost";

    private AigcCli() {
    }

    /** Whether {@code file} is an AIGC scenario that {@code run} should hand over. */
    static boolean isAigc(Path file) {
        return file != null && AigcScenarioLoader.isAigcFile(file);
    }

    /** Loads an AIGC scenario with {@code --set} values and the {@code --devices} / {@code --models} shortcuts. */
    static AigcScenario load(AigcScenarioLoader loader, Path file, List<String> sets, Integer devices, Integer models) {
        List<String> overrides = new ArrayList<>(sets);
        if (devices != null) {
            overrides.add("devices.count=" + devices);
        }
        if (models != null) {
            overrides.add("model_count=" + models);
        }
        if (file != null) {
            TextFiles.readUtf8(file); // a missing or binary file in plain words, as for every scenario
        }
        return file == null ? loader.loadDefault(overrides) : loader.load(file, overrides);
    }

    /** {@code offload validate} of an AIGC scenario. */
    static int validate(Path file, List<String> sets, CommandSpec spec) {
        AigcScenario s = new AigcScenarioLoader().load(file, sets);
        spec.commandLine().getOut().printf("%s: ok (AIGC: %d devices, %d edge servers, %d of %d models in use, %d slots"
                        + " per episode)%n", file, s.devices().count(), s.edge().servers(), s.modelCount(),
                s.taskTypes().size(), s.slotsPerEpisode());
        return Main.OK;
    }

    /** The options of {@code offload run} that an AIGC scenario has no use for: an error, not silently ignored. */
    private static void refuseUnused(RunCommand cmd) {
        List<String> unused = new ArrayList<>();
        if (!cmd.policy.options.isEmpty()) {
            unused.add("--policy-option");
        }
        if (cmd.times.duration != null || cmd.times.warmup != null) {
            unused.add("--duration/--warmup (an AIGC scenario counts slots and episodes)");
        }
        if (cmd.trace) {
            unused.add("--trace");
        }
        if (cmd.remote != null) {
            unused.add("--remote");
        }
        if (!unused.isEmpty()) {
            throw new UsageException("an AIGC run does not take " + String.join(", ", unused));
        }
    }

    static int run(RunCommand cmd, CommandSpec spec) throws IOException {
        refuseUnused(cmd);
        AigcScenarioLoader loader = new AigcScenarioLoader();
        List<String> overrides = new ArrayList<>(cmd.overrides.sets);
        cmd.devices.addTo(overrides);
        cmd.seed.addTo(overrides);
        AigcScenario s = loader.load(cmd.scenario.file, overrides);
        String policyName = cmd.policy.name != null ? cmd.policy.name : DEFAULT_POLICY;
        if (!AigcRunner.POLICIES.contains(policyName)) {
            throw new UsageException("unknown AIGC policy '" + policyName + "'"
                    + Suggestions.didYouMean(policyName, AigcRunner.POLICIES) + "; known: "
                    + String.join(", ", AigcRunner.POLICIES) + " (see 'offload policies')");
        }
        if (cmd.policy.models.size() > 1) {
            throw new UsageException("--model: an AIGC run takes one checkpoint directory");
        }
        Path checkpoint = cmd.policy.models.isEmpty() ? null : cmd.policy.models.get(0);
        List<String> agents = AigcPolicies.registry().names(Capability.TAKES_MODEL_FILE);
        if (checkpoint != null && !agents.contains(policyName)) {
            throw new UsageException("--model: policy " + policyName + " takes no checkpoint; only the trained agents"
                    + " (" + String.join(", ", agents) + ") do");
        }
        AigcPolicy policy;
        try {
            policy = AigcRunner.policy(policyName, s, checkpoint);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        int episodes = loader.lastEvalEpisodes();
        List<EpisodeStats> eps = AigcRunner.run(s, policy, episodes, s.seed());
        Path dir = cmd.out.dir != null ? cmd.out.checked() : Path.of("results", (s.name() + "-" + policyName + "-" + s.seed())
                .replaceAll("[^A-Za-z0-9._-]", "_"));
        String text = TextFiles.readUtf8(cmd.scenario.file);
        AigcRunner.write(dir, s, policyName, s.seed(), eps, cmd.scenario.file.toString(), text, overrides);
        spec.commandLine().getOut().print(AigcRunner.table(s, policyName, s.seed(), eps, dir.toString()));
        return Main.OK;
    }
}
