package org.offload.aigc;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.offload.aigc.learn.MaddpgTrainer;
import org.offload.experiment.Estimate;
import org.offload.io.AtomicFiles;
import org.offload.report.LineChart;

/**
 * Training defaults and the learning-curve files: per training {@value #CURVE_CSV} and {@value #CURVE_PNG}; per
 * sweep, the curves of every replication of an agent at a point summarised as mean and 95% interval
 * ({@value #BANDS_CSV}, {@code learning-curves-<point>.png}).
 */
public final class AigcTraining {
    public static final String CURVE_CSV = "learning-curve.csv";
    public static final String CURVE_PNG = "learning-curve.png";
    public static final String BANDS_CSV = "learning-curves.csv";

    private AigcTraining() {
    }

    /**
     * The default training: the paper's hyperparameters (lr 1e-3, gamma 0.95, tau 0.01, replay 10,000, batch
     * 1,024) with 300 episodes and 2x64 hidden units; [SUBSTITUTE] 1-step returns, one episode at a time, a
     * gradient step every 2 slots after 1,024 random warm-up slots, Gumbel-softmax temperature 1 annealed to 0.5,
     * epsilon 0.2 annealed to 0.05, MADDPG's reference logit penalty 1e-3 and gradient clipping 0.5, 5 ratio
     * levels, straight-through Gumbel-softmax, one-hot warm-up, coordination features, one actor per device,
     * sampled actions, and a 5-episode validation every 10 episodes that picks the checkpoint. A scenario's
     * {@code training:} block changes these for that scenario.
     */
    public static TrainConfig defaults() {
        return new TrainConfig(300, 1e-3, 0.95, 1, 0.01, 10_000, 1024, 64, 1, 2, 1024, 1.0, 0.5, 0.2, 0.05, 1e-3,
                0.5, 5, true, true, true, false, true, 10, 5, true);
    }

    /** {@link #defaults()} with the {@code training:} block of the scenario a loader read last. */
    public static TrainConfig defaults(AigcScenarioLoader loader) {
        return defaults().with(loader.lastTraining());
    }

    /** Writes the learning curve as CSV and PNG into {@code dir}. */
    public static void writeCurve(List<MaddpgTrainer.EpisodeLog> curve, Path dir, String title) throws IOException {
        Files.createDirectories(dir);
        AtomicFiles.write(dir.resolve(CURVE_CSV), w -> {
            w.write("episode,train_reward,temperature,epsilon,updates,seconds,eval_reward,eval_latency_s,"
                    + "eval_energy_j,eval_completion,eval_switches\n");
            for (MaddpgTrainer.EpisodeLog l : curve) {
                EpisodeStats e = l.eval();
                w.write(String.format(Locale.ROOT, "%d,%.6f,%.4f,%.4f,%d,%.2f,%s,%s,%s,%s,%s%n", l.episode(),
                        l.trainReward(), l.temperature(), l.epsilon(), l.updates(), l.seconds(),
                        e == null ? "" : fmt(e.reward()), e == null ? "" : fmt(e.latencyS()),
                        e == null ? "" : fmt(e.energyJ()), e == null ? "" : fmt(e.completion()),
                        e == null ? "" : fmt(e.switches())));
            }
        });
        List<Double> ex = new ArrayList<>();
        List<Double> ey = new ArrayList<>();
        double[] x = new double[curve.size()];
        double[] y = new double[curve.size()];
        for (int i = 0; i < curve.size(); i++) {
            x[i] = curve.get(i).episode();
            y[i] = curve.get(i).trainReward();
            if (curve.get(i).eval() != null) {
                ex.add(x[i]);
                ey.add(curve.get(i).eval().reward());
            }
        }
        List<LineChart.Series> series = new ArrayList<>();
        series.add(new LineChart.Series("training (with exploration)", x, y, null));
        if (!ex.isEmpty()) {
            series.add(new LineChart.Series("validation (trained actors, no exploration)",
                    ex.stream().mapToDouble(Double::doubleValue).toArray(),
                    ey.stream().mapToDouble(Double::doubleValue).toArray(), null));
        }
        byte[] png = LineChart.png("Learning curve: " + title, "Episode", "Mean reward per device and slot", series,
                false, false);
        Path temp = AtomicFiles.createTemp(dir.resolve(CURVE_PNG));
        Files.write(temp, png);
        AtomicFiles.moveIntoPlace(temp, dir.resolve(CURVE_PNG));
    }

