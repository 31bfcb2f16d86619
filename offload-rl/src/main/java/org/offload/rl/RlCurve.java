package org.offload.rl;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import org.offload.report.ChartImage;
import org.offload.report.Charts;

/** The learning curve of an agent's training ({@link Ppo.Result#curve()}) as CSV and as a PNG chart. */
public final class RlCurve {
    private RlCurve() {
    }

    /** Writes the curve as CSV and, if {@code png} is not null, as a PNG chart (reward and failures; entropy). */
    public static void write(Ppo.Result r, Path csv, Path png) throws IOException {
        try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(csv, StandardCharsets.UTF_8))) {
            w.println("update,env_steps,mean_reward,failed_share,policy_loss,value_loss,entropy");
            for (Ppo.Update u : r.curve()) {
                w.printf(Locale.ROOT, "%d,%d,%.6f,%.6f,%.6f,%.6f,%.6f%n", u.update(), u.envSteps(), u.meanReward(),
                        u.failedShare(), u.policyLoss(), u.valueLoss(), u.entropy());
            }
        }
        if (png == null) {
            return;
        }
        // by update: consecutive updates can share an env-step count (credited transitions were already waiting)
        double[] x = r.curve().stream().mapToDouble(Ppo.Update::update).toArray();
        List<Charts.Line> reward = List.of(
                new Charts.Line("mean reward per decision", x,
                        r.curve().stream().mapToDouble(Ppo.Update::meanReward).toArray(), Charts.Style.LINE, 0),
                new Charts.Line("failed share", x,
                        r.curve().stream().mapToDouble(Ppo.Update::failedShare).toArray(), Charts.Style.LINE, 1));
        List<Charts.Line> entropy = List.of(new Charts.Line("policy entropy", x,
                r.curve().stream().mapToDouble(Ppo.Update::entropy).toArray(), Charts.Style.LINE, 0));
        ChartImage img = Charts.panels(List.of(
                Charts.Axes.of("update", "per decision").titled(r.policy().name() + ": training batches"),
                Charts.Axes.of("update", "entropy (nats)").titled(r.policy().name() + ": policy entropy")),
                List.of(reward, entropy), 640, 420);
        Files.write(png, img.png());
    }
}
