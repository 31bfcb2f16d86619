package org.offload.profile;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

import org.offload.profile.measure.ProfileRow;
import org.offload.report.ChartImage;
import org.offload.report.Charts;

/** PNG charts of a profile data set, drawn by offload-report's {@link Charts}. */
public final class Plots {
    private Plots() {
    }

    /** Latency per sample vs FLOPs per sample, one series per family (inference, one hardware profile). */
    public static void latencyVsFlops(List<ProfileRow> rows, String hw, Path png) throws IOException {
        scatter(rows.stream().filter(r -> r.inference() && r.hw().equals(hw)).toList(),
                "Inference latency vs FLOPs (" + hw + ", per batch)", "FLOPs per batch", "latency per batch (ms)",
                r -> (double) r.flops() * r.batch(), ProfileRow::latencyMeanMs, png);
    }

    /** Peak resident memory added vs parameters, one series per family (inference, all hardware profiles). */
    public static void memoryVsParams(List<ProfileRow> rows, Path png) throws IOException {
        scatter(rows.stream().filter(ProfileRow::inference).toList(), "Peak memory added vs parameters",
                "parameters", "peak resident memory added (MB)", r -> (double) r.params(), ProfileRow::memPeakAddedMb,
                png);
    }

    static void scatter(List<ProfileRow> rows, String title, String xTitle, String yTitle, ToDoubleFunction<ProfileRow> x,
                        ToDoubleFunction<ProfileRow> y, Path png) throws IOException {
        Map<String, List<ProfileRow>> byFamily = new LinkedHashMap<>();
        for (ProfileRow r : rows) {
            if (x.applyAsDouble(r) > 0 && y.applyAsDouble(r) > 0) {
                byFamily.computeIfAbsent(r.family(), k -> new ArrayList<>()).add(r);
            }
        }
        List<Charts.Line> series = new ArrayList<>();
        int i = 0;
        for (Map.Entry<String, List<ProfileRow>> e : byFamily.entrySet()) {
            series.add(new Charts.Line(e.getKey(), e.getValue().stream().mapToDouble(x).toArray(),
                    e.getValue().stream().mapToDouble(y).toArray(), Charts.Style.POINTS, i++));
        }
        if (byFamily.isEmpty()) {
            series.add(new Charts.Line("no data", new double[] {1}, new double[] {1}, Charts.Style.POINTS, 0));
        }
        ChartImage img = Charts.lines(new Charts.Axes(xTitle, yTitle, true, true, false, title), series);
        Files.write(png, img.png());
    }
}
