package org.offload.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.offload.experiment.AggregateRow;
import org.offload.experiment.Estimate;
import org.offload.experiment.Metric;
import org.offload.experiment.Range;
import org.offload.experiment.RunResult;
import org.offload.experiment.SweepAxis;

/**
 * A sweep report's numbers (its aggregate rows and runs) seen as lines over an x axis. Without a varied key, x is
 * the number of devices and each policy is a line. With one ({@link SweepAxis}), x is the key's value and each
 * policy is a line, or each policy at each device count when the sweep is a grid of the key × device counts.
 */
final class SweepData {
    /** One line of the charts and one row of the tables: a policy, at a fixed device count in a grid. */
    record Line(String name, String policy, Integer devices) {
    }

    /** One x position: its label in tables and its value on the axis; a value of the key or a device count. */
    record X(String label, double value, String axisValue, Integer devices) {
    }

    private static final String DEVICES_LABEL = "Number of IoT devices";

    private final List<AggregateRow> rows;
    private final List<RunResult> runs;
    private final List<String> policies;
    private final SweepAxis axis;
    private final List<Line> lines = new ArrayList<>();
    private final List<X> xs = new ArrayList<>();

    SweepData(List<AggregateRow> rows, List<RunResult> runs, List<String> policies, SweepAxis axis) {
        this.rows = rows;
        this.runs = runs;
        this.policies = policies;
        this.axis = axis;
        List<Integer> devices = rows.stream().map(AggregateRow::devices).distinct().sorted().toList();
        if (axis == null) {
            devices.forEach(d -> xs.add(new X(String.format(Locale.ROOT, "%,d", d), d, null, d)));
            policies.forEach(p -> lines.add(new Line(p, p, null)));
        } else {
            List<String> values = new ArrayList<>(axis.values());
            rows.stream().map(AggregateRow::axisValue).filter(v -> v != null && !values.contains(v)).distinct()
                    .forEach(values::add);
            values.forEach(v -> xs.add(new X(v, Double.parseDouble(v), v, null)));
            for (String p : policies) {
                for (int d : devices) {
                    lines.add(new Line(devices.size() == 1 ? p : p + " (" + d + " devices)", p, d));
                }
            }
        }
    }

    /** The varied key, or null. */
    SweepAxis axis() {
        return axis;
    }

    List<String> policies() {
        return policies;
    }

    List<Line> lines() {
        return lines;
    }

    List<X> xs() {
        return xs;
    }

    List<RunResult> runs() {
        return runs;
    }

    /** The x axis's label: the varied key, or the number of devices. */
    String xLabel() {
        return axis == null ? DEVICES_LABEL : axis.key();
    }

    /**
     * Whether charts use a logarithmic x axis: for a varied key whose values are all positive and span a factor of
     * 20 or more (a bandwidth sweep 1..100), never for devices (as before).
     */
    boolean logX() {
        if (axis == null) {
            return false;
        }
        double min = xs.stream().mapToDouble(X::value).min().orElse(0);
        double max = xs.stream().mapToDouble(X::value).max().orElse(0);
        return min > 0 && max / min >= 20;
    }

    /** Whether a run belongs to line {@code l} at {@code x}. */
    boolean at(RunResult r, Line l, X x) {
        int d = x.devices() != null ? x.devices() : l.devices();
        return r.point().policy().equals(l.policy()) && r.point().devices() == d
                && Objects.equals(r.point().axisValue(), x.axisValue());
    }

    Estimate estimate(Line l, X x, Metric m) {
        int d = x.devices() != null ? x.devices() : l.devices();
        return rows.stream().filter(r -> r.policy().equals(l.policy()) && r.devices() == d
                && Objects.equals(r.axisValue(), x.axisValue())).findFirst().map(r -> r.estimate(m))
                .orElse(Estimate.EMPTY);
    }

    /** Whether any run has a value of {@code m} (metrics such as the Age of Information may be absent). */
    boolean measured(Metric m) {
        return runs.stream().anyMatch(r -> Double.isFinite(r.value(m)));
    }

    /** Metric {@code m} of each run of line {@code l} at {@code x}, by replication. */
    Map<Integer, Double> values(Line l, X x, Metric m) {
        Map<Integer, Double> out = new LinkedHashMap<>();
        runs.stream().filter(r -> at(r, l, x))
                .sorted((a, b) -> Integer.compare(a.point().replication(), b.point().replication()))
                .forEach(r -> out.put(r.point().replication(), r.value(m)));
        return out;
    }

