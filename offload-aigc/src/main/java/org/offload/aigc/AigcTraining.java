package org.offload.aigc;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.offload.aigc.learn.MaddpgTrainer;
import org.offload.io.AtomicFiles;
import org.offload.report.LineChart;

/** Training defaults and the learning-curve files ({@value #CURVE_CSV}, {@value #CURVE_PNG}). */
public final class AigcTraining {
    public static final String CURVE_CSV = "learning-curve.csv";
    public static final String CURVE_PNG = "learning-curve.png";

    private AigcTraining() {
    }

    /**
     * The default training: the paper's hyperparameters (lr 1e-3, gamma 0.95, tau 0.01, replay 10,000, batch
     * 1,024) with 300 episodes, an update every 2 slots after 1,024 random warm-up slots, and a 5-episode
     * evaluation every 10 episodes for the learning curve.
     */
    public static TrainConfig defaults() {
        return new TrainConfig(300, 1e-3, 0.95, 0.01, 10_000, 1024, 64, 2, 1024, 0.3, 0.02, 10, 5);
    }

    /** Writes the learning curve as CSV and PNG into {@code dir}. */
    public static void writeCurve(List<MaddpgTrainer.EpisodeLog> curve, Path dir, String title) throws IOException {
        Files.createDirectories(dir);
        AtomicFiles.write(dir.resolve(CURVE_CSV), w -> {
            w.write("episode,train_reward,noise,updates,seconds,eval_reward,eval_latency_s,eval_energy_j,"
                    + "eval_completion,eval_switches\n");
            for (MaddpgTrainer.EpisodeLog l : curve) {
                EpisodeStats e = l.eval();
                w.write(String.format(Locale.ROOT, "%d,%.6f,%.4f,%d,%.2f,%s,%s,%s,%s,%s%n", l.episode(),
                        l.trainReward(), l.noise(), l.updates(), l.seconds(),
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
            series.add(new LineChart.Series("evaluation (greedy actions)",
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
}
