package org.offload.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
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
            description = "maddpg-mato, maddpg-nomodel or saddpg.")
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
            description = "Slots between gradient steps (default: 2).")
    Integer updateEvery;

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
        AigcScenario s = AigcCli.load(new AigcScenarioLoader(), scenario, overrides.sets, devices.devices, models);
        TrainConfig d = AigcTraining.defaults();
        int b = batch != null ? batch : d.batchSize();
        int buf = buffer != null ? buffer : Math.max(d.bufferSize(), b);
        TrainConfig cfg;
        try {
            cfg = new TrainConfig(episodes != null ? episodes : d.episodes(), lr != null ? lr : d.lr(), d.gamma(),
                    d.tau(), buf, b, d.hidden(), updateEvery != null ? updateEvery : d.updateEvery(),
                    Math.min(d.warmupSteps(), buf), d.noiseStart(), d.noiseEnd(), d.evalEvery(), d.evalEpisodes());
        } catch (RuntimeException e) {
            throw new UsageException("invalid training option: " + e.getMessage());
        }
        PrintWriter err = spec.commandLine().getErr();
        MaddpgTrainer.Result r = new MaddpgTrainer(s, kind, cfg, seed).train(l -> {
            if (l.eval() != null) {
                err.printf(Locale.ROOT, "train aigc: episode %d/%d, %.0f s: training reward %.4f, evaluation reward"
                                + " %.4f, completion %.1f %%%n", l.episode(), cfg.episodes(), l.seconds(),
                        l.trainReward(), l.eval().reward(), 100 * l.eval().completion());
                err.flush();
            }
        });
        r.checkpoint().save(out);
        AigcTraining.writeCurve(r.curve(), out, kind.id() + " (" + s.modelCount() + " models, "
                + s.devices().count() + " devices)");
        List<EpisodeStats> eval = AigcRunner.run(s, r.checkpoint().policy(), 10, s.seed());
        EpisodeStats m = EpisodeStats.mean(eval);
        PrintWriter o = spec.commandLine().getOut();
        MaddpgTrainer.EpisodeLog last = r.curve().get(r.curve().size() - 1);
        o.printf(Locale.ROOT, "Trained %s for %d episodes (%d gradient steps) in %.1f s%n", kind.id(), cfg.episodes(),
                last.updates(), last.seconds());
        o.printf(Locale.ROOT, "Evaluation (10 episodes, pure-Java actors): latency %.3f s, energy %.3f J, completion"
                + " %.2f %%, reward %.4f%n", m.latencyS(), m.energyJ(), 100 * m.completion(), m.reward());
        o.println("Wrote " + out + " (checkpoint, " + AigcTraining.CURVE_CSV + ", " + AigcTraining.CURVE_PNG + ")");
        o.println("Evaluate: offload run " + (scenario != null ? scenario : "scenarios/aigc.yaml") + " --policy "
                + kind.id() + " --model " + out);
        return Main.OK;
    }
}
