package org.offload.profile;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.offload.profile.measure.ProfileRow;

/** PNG charts of a profile data set (XChart, off-screen). */
public final class Plots {
    static final Color[] COLORS = {new Color(0x0072B2), new Color(0xD55E00), new Color(0x009E73),
            new Color(0xCC79A7), new Color(0xE69F00), new Color(0x56B4E9), new Color(0x222222)};

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
        XYChart chart = new XYChartBuilder().width(800).height(520).title(title).xAxisTitle(xTitle).yAxisTitle(yTitle)
                .build();
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        chart.getStyler().setXAxisLogarithmic(true);
        chart.getStyler().setYAxisLogarithmic(true);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW);
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setMarkerSize(9);
        Map<String, List<ProfileRow>> byFamily = new LinkedHashMap<>();
        for (ProfileRow r : rows) {
            if (x.applyAsDouble(r) > 0 && y.applyAsDouble(r) > 0) {
                byFamily.computeIfAbsent(r.family(), k -> new ArrayList<>()).add(r);
            }
        }
        int i = 0;
        for (Map.Entry<String, List<ProfileRow>> e : byFamily.entrySet()) {
            double[] xs = e.getValue().stream().mapToDouble(x).toArray();
            double[] ys = e.getValue().stream().mapToDouble(y).toArray();
            XYSeries s = chart.addSeries(e.getKey(), xs, ys);
            s.setMarkerColor(COLORS[i % COLORS.length]);
            s.setMarker(SeriesMarkers.CIRCLE);
            i++;
        }
        if (byFamily.isEmpty()) {
            chart.addSeries("no data", new double[] {1}, new double[] {1});
        }
        BitmapEncoder.saveBitmap(chart, png.toString(), BitmapEncoder.BitmapFormat.PNG);
    }
}
