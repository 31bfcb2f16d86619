package org.offload.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.AxesChartStyler;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.XYStyler;
import org.knowm.xchart.style.markers.Marker;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.offload.experiment.Estimate;
import org.offload.experiment.Range;

/**
 * Every chart of the project, drawn with XChart off-screen in one style (Okabe-Ito colours, one marker per series)
 * and without a title: the caption of the page or figure that shows a chart names it. Each method returns a
 * {@link ChartImage} (PNG, SVG, PDF).
 */
public final class Charts {
    public static final int WIDTH = 800;
    public static final int HEIGHT = 500;

    /** Okabe-Ito colours (distinguishable with colour-vision deficiencies), yellow left out. */
    static final Color[] COLORS = {new Color(0x0072B2), new Color(0xD55E00), new Color(0x009E73),
            new Color(0xCC79A7), new Color(0xE69F00), new Color(0x56B4E9), new Color(0x222222),
            new Color(0x999999)};
    static final Marker[] MARKERS = {SeriesMarkers.CIRCLE, SeriesMarkers.SQUARE, SeriesMarkers.DIAMOND,
            SeriesMarkers.TRIANGLE_UP, SeriesMarkers.TRIANGLE_DOWN, SeriesMarkers.CROSS, SeriesMarkers.OVAL,
            SeriesMarkers.RECTANGLE};
    private static final String FONT = Font.SANS_SERIF;
    /** Horizontal offset between the series' points at one x, as a share of the x range. */
    private static final double DODGE = 0.008;
    /** Below this many replications a point's replications are drawn as well as its interval. */
    public static final int SHOW_REPLICATIONS_BELOW = 5;

    static {
        System.setProperty("java.awt.headless", "true");
    }

    private Charts() {
    }

    /** Draws one chart (for {@link #drawAll}). */
    @FunctionalInterface
    public interface Drawing {
        ChartImage draw() throws IOException;
    }

    /**
     * Draws the charts on all processors (a report's many charts in three formats take seconds each way), returning
     * them in the given order; the images are the same as drawn one by one.
     */
    public static List<ChartImage> drawAll(List<Drawing> drawings) throws IOException {
        int threads = Math.max(1, Math.min(drawings.size(), Runtime.getRuntime().availableProcessors()));
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "charts");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<ChartImage>> futures = new ArrayList<>();
            for (Drawing d : drawings) {
                futures.add(pool.submit(d::draw));
            }
            List<ChartImage> out = new ArrayList<>();
            for (Future<ChartImage> f : futures) {
                out.add(f.get());
            }
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while drawing charts", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof IOException io ? io : new IOException("drawing a chart failed", e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    /** How a {@link Line} is drawn. */
    public enum Style { LINE, LINE_MARKERS, POINTS, DASHED, DOTTED }

    /** One line of {@link #lines}: its name (null: not in the legend), values, optional symmetric error bars. */
    public record Line(String name, double[] x, double[] y, double[] err, Style style, int colour) {
        public Line(String name, double[] x, double[] y, Style style, int colour) {
            this(name, x, y, null, style, colour);
        }
    }

    /**
     * Axes of {@link #lines}: labels, log scales, y from zero, and a title for charts that stand alone (a learning
     * curve's PNG); null for charts a page or figure caption names.
     */
    public record Axes(String xLabel, String yLabel, boolean logX, boolean logY, boolean yFromZero, String title) {
        public Axes(String xLabel, String yLabel, boolean logX, boolean logY, boolean yFromZero) {
            this(xLabel, yLabel, logX, logY, yFromZero, null);
        }

        public static Axes of(String xLabel, String yLabel) {
            return new Axes(xLabel, yLabel, false, false, false, null);
        }

        public Axes titled(String t) {
            return new Axes(xLabel, yLabel, logX, logY, yFromZero, t);
        }
    }

    /**
     * One series of {@link #estimates}: a policy's estimate at each x, and the values of its replications there
     * (drawn as small points when there are fewer than {@value #SHOW_REPLICATIONS_BELOW}).
     */
    public record EstimateSeries(String name, double[] x, Estimate[] estimates, double[][] replications) {
    }

