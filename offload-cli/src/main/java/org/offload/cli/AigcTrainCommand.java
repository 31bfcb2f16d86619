package org.offload.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.offload.aigc.AgentKind;
import org.offload.aigc.AigcRunner;
import org.offload.aigc.AigcScenario;
import org.offload.aigc.AigcScenarioLoader;
import org.offload.aigc.AigcTraining;
import org.offload.aigc.EpisodeStats;
import org.offload.aigc.TrainConfig;
import org.offload.aigc.learn.MaddpgTrainer;
import org.offload.scenario.ScenarioException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code offload train aigc}: trains MADDPG-MATO, MADDPG-NoModel or SADDPG on an AIGC scenario with DJL (PyTorch,
 * CPU, one thread) and writes the checkpoint (one small text file per actor), {@code learning-curve.csv} and
 * {@code learning-curve.png} into the output directory.
 */
@Command(name = "aigc", sortOptions = false,
        description = "Train an AIGC offloading agent (seed 002) and write its checkpoint and learning curve.")
final class AigcTrainCommand implements Callable<Integer>, CommonOptions.Defaults {
    @Option(names = "--scenario", paramLabel = "FILE", description = "AIGC scenario (default: the bundled aigc.yaml).")
    Path scenario;

    @Mixin
    CommonOptions.Overrides overrides;

    @Mixin
    CommonOptions.DeviceCount devices;

    @Mixin
    CommonOptions.Seed seed;

    @Option(names = "--agent", required = true, paramLabel = "NAME",
            description = "maddpg-mato, maddpg-nomodel, saddpg or maddpg-mato-nodl (MATO without downloads).")
    String agent;

    @Option(names = "--models", paramLabel = "M", converter = Converters.Count.class,
            description = "Number of models in use (model_count).")
    Integer models;

    @Option(names = "--episodes", paramLabel = "N", converter = Converters.Count.class,
            description = "Training episodes (default: 300).")
    Integer episodes;

    @Option(names = "--batch", paramLabel = "N", converter = Converters.Count.class,
            description = "Mini-batch size (default: 1024, the paper's).")
    Integer batch;

    @Option(names = "--buffer", paramLabel = "N", converter = Converters.Count.class,
            description = "Replay capacity (default: 10000, the paper's).")
    Integer buffer;

    @Option(names = "--lr", paramLabel = "RATE", converter = Converters.Positive.class,
            description = "Adam learning rate, actor and critic (default: 0.001).")
    Double lr;

    @Option(names = "--update-every", paramLabel = "SLOTS", converter = Converters.Count.class,
            description = "Slots between gradient steps (default: 2, or the scenario's training block).")
    Integer updateEvery;

    @Option(names = "--train", paramLabel = "KEY=VALUE", description = "Any training setting (after the scenario's"
            + " training block and the options above), e.g. --train gamma=0.5 --train parameter_sharing=true."
            + " Keys: " + TrainConfig.KEYS + ". Repeatable.")
    List<String> train = new ArrayList<>();

    @Option(names = "--gzip", description = "Write the actors gzipped (actor-NN.mlp.gz), as the bundled checkpoints"
            + " are.")
    boolean gzip;

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
        AgentKind kind;
        try {
            kind = AgentKind.byId(agent);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        Path out = this.out.checked();
        long seed = this.seed.seed;
        AigcScenarioLoader loader = new AigcScenarioLoader();
        AigcScenario s = AigcCli.load(loader, scenario, overrides.sets, devices.devices, models);
        TrainConfig cfg;
        try {
            cfg = AigcTraining.defaults(loader);
            if (episodes != null) {
                cfg = cfg.withEpisodes(episodes);
            }
            if (batch != null || buffer != null) {
                int b = batch != null ? batch : cfg.batchSize();
                cfg = cfg.withBatch(b, buffer != null ? buffer : Math.max(cfg.bufferSize(), b));
            }
            if (lr != null) {
                cfg = cfg.with("lr", Double.toString(lr));
            }
            if (updateEvery != null) {
                cfg = cfg.with("update_every", Integer.toString(updateEvery));
            }
            for (String kv : train) {
                int eq = kv.indexOf('=');
                if (eq <= 0) {
                    throw new UsageException("--train: expected KEY=VALUE, got '" + kv + "'");
                }
                cfg = cfg.with(kv.substring(0, eq).trim(), kv.substring(eq + 1));
            }
        } catch (ScenarioException e) {
            throw new UsageException("invalid training option: " + e.getMessage());
        }
        TrainConfig config = cfg;
        PrintWriter err = spec.commandLine().getErr();
        MaddpgTrainer.Result r = new MaddpgTrainer(s, kind, config, seed).train(l -> {
            if (l.eval() != null) {
                err.printf(Locale.ROOT, "train aigc: episode %d/%d, %.0f s: training reward %.4f, validation reward"
                                + " %.4f, completion %.1f %%, switches %.1f%n", l.episode(), config.episodes(),
                        l.seconds(), l.trainReward(), l.eval().reward(), 100 * l.eval().completion(),
                        l.eval().switches());
                err.flush();
            }
        });
        r.checkpoint().save(out, gzip);
        AigcTraining.writeCurve(r.curve(), out, kind.id() + " (" + s.modelCount() + " models, "
                + s.devices().count() + " devices)");
        List<EpisodeStats> eval = AigcRunner.run(s, r.checkpoint().policy(), 10, s.seed());
        EpisodeStats m = EpisodeStats.mean(eval);
        PrintWriter o = spec.commandLine().getOut();
        MaddpgTrainer.Speed sp = r.speed();
        o.printf(Locale.ROOT, "Trained %s for %d episodes in %.1f s (%.1f CPU s): %d slots (%.1f/s), %d gradient steps"
                        + " (%.2f/s, %.1f s in updates); actors of episode %d (best validation reward)%n", kind.id(),
                config.episodes(), sp.seconds(), sp.cpuSeconds(), sp.envSteps(), sp.envStepsPerSecond(), sp.updates(),
                sp.updatesPerSecond(), sp.updateSeconds(), r.chosenEpisode());
        o.printf(Locale.ROOT, "Evaluation (10 episodes, pure-Java actors): latency %.3f s, energy %.3f J, completion"
                + " %.2f %%, reward %.4f%n", m.latencyS(), m.energyJ(), 100 * m.completion(), m.reward());
        o.println("Wrote " + out + " (checkpoint, " + AigcTraining.CURVE_CSV + ", " + AigcTraining.CURVE_PNG + ")");
        o.println("Evaluate: offload run " + (scenario != null ? scenario : "scenarios/aigc.yaml") + " --policy "
                + kind.id() + " --model " + out);
        return Main.OK;
    }
}
