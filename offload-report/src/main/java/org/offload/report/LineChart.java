package org.offload.report;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A line chart for data that is not a sweep (learning curves, the AIGC study's series): any x values, one line per
 * series, optional error bars, drawn by {@link Charts#lines}, with a title (these charts stand alone as files).
 */
public final class LineChart {
    /** One line: its name, x values, y values and half-widths of the error bars (null for none). */
    public record Series(String name, double[] x, double[] y, double[] err) {
    }

    private LineChart() {
    }

    /**
     * The chart as PNG bytes. {@code fromZero} starts the y axis at 0; {@code markers} draws point markers (off
     * for long curves).
     */
    public static byte[] png(String title, String xLabel, String yLabel, List<Series> series, boolean fromZero,
                             boolean markers) throws IOException {
        List<Charts.Line> lines = new ArrayList<>();
        int k = 0;
        for (Series s : series) {
            lines.add(new Charts.Line(s.name(), s.x(), s.y(), s.err(),
                    markers ? Charts.Style.LINE_MARKERS : Charts.Style.LINE, k++));
        }
        return Charts.lines(new Charts.Axes(xLabel, yLabel, false, false, fromZero, title), lines).png();
    }
}
