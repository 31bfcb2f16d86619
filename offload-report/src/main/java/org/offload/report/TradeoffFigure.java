package org.offload.report;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.offload.experiment.Estimate;
import org.offload.experiment.Metric;

/**
 * A trade-off figure: metric y against metric x, each point the means of one line (policy) at one x of the sweep
 * (a device count or a value of the varied key), joined in x order, so that a threshold sweep draws its
 * accuracy-latency curve. Intervals are in the tables below the figure.
 */
final class TradeoffFigure {
    private TradeoffFigure() {
    }

    static String id(Metric x, Metric y) {
        return "tradeoff_" + y.column() + "_vs_" + x.column();
    }

    static String title(Metric x, Metric y) {
        return "Trade-off: " + strip(y.label()) + " against " + strip(x.label());
    }

    private static String strip(String label) {
        return label.replaceAll(" \\([^)]*\\)$", "").toLowerCase(java.util.Locale.ROOT);
    }

    static ChartImage draw(SweepData d, Metric x, Metric y) throws IOException {
        List<Charts.Line> lines = new ArrayList<>();
        int k = 0;
        for (SweepData.Line l : d.lines()) {
            List<double[]> pts = new ArrayList<>();
            for (SweepData.X at : d.xs()) {
                Estimate ex = d.estimate(l, at, x);
                Estimate ey = d.estimate(l, at, y);
                if (Double.isFinite(ex.mean()) && Double.isFinite(ey.mean())) {
                    pts.add(new double[] {ex.mean() * x.displayScale(), ey.mean() * y.displayScale()});
                }
            }
            if (!pts.isEmpty()) {
                lines.add(new Charts.Line(l.name(), pts.stream().mapToDouble(p -> p[0]).toArray(),
                        pts.stream().mapToDouble(p -> p[1]).toArray(), Charts.Style.LINE_MARKERS, k));
            }
            k++;
        }
        return Charts.lines(Charts.Axes.of(x.label(), y.label()), lines);
    }
}
