package org.offload.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.offload.experiment.Metric;
import org.offload.experiment.RunResult;
import org.offload.io.SummaryJson;

/**
 * The split-point figures of a sweep whose scenario has {@code dnn} applications: per policy (line), the share of
 * measured dnn tasks at each split point k (layers run on the device) at each x, summed over the replications from
 * each run's {@code summary.json} ({@code partitions.dnn_split_points}), and the mean split point with its interval
 * against x ({@link Metric#DNN_SPLIT_MEAN}).
 */
final class SplitFigures {
    static final String ID = "split_points";

    private SplitFigures() {
    }

    /** Whether any run measured dnn tasks. */
    static boolean any(Path dir, SweepData d) {
        return d.measured(Metric.DNN_SPLIT_MEAN);
    }

    static List<ReportBuilder.Figure> figures(Path dir, SweepData d) throws IOException {
        List<ReportBuilder.Figure> out = new ArrayList<>();
        Metric m = Metric.DNN_SPLIT_MEAN;
        out.add(new ReportBuilder.Figure(ID, "split_mean", "Mean split point", m.label() + " against " + d.xLabel(),
                "<p class=\"muted\">k = 0 is full offloading of the input, k = the network's layer count local "
                        + "execution; a scenario with several networks mixes their layer counts in this mean.</p>\n"
                        + d.table(m, ""), () -> Charts.estimates(d.xLabel(), m.label(), d.series(m), m.range(), 1,
                false, d.logX())));
        List<String> categories = d.xs().stream().map(SweepData.X::label).toList();
        for (SweepData.Line l : d.lines()) {
            TreeMap<Integer, long[]> counts = new TreeMap<>();
            long[] totals = new long[d.xs().size()];
            for (int i = 0; i < d.xs().size(); i++) {
                for (RunResult r : d.runs()) {
                    if (d.at(r, l, d.xs().get(i))) {
                        JsonNode points = SummaryJson.read(dir.resolve(r.point().relativeDir())
                                .resolve(SummaryJson.FILE_NAME)).at("/partitions/dnn_split_points");
                        for (Iterator<Map.Entry<String, JsonNode>> it = points.fields(); it.hasNext(); ) {
                            Map.Entry<String, JsonNode> e = it.next();
                            counts.computeIfAbsent(Integer.parseInt(e.getKey()), k -> new long[totals.length])[i]
                                    += e.getValue().asLong();
                            totals[i] += e.getValue().asLong();
                        }
                    }
                }
            }
            if (counts.isEmpty()) {
                continue;
            }
            Map<String, double[]> series = new java.util.LinkedHashMap<>();
            StringBuilder rows = new StringBuilder();
            for (Map.Entry<Integer, long[]> e : counts.entrySet()) {
                double[] share = new double[totals.length];
                rows.append("<tr><td>k = ").append(e.getKey()).append("</td>");
                for (int i = 0; i < share.length; i++) {
                    share[i] = totals[i] == 0 ? 0 : 100.0 * e.getValue()[i] / totals[i];
                    rows.append("<td>").append(e.getValue()[i]).append(totals[i] == 0 ? "" : String.format(Locale.ROOT,
                            " (%.1f%%)", share[i])).append("</td>");
                }
                rows.append("</tr>\n");
                series.put("k = " + e.getKey(), share);
            }
            StringBuilder table = new StringBuilder("<table><caption>Measured dnn tasks by split point, summed over "
                    + "the replications (share of the column)</caption>\n<tr><th>split point</th>");
            categories.forEach(c -> table.append("<th>").append(ReportPage.esc(c)).append("</th>"));
            table.append("</tr>\n").append(rows).append("</table>\n");
            String name = "split_points_" + l.name().replaceAll("[^A-Za-z0-9._-]", "_");
            out.add(new ReportBuilder.Figure(name, name, "Split points: " + l.name(), "Share of dnn tasks per split "
                    + "point against " + d.xLabel() + " for " + l.name(), table.toString(),
                    () -> Charts.stackedBars(d.xLabel(), "dnn tasks by split point (%)", categories, series)));
        }
        return out;
    }
}
