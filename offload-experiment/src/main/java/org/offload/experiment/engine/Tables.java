package org.offload.experiment.engine;

import java.io.IOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.offload.experiment.Estimate;
import org.offload.experiment.MetricDef;
import org.offload.io.AtomicFiles;

/**
 * A study's tables from its outcomes: the estimates per policy and point ({@link #groups}), the paired differences
 * against a baseline policy ({@link #paired}), and their CSV files (RFC 4180, {@code \n} line ends, numbers in plain
 * notation, an empty cell where a value is missing). Column names are the metrics' (their unit as suffix);
 * aggregates add {@code _mean}, {@code _ci95_low}, {@code _ci95_high}; paired differences {@code _diff_mean} and
 * its interval.
 */
public final class Tables {
    /** One row per finished run. */
    public static final String RUNS_FILE = "sweep.csv";
    /** One row per policy and point. */
    public static final String AGGREGATE_FILE = "aggregate.csv";
    /** One row per policy other than the baseline and point. */
    public static final String PAIRED_FILE = "paired.csv";

    private Tables() {
    }

    /**
     * Groups the outcomes by policy and point (policies in the study's order, points in order of first appearance)
     * and estimates every metric over each group's finished runs, taken in replication order.
     */
    public static <K extends RunKey> List<Group> groups(Study<K> study, List<Outcome<K>> outcomes) {
        List<? extends MetricDef> metrics = study.metrics();
        Map<String, Map<Point, List<Outcome<K>>>> by = new LinkedHashMap<>();
        study.policies().forEach(p -> by.put(p, new LinkedHashMap<>()));
        for (Outcome<K> o : outcomes) {
            by.computeIfAbsent(o.run().policy(), k -> new LinkedHashMap<>())
                    .computeIfAbsent(o.run().point(), k -> new ArrayList<>()).add(o);
        }
        List<Point> points = new ArrayList<>();
        for (Outcome<K> o : outcomes) {
            if (!points.contains(o.run().point())) {
                points.add(o.run().point());
            }
        }
        List<Group> out = new ArrayList<>();
        for (Map.Entry<String, Map<Point, List<Outcome<K>>>> e : by.entrySet()) {
            for (Point p : points) {
                List<Outcome<K>> at = new ArrayList<>(e.getValue().getOrDefault(p, List.of()));
                at.removeIf(o -> !o.ok());
                at.sort((a, b) -> Integer.compare(a.run().replication(), b.run().replication()));
                List<double[]> values = new ArrayList<>();
                List<Estimate> est = new ArrayList<>();
                for (int m = 0; m < metrics.size(); m++) {
                    double[] v = new double[at.size()];
                    for (int i = 0; i < v.length; i++) {
                        v[i] = at.get(i).value(m);
                    }
                    values.add(v);
                    est.add(Estimate.of(v, metrics.get(m).range()));
                }
                out.add(new Group(e.getKey(), p, at.stream().map(o -> o.run().replication()).toList(), values,
                        est));
            }
        }
        return out;
    }

    /** Paired difference of one metric between a policy and the baseline at one point. */
    public record Paired(String policy, String baseline, Point point, List<Estimate> differences) {
        public Estimate difference(int metric) {
            return differences.get(metric);
        }

        /** Pairs with both runs finished (the same for every metric unless a metric is missing in a run). */
        public int n() {
            return differences.isEmpty() ? 0 : differences.get(0).n();
        }
    }

    /**
     * For every policy but {@code baseline} and every point: per metric, the mean and 95% interval of the
     * per-replication differences {@code policy - baseline} (common random numbers pair them by replication).
     */
    public static List<Paired> paired(List<? extends MetricDef> metrics, List<Group> groups, String baseline) {
        List<Paired> out = new ArrayList<>();
        for (Group g : groups) {
            if (g.policy().equals(baseline)) {
                continue;
            }
            Group b = groups.stream().filter(x -> x.policy().equals(baseline) && x.point().equals(g.point()))
                    .findFirst().orElse(null);
            if (b == null) {
                continue;
            }
            List<Integer> reps = new ArrayList<>(g.replications());
            reps.retainAll(b.replications());
            List<Estimate> diffs = new ArrayList<>();
            for (int m = 0; m < metrics.size(); m++) {
                double[] x = new double[reps.size()];
                double[] y = new double[reps.size()];
                for (int i = 0; i < reps.size(); i++) {
                    x[i] = g.values(m)[g.replications().indexOf(reps.get(i))];
                    y[i] = b.values(m)[b.replications().indexOf(reps.get(i))];
                }
                diffs.add(Estimate.pairedDifference(x, y, metrics.get(m).range()));
            }
            out.add(new Paired(g.policy(), baseline, g.point(), diffs));
        }
        return out;
    }