    List<Charts.EstimateSeries> series(Metric m) {
        List<Charts.EstimateSeries> out = new ArrayList<>();
        for (Line l : lines) {
            double[] x = new double[xs.size()];
            Estimate[] e = new Estimate[xs.size()];
            double[][] reps = new double[xs.size()][];
            for (int i = 0; i < x.length; i++) {
                x[i] = xs.get(i).value();
                e[i] = estimate(l, xs.get(i), m);
                reps[i] = values(l, xs.get(i), m).values().stream().mapToDouble(Double::doubleValue).toArray();
            }
            out.add(new Charts.EstimateSeries(l.name(), x, e, reps));
        }
        return out;
    }

    /** The baseline's line at the same device count as {@code l}, or null. */
    Line baselineOf(Line l, String base) {
        return lines.stream().filter(b -> b.policy().equals(base) && Objects.equals(b.devices(), l.devices()))
                .findFirst().orElse(null);
    }

    /** The lines of policies other than {@code base}. */
    List<Line> others(String base) {
        return lines.stream().filter(l -> !l.policy().equals(base)).toList();
    }

    Estimate pairedEstimate(Line l, Line b, X x, Metric m) {
        Map<Integer, Double> a = values(l, x, m);
        Map<Integer, Double> c = values(b, x, m);
        List<Integer> reps = new ArrayList<>(a.keySet());
        reps.retainAll(c.keySet());
        double[] u = reps.stream().mapToDouble(a::get).toArray();
        double[] v = reps.stream().mapToDouble(c::get).toArray();
        return Estimate.pairedDifference(u, v, m.range());
    }

    List<Charts.EstimateSeries> paired(Metric m, String base) {
        List<Charts.EstimateSeries> out = new ArrayList<>();
        for (Line l : others(base)) {
            Line b = baselineOf(l, base);
            double[] x = new double[xs.size()];
            Estimate[] e = new Estimate[xs.size()];
            double[][] reps = new double[xs.size()][];
            for (int i = 0; i < x.length; i++) {
                x[i] = xs.get(i).value();
                e[i] = pairedEstimate(l, b, xs.get(i), m);
                Map<Integer, Double> u = values(l, xs.get(i), m);
                Map<Integer, Double> v = values(b, xs.get(i), m);
                reps[i] = u.keySet().stream().filter(v::containsKey).mapToDouble(r -> u.get(r) - v.get(r))
                        .toArray();
            }
            out.add(new Charts.EstimateSeries(l.name() + " − " + b.name(), x, e, reps));
        }
        return out;
    }

    String table(Metric m, String unit) {
        return table(lines, m, unit, null);
    }

    String table(List<Line> which, Metric m, String unit, String heading) {
        int minN = rows.stream().mapToInt(AggregateRow::n).min().orElse(0);
        int maxN = rows.stream().mapToInt(AggregateRow::n).max().orElse(0);
        String caption = (heading == null ? "" : ReportPage.esc(heading) + ". ")
                + (unit.isEmpty() ? "" : "In " + ReportPage.esc(unit) + ". ")
                + "Mean [95% CI] over n = " + (minN == maxN ? Integer.toString(minN) : minN + "–" + maxN)
                + " runs.";
        return ReportPage.estimateTable(xLabel(), xs.stream().map(X::label).toList(),
                which.stream().map(Line::name).toList(), r -> xs.stream().map(x -> estimate(which.get(r), x, m))
                        .toArray(Estimate[]::new), m.displayScale(), m.integral() && m.displayScale() == 1, caption);
    }

    String pairedTable(Metric m, String base, String unit) {
        List<Line> others = others(base);
        return ReportPage.estimateTable(xLabel(), xs.stream().map(X::label).toList(),
                others.stream().map(l -> l.name() + " − " + baselineOf(l, base).name()).toList(),
                r -> xs.stream().map(x -> pairedEstimate(others.get(r), baselineOf(others.get(r), base), x, m))
                        .toArray(Estimate[]::new),
                m.displayScale(), false, "Mean per-replication difference [95% CI] (" + ReportPage.esc(unit
                        .isEmpty() ? "count" : unit.equals("%") ? "percentage points" : unit)
                        + "); an interval that excludes 0 is a difference the replications support.");
    }

    /** A metric's unit as charts and tables show it. */
    static String unit(Metric m) {
        String c = m.column();
        return m.range() == Range.FRACTION || c.endsWith("_pct") ? "%" : c.endsWith("_s") ? "s" : c.endsWith("_j") ? "J"
                : "";
    }
}
