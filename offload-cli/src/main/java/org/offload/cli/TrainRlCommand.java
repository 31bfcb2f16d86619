package org.offload.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

import org.offload.learn.Djl;
import org.offload.policy.learned.MlpFormat;
import org.offload.rl.ActionSpace;
import org.offload.rl.Dqn;
import org.offload.rl.EnvConfig;
import org.offload.rl.Ppo;
import org.offload.rl.RewardSpec;
import org.offload.rl.TrainedAgent;
import org.offload.scenario.Scenario;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code offload train ppo|dqn}: trains an agent on {@link org.offload.rl.OffloadEnv}s of a scenario with DJL
 * (PyTorch, CPU, one thread) and writes {@code AGENT.mlp} (the network, which the policy of the agent's name runs
 * with {@code --model}), {@code learning-curve.csv}, {@code learning-curve.png} and {@code config.txt}. The agents
 * share every option; each subclass only runs its trainer.
 */
abstract class TrainRlCommand implements Callable<Integer>, CommonOptions.Defaults {
    @Command(name = "ppo", sortOptions = false,
            description = "Train a PPO agent on a scenario's Gym-style environment (offload-rl) and write its model.")
    static final class PpoCommand extends TrainRlCommand {
        @Override
        Trained train(List<EnvConfig> configs, long seed, Integer steps, Integer envs, PrintWriter err) {
            Ppo.Options d = Ppo.Options.defaults();
            Ppo.Options o = d.withSteps(steps != null ? steps : d.steps()).withSeed(seed)
                    .withEnvs(envs != null ? envs : d.envs(), d.horizon());
            err.println("train ppo: " + Djl.versions() + ", " + o.envs() + " envs, " + o.steps() + " steps");
            return new Trained("ppo", Ppo.train(configs, o, err::println), o.describe());
        }
    }

    @Command(name = "dqn", sortOptions = false,
            description = "Train a DQN agent (double, dueling, soft target updates, uniform or prioritised replay) on a"
                    + " scenario's Gym-style environment (offload-rl) and write its model.")
    static final class DqnCommand extends TrainRlCommand {
        @Option(names = "--prioritised-replay", description = "Prioritised replay (Schaul et al. 2016, proportional:"
                + " alpha 0.6, beta 0.4 -> 1) instead of uniform replay (the default).")
        boolean prioritised;

        @Override
        Trained train(List<EnvConfig> configs, long seed, Integer steps, Integer envs, PrintWriter err) {
            Dqn.Options d = Dqn.Options.defaults();
            Dqn.Options o = d.withSteps(steps != null ? steps : d.steps()).withSeed(seed)
                    .withEnvs(envs != null ? envs : d.envs())
                    .withPriority(prioritised ? Dqn.Priority.SCHAUL : Dqn.Priority.OFF);
            err.println("train dqn: " + Djl.versions() + ", " + o.envs() + " envs, " + o.steps() + " steps");
            return new Trained("dqn", Dqn.train(configs, o, err::println), o.describe());
        }
    }

    /** A trained agent with its name and options. */
    record Trained(String agent, TrainedAgent result, Map<String, String> options) {
    }

    /** Runs the agent's trainer; {@code steps} and {@code envs} are null where not given. */
    abstract Trained train(List<EnvConfig> configs, long seed, Integer steps, Integer envs, PrintWriter err);

    @Mixin
    CommonOptions.ScenarioFile scenario;

    @Mixin
    CommonOptions.Overrides overrides;

    @Option(names = {"-n", "--devices"}, split = ",", paramLabel = "N", converter = Converters.Count.class,
            description = "Device counts of the envs, a device mix (env i uses the (i mod k)-th; default: the"
                    + " scenario's).")
    List<Integer> devices;

    @Mixin
    CommonOptions.Seed seed;

    @Mixin
    CommonOptions.Times times;

    @Option(names = "--steps", paramLabel = "N", converter = Converters.Count.class,
            description = "Env steps (decisions) to train for (default: 200000).")
    Integer steps;

    @Option(names = "--envs", paramLabel = "N", converter = Converters.Count.class,
            description = "Environments stepped together (default: 8).")
    Integer envs;

    @Option(names = "--actions", paramLabel = "SPACE", defaultValue = "tier",
            description = "Action space: tier (default) or tier-vm.")
    String actions;

    @Option(names = "--reward", paramLabel = "KIND", defaultValue = "outcome",
            description = "outcome (the task's own outcome, delayed; default) or estimate (at the decision).")
    String reward;

    @Option(names = "--no-chart", description = "Skip the PNG learning curve.")
    boolean noChart;

    @Mixin
    CommonOptions.RequiredOutput out;

    @Mixin
    CommonOptions.Help help;

    @Spec
    CommandSpec spec;

    @Override
    public Map<String, String> optionDefaults() {
        return Map.of("--seed", "1");
    }

    @Override
    public Integer call() throws IOException {
        Problems problems = new Problems();
        ActionSpace space = null;
        RewardSpec.Mode mode = null;
        try {
            space = ActionSpace.parse(actions);
        } catch (IllegalArgumentException e) {
            problems.add("--actions: " + e.getMessage());
        }
        try {
            mode = RewardSpec.mode(reward);
        } catch (IllegalArgumentException e) {
            problems.add("--reward: " + e.getMessage());
        }
        Path dir = problems.attempt(() -> OutputDirectory.checked(out.dir, "--out"));
        List<String> all = new ArrayList<>(overrides.sets);
        times.addTo(all);
        LoadedScenario loaded = problems.attempt(() -> LoadedScenario.load(scenario.file, all));
        problems.throwIfAny();
        long s = seed.seed != null ? seed.seed : 1;
        Scenario base = loaded.scenario();
        List<EnvConfig> configs = new ArrayList<>();
        for (int count : devices != null ? devices : List.of(base.devices().count())) {
            configs.add(EnvConfig.of(base.withDevices(count)).withActions(space)
                    .withReward(RewardSpec.DEFAULT.withMode(mode)));
        }
        PrintWriter err = spec.commandLine().getErr();
        Trained t = train(configs, s, steps, envs, err);
        TrainedAgent r = t.result();
        Path model = dir.resolve(t.agent() + ".mlp");
        Files.createDirectories(dir);
        MlpFormat.save(r.policy(), model);
        r.learningCurve().write(dir.resolve("learning-curve.csv"), noChart ? null : dir.resolve("learning-curve.png"));
        try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(dir.resolve("config.txt"),
                StandardCharsets.UTF_8))) {
            w.println("agent = " + t.agent());
            w.println("scenario = " + loaded.source());
            w.println("overrides = " + String.join(" ", all));
            w.println("devices = " + (devices != null ? String.join(",", devices.stream().map(String::valueOf).toList())
                    : Integer.toString(base.devices().count())));
            w.println("action_space = " + space.key());
            w.println("reward = " + mode.name().toLowerCase(Locale.ROOT));
            t.options().forEach((k, v) -> w.println(k + " = " + v));
        }
        PrintWriter stdout = spec.commandLine().getOut();
        stdout.printf(Locale.ROOT, "%s: %d env steps in %.1f s (%.0f steps/s), %d gradient steps in %.1f s"
                        + " (%.0f steps/s); model %s%n", t.agent(), r.envSteps(), r.envSeconds(),
                r.envSteps() / r.envSeconds(), r.gradientSteps(), r.trainSeconds(),
                r.gradientSteps() / r.trainSeconds(), model);
        return Main.OK;
    }
}