    /** Writes {@value #RUNS_FILE}: {@code policy}, the point's coordinates, {@code replication, seed}, metrics. */
    public static <K extends RunKey> void writeRuns(Path file, List<? extends MetricDef> metrics,
                                                    List<Outcome<K>> outcomes) throws IOException {
        AtomicFiles.write(file, out -> {
            List<String> header = new ArrayList<>(List.of("policy"));
            List<Outcome<K>> done = outcomes.stream().filter(Outcome::ok).toList();
            if (!outcomes.isEmpty()) {
                header.addAll(outcomes.get(0).run().point().names());
            }
            header.addAll(List.of("replication", "seed"));
            metrics.forEach(m -> header.add(m.column()));
            line(out, header);
            for (Outcome<K> o : done) {
                List<String> row = new ArrayList<>(List.of(o.run().policy()));
                o.run().point().coordinates().values().forEach(row::add);
                row.add(Integer.toString(o.run().replication()));
                row.add(Long.toString(o.run().seed()));
                for (int m = 0; m < metrics.size(); m++) {
                    row.add(number(o.value(m), metrics.get(m).integral()));
                }
                line(out, row);
            }
        });
    }

    /** Writes {@value #AGGREGATE_FILE}: {@code policy}, coordinates, {@code n}, then each metric's estimate. */
    public static void writeAggregate(Path file, List<? extends MetricDef> metrics, List<Group> groups)
            throws IOException {
        AtomicFiles.write(file, out -> {
            List<String> header = new ArrayList<>(List.of("policy"));
            if (!groups.isEmpty()) {
                header.addAll(groups.get(0).point().names());
            }
            header.add("n");
            metrics.forEach(m -> header.addAll(List.of(m.column() + "_mean", m.column() + "_ci95_low",
                    m.column() + "_ci95_high")));
            line(out, header);
            for (Group g : groups) {
                List<String> row = new ArrayList<>(List.of(g.policy()));
                g.point().coordinates().values().forEach(row::add);
                row.add(Integer.toString(g.n()));
                for (int m = 0; m < metrics.size(); m++) {
                    estimate(row, g.estimate(m));
                }
                line(out, row);
            }
        });
    }

    /** Writes {@value #PAIRED_FILE}: {@code policy, baseline}, coordinates, {@code n}, each metric's difference. */
    public static void writePaired(Path file, List<? extends MetricDef> metrics, List<Paired> paired)
            throws IOException {
        AtomicFiles.write(file, out -> {
            List<String> header = new ArrayList<>(List.of("policy", "baseline"));
            if (!paired.isEmpty()) {
                header.addAll(paired.get(0).point().names());
            }
            header.add("n");
            metrics.forEach(m -> header.addAll(List.of(m.column() + "_diff_mean", m.column() + "_diff_ci95_low",
                    m.column() + "_diff_ci95_high")));
            line(out, header);
            for (Paired p : paired) {
                List<String> row = new ArrayList<>(List.of(p.policy(), p.baseline()));
                p.point().coordinates().values().forEach(row::add);
                row.add(Integer.toString(p.n()));
                for (int m = 0; m < metrics.size(); m++) {
                    estimate(row, p.difference(m));
                }
                line(out, row);
            }
        });
    }

    private static void estimate(List<String> row, Estimate e) {
        row.add(number(e.mean(), false));
        row.add(number(e.ci95Low(), false));
        row.add(number(e.ci95High(), false));
    }

    /** A number in plain notation; empty for NaN or infinity. */
    public static String number(double v, boolean integral) {
        if (!Double.isFinite(v)) {
            return "";
        }
        if (integral && v == Math.rint(v) && Math.abs(v) < 1e18) {
            return Long.toString((long) v);
        }
        return BigDecimal.valueOf(v).toPlainString();
    }

    static void line(Writer out, List<String> cells) throws IOException {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                out.write(',');
            }
            out.write(quote(cells.get(i)));
        }
        out.write('\n');
    }

    private static String quote(String s) {
        if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0) {
            return s;
        }
        return '"' + s.replace("\"", "\"\"") + '"';
    }
}