    private static String fmt(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.6f", v) : "";
    }

    /**
     * Summarises the learning curves a sweep wrote under {@code sweepDir/runs/<agent>/<point>/r<k>/checkpoint/}: per
     * point, agent and evaluated episode, the mean and Student-t 95% interval over replications of the validation
     * reward and completion rate, into {@value #BANDS_CSV}, and one chart per point (the interval as error bars).
     * Does nothing when the sweep trained no agent.
     */
    public static void writeCurveBands(Path sweepDir) throws IOException {
        Path root = sweepDir.resolve("runs");
        if (!Files.isDirectory(root)) {
            return;
        }
        // point -> agent -> episode -> [reward values, completion values]
        Map<String, Map<String, Map<Integer, List<double[]>>>> data = new TreeMap<>();
        // runs/<agent>/<point>/r<r>/checkpoint/learning-curve.csv (AigcSweep's layout)
        try (Stream<Path> files = Files.walk(root, 5)) {
            for (Path f : (Iterable<Path>) files.filter(p -> p.getFileName().toString().equals(CURVE_CSV))::iterator) {
                Path pointDir = f.getParent().getParent().getParent();
                String agent = pointDir.getParent().getFileName().toString();
                String point = pointDir.getFileName().toString();
                Map<Integer, List<double[]>> byEpisode = data.computeIfAbsent(point, k -> new TreeMap<>())
                        .computeIfAbsent(agent, k -> new TreeMap<>());
                List<String> lines = Files.readAllLines(f);
                List<String> header = List.of(lines.get(0).split(","));
                int rew = header.indexOf("eval_reward");
                int comp = header.indexOf("eval_completion");
                for (String line : lines.subList(1, lines.size())) {
                    String[] v = line.split(",", -1);
                    if (rew >= 0 && rew < v.length && !v[rew].isEmpty()) {
                        byEpisode.computeIfAbsent(Integer.parseInt(v[0]), k -> new ArrayList<>())
                                .add(new double[] {Double.parseDouble(v[rew]), Double.parseDouble(v[comp])});
                    }
                }
            }
        }
        if (data.isEmpty()) {
            return;
        }
        StringBuilder csv = new StringBuilder("point,agent,episode,trainings,reward,reward_ci95_low,reward_ci95_high,"
                + "completion,completion_ci95_low,completion_ci95_high\n");
        for (var point : data.entrySet()) {
            List<LineChart.Series> series = new ArrayList<>();
            for (var agent : point.getValue().entrySet()) {
                int k = agent.getValue().size();
                double[] x = new double[k];
                double[] y = new double[k];
                double[] err = new double[k];
                int q = 0;
                for (var ep : agent.getValue().entrySet()) {
                    Estimate r = Estimate.of(ep.getValue().stream().mapToDouble(v -> v[0]).toArray());
                    Estimate c = Estimate.of(ep.getValue().stream().mapToDouble(v -> v[1]).toArray());
                    csv.append(String.format(Locale.ROOT, "%s,%s,%d,%d,%s,%s,%s,%s,%s,%s%n", point.getKey(),
                            agent.getKey(), ep.getKey(), r.n(), fmt(r.mean()), fmt(r.ci95Low()), fmt(r.ci95High()),
                            fmt(c.mean()), fmt(c.ci95Low()), fmt(c.ci95High())));
                    x[q] = ep.getKey();
                    y[q] = r.mean();
                    err[q] = Double.isFinite(r.halfWidth()) ? r.halfWidth() : 0;
                    q++;
                }
                series.add(new LineChart.Series(agent.getKey(), x, y, err));
            }
            byte[] png = LineChart.png("Learning curves, " + point.getKey() + " (mean and 95% CI over trainings)",
                    "Episode", "Validation reward per device and slot", series, false, true);
            Path file = sweepDir.resolve("learning-curves-" + point.getKey() + ".png");
            Path temp = AtomicFiles.createTemp(file);
            Files.write(temp, png);
            AtomicFiles.moveIntoPlace(temp, file);
        }
        AtomicFiles.writeString(sweepDir.resolve(BANDS_CSV), csv.toString());
    }
}