    /** Lines (or points) with an optional error bar per point. */
    public static ChartImage lines(Axes axes, List<Line> lines) throws IOException {
        return ChartImage.of(lineChart(axes, lines, WIDTH, HEIGHT));
    }

    /** Several {@link #lines} charts side by side, each {@code width} × {@code height}. */
    public static ChartImage panels(List<Axes> axes, List<List<Line>> lines, int width, int height)
            throws IOException {
        List<XYChart> charts = new ArrayList<>();
        for (int i = 0; i < axes.size(); i++) {
            charts.add(lineChart(axes.get(i), lines.get(i), width, height));
        }
        return ChartImage.row(charts);
    }

    private static XYChart lineChart(Axes axes, List<Line> lines, int width, int height) {
        XYChart chart = xy(axes.xLabel(), axes.yLabel(), width, height);
        chart.getStyler().setChartTitleVisible(axes.title() != null);
        if (axes.title() != null) {
            chart.setTitle(axes.title());
            chart.getStyler().setChartTitleFont(new Font(FONT, Font.BOLD, 17));
            chart.getStyler().setChartTitleBoxVisible(false);
        }
        chart.getStyler().setXAxisDecimalPattern(null);
        chart.getStyler().setXAxisLogarithmic(axes.logX());
        chart.getStyler().setYAxisLogarithmic(axes.logY());
        int unnamed = 0;
        for (Line l : lines) {
            String name = l.name() != null ? l.name() : " ".repeat(++unnamed);
            XYSeries s = l.err() == null ? chart.addSeries(name, l.x(), l.y())
                    : chart.addSeries(name, l.x(), l.y(), l.err());
            Color c = COLORS[Math.floorMod(l.colour(), COLORS.length)];
            s.setLineColor(c);
            s.setMarkerColor(c);
            s.setShowInLegend(l.name() != null);
            s.setMarker(l.style() == Style.LINE_MARKERS || l.style() == Style.POINTS
                    ? MARKERS[Math.floorMod(l.colour(), MARKERS.length)] : SeriesMarkers.NONE);
            switch (l.style()) {
                case POINTS -> s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
                case DASHED -> s.setLineStyle(dashed(new float[] {8, 4}));
                case DOTTED -> s.setLineStyle(dashed(new float[] {2, 3}));
                default -> s.setLineStyle(new BasicStroke(2.2f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
            }
        }
        if (lines.isEmpty()) {
            noData(chart);
        }
        if (axes.yFromZero() && !axes.logY()) {
            chart.getStyler().setYAxisMin(0.0);
        }
        return chart;
    }

    /**
     * Means with their 95% intervals (which may be asymmetric) against x, one line per series, the series' points
     * set slightly apart so that their intervals do not overlap; replications drawn as points when there are few.
     * The y axis stays inside {@code range} (scaled by {@code scale}); {@code zeroLine} draws y = 0 (for
     * differences).
     */
    public static ChartImage estimates(String xLabel, String yLabel, List<EstimateSeries> series, Range range,
                                       double scale, boolean zeroLine) throws IOException {
        return estimates(xLabel, yLabel, series, range, scale, zeroLine, false);
    }

    /**
     * {@link #estimates(String, String, List, Range, double, boolean)}, on a logarithmic x axis when {@code logX}
     * (positive x only; the series are then set apart by a constant factor). Non-integer x values get decimal
     * tick labels.
     */
    public static ChartImage estimates(String xLabel, String yLabel, List<EstimateSeries> series, Range range,
                                       double scale, boolean zeroLine, boolean logX) throws IOException {
        XYChart chart = xy(xLabel, yLabel);
        double minX = Double.POSITIVE_INFINITY;
        double maxX = Double.NEGATIVE_INFINITY;
        boolean whole = true;
        for (EstimateSeries s : series) {
            for (double x : s.x()) {
                minX = Math.min(minX, x);
                maxX = Math.max(maxX, x);
                whole &= x == Math.rint(x);
            }
        }
        if (!whole || logX) {
            chart.getStyler().setXAxisDecimalPattern("#,##0.###");
        }
        chart.getStyler().setXAxisLogarithmic(logX);
        double dodge = logX ? DODGE * Math.log(maxX > minX ? maxX / minX : 10)
                : DODGE * (maxX > minX ? maxX - minX : Math.max(1, Math.abs(maxX)));
        java.util.function.DoubleBinaryOperator shift = logX ? (x, by) -> x * Math.exp(by) : Double::sum;
        double lowest = Double.POSITIVE_INFINITY;
        int k = 0;
        int hidden = 0;
        for (EstimateSeries s : series) {
            Color c = COLORS[k % COLORS.length];
            double off = (k - (series.size() - 1) / 2.0) * dodge;
            List<Double> x = new ArrayList<>();
            List<Double> y = new ArrayList<>();
            List<Double> rx = new ArrayList<>();
            List<Double> ry = new ArrayList<>();
            for (int i = 0; i < s.x().length; i++) {
                Estimate e = s.estimates()[i];
                if (e == null || !Double.isFinite(e.mean())) {
                    continue;
                }
                double xi = shift.applyAsDouble(s.x()[i], off);
                x.add(xi);
                y.add(e.mean() * scale);
                lowest = Math.min(lowest, e.ci95Low() * scale);
                if (e.n() > 1 && e.ci95High() > e.ci95Low()) {
                    XYSeries bar = chart.addSeries(" ".repeat(++hidden), new double[] {xi, xi},
                            new double[] {e.ci95Low() * scale, e.ci95High() * scale});
                    bar.setLineColor(c);
                    bar.setMarker(SeriesMarkers.NONE);
                    bar.setLineStyle(new BasicStroke(1.6f));
                    bar.setShowInLegend(false);
                }
                double[] reps = s.replications() == null ? null : s.replications()[i];
                if (reps != null && reps.length > 1 && reps.length < SHOW_REPLICATIONS_BELOW) {
                    for (double v : reps) {
                        if (Double.isFinite(v)) {
                            rx.add(shift.applyAsDouble(xi, dodge * 0.45));
                            ry.add(v * scale);
                            lowest = Math.min(lowest, v * scale);
                        }
                    }
                }
            }
            if (!x.isEmpty()) {
                XYSeries line = chart.addSeries(s.name(), x, y);
                line.setMarker(MARKERS[k % MARKERS.length]);
                line.setMarkerColor(c);
                line.setLineColor(c);
                line.setLineStyle(new BasicStroke(2.2f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
            }
            if (!rx.isEmpty()) {
                XYSeries pts = chart.addSeries(" ".repeat(++hidden), rx, ry);
                pts.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
                pts.setMarker(SeriesMarkers.CIRCLE);
                pts.setMarkerColor(new Color(c.getRed(), c.getGreen(), c.getBlue(), 120));
                pts.setShowInLegend(false);
            }
            k++;
        }
        if (chart.getSeriesMap().isEmpty()) {
            noData(chart);
        } else if (minX == maxX) {
            chart.getStyler().setXAxisMin(minX * 0.8);
            chart.getStyler().setXAxisMax(maxX * 1.2 + (maxX == 0 ? 1 : 0));
        } else {
            double pad = (series.size() / 2.0 + 1) * dodge;
            chart.getStyler().setXAxisMin(shift.applyAsDouble(minX, -pad));
            chart.getStyler().setXAxisMax(shift.applyAsDouble(maxX, pad));
        }
        if (zeroLine && Double.isFinite(minX)) {
            XYSeries zero = chart.addSeries(" ".repeat(++hidden), new double[] {minX, maxX}, new double[] {0, 0});
            zero.setLineColor(new Color(0x616E7C));
            zero.setMarker(SeriesMarkers.NONE);
            zero.setLineStyle(dashed(new float[] {5, 4}));
            zero.setShowInLegend(false);
        }
        if (!zeroLine && range != Range.REAL && lowest >= range.low() * scale) {
            chart.getStyler().setYAxisMin(range.low() * scale);
        }
        return ChartImage.of(chart);
    }

    /** Stacked bars: one bar per category, one stacked part per series (in order; all-zero series left out). */
    public static ChartImage stackedBars(String xLabel, String yLabel, List<String> categories,
                                         Map<String, double[]> series) throws IOException {
        CategoryChart chart = new CategoryChartBuilder().width(WIDTH).height(HEIGHT).xAxisTitle(xLabel)
                .yAxisTitle(yLabel).build();
        axesStyle(chart.getStyler());
        chart.getStyler().setChartTitleVisible(false);
        chart.getStyler().setStacked(true);
        chart.getStyler().setOverlapped(false);
        chart.getStyler().setAvailableSpaceFill(0.6);
        int k = 0;
        for (Map.Entry<String, double[]> e : series.entrySet()) {
            boolean any = false;
            for (double v : e.getValue()) {
                any |= v > 0;
            }
            if (any) {
                List<Double> ys = new ArrayList<>();
                for (double v : e.getValue()) {
                    ys.add(Double.isFinite(v) ? v : 0);
                }
                chart.addSeries(e.getKey(), categories, ys).setFillColor(COLORS[k % COLORS.length]);
            }
            k++;
        }
        if (chart.getSeriesMap().isEmpty()) {
            List<Double> zeros = new ArrayList<>();
            categories.forEach(c -> zeros.add(0.0));
            chart.addSeries("none", categories, zeros);
        }
        chart.getStyler().setYAxisMin(0.0);
        return ChartImage.of(chart);
    }

    /** An XY chart in the house style, without a title. */
    static XYChart xy(String xLabel, String yLabel) {
        return xy(xLabel, yLabel, WIDTH, HEIGHT);
    }

    private static XYChart xy(String xLabel, String yLabel, int width, int height) {
        XYChart chart = new XYChartBuilder().width(width).height(height).xAxisTitle(xLabel).yAxisTitle(yLabel)
                .build();
        XYStyler st = chart.getStyler();
        axesStyle(st);
        st.setChartTitleVisible(false);
        st.setMarkerSize(9);
        st.setErrorBarsColorSeriesColor(true);
        st.setXAxisDecimalPattern("#,##0");
        st.setSeriesColors(COLORS);
        st.setSeriesMarkers(MARKERS);
        return chart;
    }

    private static void axesStyle(AxesChartStyler st) {
        st.setChartBackgroundColor(Color.WHITE);
        st.setPlotBackgroundColor(Color.WHITE);
        st.setPlotBorderVisible(true);
        st.setPlotBorderColor(new Color(0xC8CDD2));
        st.setPlotGridLinesColor(new Color(0xE6E9EC));
        st.setPlotGridLinesStroke(new BasicStroke(1f));
        st.setChartFontColor(new Color(0x1F2933));
        st.setAxisTickLabelsColor(new Color(0x3E4C59));
        st.setAxisTitleFont(new Font(FONT, Font.PLAIN, 15));
        st.setAxisTickLabelsFont(new Font(FONT, Font.PLAIN, 13));
        st.setLegendFont(new Font(FONT, Font.PLAIN, 14));
        st.setLegendPosition(Styler.LegendPosition.OutsideS);
        st.setLegendLayout(Styler.LegendLayout.Horizontal);
        st.setLegendBorderColor(Color.WHITE);
        st.setLegendBackgroundColor(Color.WHITE);
        st.setLegendSeriesLineLength(28);
        st.setChartPadding(14);
        st.setAntiAlias(true);
        st.setToolTipsEnabled(false);
    }

    private static void noData(XYChart chart) {
        chart.addSeries("no data", new double[] {0}, new double[] {0}).setMarker(SeriesMarkers.NONE);
    }

    private static BasicStroke dashed(float[] pattern) {
        return new BasicStroke(1.8f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10, pattern, 0);
    }
}
