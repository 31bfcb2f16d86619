package org.offload.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.XYStyler;
import org.knowm.xchart.style.markers.Marker;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.offload.experiment.AggregateRow;
import org.offload.experiment.Estimate;

/** Draws report charts with XChart, off-screen. */
final class Charts {
    static final int WIDTH = 800;
    static final int HEIGHT = 500;

    /** Okabe-Ito colours (distinguishable with colour-vision deficiencies), yellow left out. */
    static final Color[] COLORS = {new Color(0x0072B2), new Color(0xD55E00), new Color(0x009E73),
            new Color(0xCC79A7), new Color(0xE69F00), new Color(0x56B4E9), new Color(0x222222),
            new Color(0x999999)};
    static final Marker[] MARKERS = {SeriesMarkers.CIRCLE, SeriesMarkers.SQUARE, SeriesMarkers.DIAMOND,
            SeriesMarkers.TRIANGLE_UP, SeriesMarkers.TRIANGLE_DOWN, SeriesMarkers.CROSS, SeriesMarkers.OVAL,
            SeriesMarkers.RECTANGLE};
    private static final String FONT = Font.SANS_SERIF;
    /** Horizontal offset between the policies' points at one device count, as a share of the x range. */
    private static final double DODGE = 0.008;

    private Charts() {
    }

    /**
     * The chart as PNG bytes: one line per policy (in order), points at the means, 95% CI error bars. The
     * policies' points are set slightly apart horizontally so that their error bars do not overlap.
     */
    static byte[] png(ChartSpec spec, List<String> policies, List<AggregateRow> rows) throws IOException {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(spec.title())
                .xAxisTitle("Number of IoT devices").yAxisTitle(spec.axisLabel()).build();
        style(chart.getStyler());
        double minX = rows.stream().mapToDouble(AggregateRow::devices).min().orElse(0);
        double maxX = rows.stream().mapToDouble(AggregateRow::devices).max().orElse(0);
        double dodge = DODGE * (maxX > minX ? maxX - minX : Math.max(1, maxX));
        boolean negative = false;
        int series = 0;
        for (String policy : policies) {
            List<Double> x = new ArrayList<>();
            List<Double> y = new ArrayList<>();
            List<Double> err = new ArrayList<>();
            for (AggregateRow r : rows) {
                Estimate e = r.estimate(spec.metric());
                if (!r.policy().equals(policy) || !Double.isFinite(e.mean())) {
                    continue;
                }
                double half = e.halfWidth();
                x.add(r.devices() + (series - (policies.size() - 1) / 2.0) * dodge);
                y.add(e.mean() * spec.scale());
                err.add(Double.isFinite(half) ? half * spec.scale() : 0);
                negative |= e.ci95Low() < 0;
            }
            if (x.isEmpty()) {
                series++;
                continue;
            }
            XYSeries s = chart.addSeries(policy, x, y, err);
            s.setMarker(MARKERS[series % MARKERS.length]);
            s.setMarkerColor(COLORS[series % COLORS.length]);
            s.setLineColor(COLORS[series % COLORS.length]);
            s.setLineStyle(new BasicStroke(2.2f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
            series++;
        }
        if (chart.getSeriesMap().isEmpty()) {
            chart.addSeries("no data", new double[] {0}, new double[] {0}).setMarker(SeriesMarkers.NONE);
        } else if (minX == maxX) {
            chart.getStyler().setXAxisMin(minX * 0.8);
            chart.getStyler().setXAxisMax(maxX * 1.2);
        } else {
            double pad = (policies.size() / 2.0 + 1) * dodge;
            chart.getStyler().setXAxisMin(minX - pad);
            chart.getStyler().setXAxisMax(maxX + pad);
        }
        if (!negative) {
            chart.getStyler().setYAxisMin(0.0);
        }
        return BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
    }

    static void style(XYStyler st) {
        st.setChartBackgroundColor(Color.WHITE);
        st.setPlotBackgroundColor(Color.WHITE);
        st.setPlotBorderVisible(true);
        st.setPlotBorderColor(new Color(0xC8CDD2));
        st.setPlotGridLinesColor(new Color(0xE6E9EC));
        st.setPlotGridLinesStroke(new BasicStroke(1f));
        st.setChartFontColor(new Color(0x1F2933));
        st.setAxisTickLabelsColor(new Color(0x3E4C59));
        st.setChartTitleFont(new Font(FONT, Font.BOLD, 19));
        st.setChartTitleBoxVisible(false);
        st.setChartTitlePadding(10);
        st.setAxisTitleFont(new Font(FONT, Font.PLAIN, 15));
        st.setAxisTickLabelsFont(new Font(FONT, Font.PLAIN, 13));
        st.setLegendFont(new Font(FONT, Font.PLAIN, 14));
        st.setLegendPosition(Styler.LegendPosition.OutsideS);
        st.setLegendLayout(Styler.LegendLayout.Horizontal);
        st.setLegendBorderColor(Color.WHITE);
        st.setLegendBackgroundColor(Color.WHITE);
        st.setLegendSeriesLineLength(28);
        st.setChartPadding(14);
        st.setMarkerSize(9);
        st.setErrorBarsColorSeriesColor(true);
        st.setXAxisDecimalPattern("#,##0");
        st.setAntiAlias(true);
        st.setSeriesColors(COLORS);
        st.setSeriesMarkers(MARKERS);
        st.setToolTipsEnabled(false);
    }
}
