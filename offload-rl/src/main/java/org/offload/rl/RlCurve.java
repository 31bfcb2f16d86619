package org.offload.rl;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.offload.report.ChartImage;
import org.offload.report.Charts;

/**
 * The learning curve of an agent's training ({@link TrainedAgent#learningCurve()}) as CSV and as a PNG chart: per
 * row the update number, env steps, mean reward per decision and failure share, then the agent's own columns
 * (losses, entropy, epsilon, ...).
 *
 * @param agent       names the chart panels
 * @param extra       the agent's own column names
 * @param rows        one per update
 * @param chartColumn index into {@code extra} of the column the second chart panel shows
 */
public record RlCurve(String agent, List<String> extra, List<Row> rows, int chartColumn) {
    public RlCurve {
        extra = List.copyOf(extra);
        rows = List.copyOf(rows);
    }

    /** One update of the curve; {@code extra} in the order of the curve's column names. */
    public record Row(int update, long envSteps, double meanReward, double failedShare, double... extra) {
    }

    /** Writes the curve as CSV and, if {@code png} is not null, as a PNG chart (reward and failures; the column). */
    public void write(Path csv, Path png) throws IOException {
        try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(csv, StandardCharsets.UTF_8))) {
            w.println("update,env_steps,mean_reward,failed_share" + (extra.isEmpty() ? "" : "," + String.join(",",
                    extra)));
            for (Row u : rows) {
                StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%d,%d,%.6f,%.6f", u.update(),
                        u.envSteps(), u.meanReward(), u.failedShare()));
                for (double v : u.extra()) {
                    line.append(String.format(Locale.ROOT, ",%.6f", v));
                }
                w.println(line);
            }
        }
        if (png == null) {
            return;
        }
        // by update: consecutive updates can share an env-step count (credited transitions were already waiting)
        double[] x = rows.stream().mapToDouble(Row::update).toArray();
        List<Charts.Line> reward = List.of(
                new Charts.Line("mean reward per decision", x,
                        rows.stream().mapToDouble(Row::meanReward).toArray(), Charts.Style.LINE, 0),
                new Charts.Line("failed share", x,
                        rows.stream().mapToDouble(Row::failedShare).toArray(), Charts.Style.LINE, 1));
        String column = extra.get(chartColumn);
        List<Charts.Line> second = new ArrayList<>();
        second.add(new Charts.Line(column.replace('_', ' '), x,
                rows.stream().mapToDouble(r -> r.extra()[chartColumn]).toArray(), Charts.Style.LINE, 0));
        ChartImage img = Charts.panels(List.of(
                Charts.Axes.of("update", "per decision").titled(agent + ": training batches"),
                Charts.Axes.of("update", column.replace('_', ' ')).titled(agent + ": " + column.replace('_', ' '))),
                List.of(reward, second), 640, 420);
        Files.write(png, img.png());
    }
}
