package org.offload.report;

import java.awt.BasicStroke;
import java.io.IOException;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * A line chart in the report's style (colours, markers, fonts of the sweep charts) for data that is not a
 * policy-by-device-count sweep: any x values, one line per series, optional 95% CI error bars. Used by the AIGC
 * experiments (offload-aigc) and learning curves.
 */
public final class LineChart {
    /** One line: its name, x values, y values and half-widths of the error bars (null for none). */
    public record Series(String name, double[] x, double[] y, double[] err) {
    }

    static {
        System.setProperty("java.awt.headless", "true");
    }

    private LineChart() {
    }

    /**
     * The chart as PNG bytes. {@code fromZero} starts the y axis at 0; {@code markers} draws point markers (off
     * for long curves).
     */
    public static byte[] png(String title, String xLabel, String yLabel, List<Series> series, boolean fromZero,
                             boolean markers) throws IOException {
        XYChart chart = new XYChartBuilder().width(Charts.WIDTH).height(Charts.HEIGHT).title(title)
                .xAxisTitle(xLabel).yAxisTitle(yLabel).build();
        Charts.style(chart.getStyler());
        chart.getStyler().setXAxisDecimalPattern(null);
        int k = 0;
        for (Series s : series) {
            XYSeries xy = s.err() == null ? chart.addSeries(s.name(), s.x(), s.y())
                    : chart.addSeries(s.name(), s.x(), s.y(), s.err());
            xy.setMarker(markers ? Charts.MARKERS[k % Charts.MARKERS.length] : SeriesMarkers.NONE);
            xy.setMarkerColor(Charts.COLORS[k % Charts.COLORS.length]);
            xy.setLineColor(Charts.COLORS[k % Charts.COLORS.length]);
            xy.setLineStyle(new BasicStroke(2.2f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
            k++;
        }
        if (series.isEmpty()) {
            chart.addSeries("no data", new double[] {0}, new double[] {0}).setMarker(SeriesMarkers.NONE);
        }
        if (fromZero) {
            chart.getStyler().setYAxisMin(0.0);
        }
        return BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
    }
}
