package org.offload.profile.tradeoff;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.IntConsumer;
import java.util.function.ToDoubleFunction;
import org.offload.engine.RandomStreams;
import org.offload.io.AtomicFiles;
import org.offload.metrics.GroupMetrics;
import org.offload.metrics.SimulationResult;
import org.offload.policy.PolicyRegistry;
import org.offload.policy.builtin.BuiltInPolicies;
import org.offload.report.Charts;
import org.offload.scenario.Scenario;
import org.offload.sim.OffloadSimulation;

/**
 * The accuracy / deadline-met / energy trade-off of {@code accuracy-aware} as V and the load (device count) vary,
 * against {@code profile-aware} with the largest and with the smallest model variant. Every point runs
 * {@code replications} seeds (common random numbers: replication r has the same seed for every policy and load) and
 * reports means. Writes {@value #CSV}, four charts and {@value #HTML} (self-contained, charts embedded).
 */
public final class TradeoffSweep {
    public static final String CSV = "tradeoff.csv";
    public static final String HTML = "tradeoff.html";

    /** A policy setting: a label, the registered policy, its options, and V (NaN for the baselines). */
    public record Setting(String label, String policy, Map<String, String> options, double v) {
    }

    /** Means over the replications of one (setting, devices) point. */
    public record Point(Setting setting, int devices, int replications, double meanAccuracy, double deadlineMetRate,
                        double energyPerTaskJ, double serviceTimeMeanS, double effectiveAccuracy, long tasks) {
    }

    private TradeoffSweep() {
    }

    /**
     * {@code accuracy-aware} at each V (with the long-term energy budget per task when {@code energyBudgetJ > 0}),
     * then the two fixed-variant baselines.
     */
    public static List<Setting> settings(List<Double> vs, double energyBudgetJ) {
        List<Setting> out = new ArrayList<>();
        for (double v : vs) {
            Map<String, String> options = energyBudgetJ > 0
                    ? Map.of("v", Double.toString(v), "energy_budget_j", Double.toString(energyBudgetJ))
                    : Map.of("v", Double.toString(v));
            out.add(new Setting("accuracy-aware V=" + fmt(v), "accuracy-aware", options, v));
        }
        out.add(new Setting("largest model", "profile-aware", Map.of("variant", "largest"), Double.NaN));
        out.add(new Setting("smallest model", "profile-aware", Map.of("variant", "smallest"), Double.NaN));
        return out;
    }

    public static List<Point> run(Scenario base, List<Setting> settings, List<Integer> devices, int replications,
                                  long seed, IntConsumer progress) {
        List<Point> out = new ArrayList<>();
        PolicyRegistry registry = BuiltInPolicies.registry();
        int done = 0;
        for (Setting s : settings) {
            for (int d : devices) {
                double acc = 0;
                double met = 0;
                double energy = 0;
                double service = 0;
                double eff = 0;
                long tasks = 0;
                int accN = 0;
                for (int r = 0; r < replications; r++) {
                    Scenario sc = base.withDevices(d).withSeed(RandomStreams.derive(seed, "replication", r))
                            .withPolicy(s.policy());
                    SimulationResult res = OffloadSimulation.builder(sc).registry(registry).policyOptions(s.options())
                            .build().run();
                    GroupMetrics g = res.overall();
                    if (Double.isFinite(g.meanAccuracy())) {
                        acc += g.meanAccuracy();
                        eff += g.meanAccuracy() * g.deadlineMetRate();
                        accN++;
                    }
                    met += g.deadlineMetRate();
                    energy += g.generated() > 0 ? g.energyJ() / g.generated() : 0;
                    service += g.serviceTimeS().mean();
                    tasks += g.generated();
                    progress.accept(++done);
                }
                out.add(new Point(s, d, replications, accN > 0 ? acc / accN : Double.NaN, met / replications,
                        energy / replications, service / replications, accN > 0 ? eff / accN : Double.NaN, tasks));
            }
        }
        return out;
    }

    public static void write(Path dir, List<Point> points, String title) throws IOException {
        Files.createDirectories(dir);
        AtomicFiles.write(dir.resolve(CSV), w -> {
            w.write("setting,policy,v,devices,replications,tasks,mean_accuracy,deadline_met_rate,effective_accuracy,"
                    + "energy_per_task_j,service_time_mean_s\n");
            for (Point p : points) {
                w.write(String.format(Locale.ROOT, "%s,%s,%s,%d,%d,%d,%.5f,%.5f,%.5f,%.6f,%.5f%n", p.setting().label(),
                        p.setting().policy(), Double.isNaN(p.setting().v()) ? "" : fmt(p.setting().v()), p.devices(),
                        p.replications(), p.tasks(), p.meanAccuracy(), p.deadlineMetRate(), p.effectiveAccuracy(),
                        p.energyPerTaskJ(), p.serviceTimeMeanS()));
            }
        });
        byte[] frontier = frontier(points);
        byte[] metV = versusV(points, "Deadline-met rate vs V", "deadline-met rate", Point::deadlineMetRate);
        byte[] accV = versusV(points, "Mean accuracy vs V", "mean top-1 accuracy", Point::meanAccuracy);
        byte[] enV = versusV(points, "Device energy per task vs V", "energy per task (J)", Point::energyPerTaskJ);
        Files.write(dir.resolve("tradeoff-frontier.png"), frontier);
        Files.write(dir.resolve("tradeoff-deadline-vs-v.png"), metV);
        Files.write(dir.resolve("tradeoff-accuracy-vs-v.png"), accV);
        Files.write(dir.resolve("tradeoff-energy-vs-v.png"), enV);
        StringBuilder h = new StringBuilder();
        h.append("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>").append(esc(title))
                .append("</title><style>body{font-family:sans-serif;max-width:900px;margin:2em auto}"
                        + "table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:2px 6px;text-align:right}"
                        + "th{background:#eee}td:first-child{text-align:left}</style></head><body>");
        h.append("<h1>").append(esc(title)).append("</h1>");
        h.append("<p>accuracy-aware (Lyapunov drift-plus-penalty, trade-off parameter V) against profile-aware with "
                + "the largest and with the smallest model variant. Effective accuracy = mean accuracy of completed "
                + "tasks x deadline-met rate (a missed deadline counts as no answer).</p>");
        for (byte[] png : List.of(frontier, metV, accV, enV)) {
            h.append("<p><img alt=\"chart\" width=\"800\" src=\"data:image/png;base64,")
                    .append(Base64.getEncoder().encodeToString(png)).append("\"></p>");
        }
        h.append("<table><tr><th>setting</th><th>devices</th><th>tasks</th><th>mean accuracy</th>"
                + "<th>deadline met</th><th>effective accuracy</th><th>energy/task (J)</th><th>service time (s)</th></tr>");
        for (Point p : points) {
            h.append(String.format(Locale.ROOT, "<tr><td>%s</td><td>%d</td><td>%d</td><td>%.4f</td><td>%.4f</td>"
                            + "<td>%.4f</td><td>%.4f</td><td>%.3f</td></tr>", esc(p.setting().label()), p.devices(),
                    p.tasks(), p.meanAccuracy(), p.deadlineMetRate(), p.effectiveAccuracy(), p.energyPerTaskJ(),
                    p.serviceTimeMeanS()));
        }
        h.append("</table></body></html>\n");
        AtomicFiles.write(dir.resolve(HTML), w -> w.write(h.toString()));
    }

    private static Map<Integer, List<Point>> byLoad(List<Point> points) {
        Map<Integer, List<Point>> out = new LinkedHashMap<>();
        points.stream().sorted((a, b) -> Integer.compare(a.devices(), b.devices()))
                .forEach(p -> out.computeIfAbsent(p.devices(), k -> new ArrayList<>()).add(p));
        return out;
    }

    /** Accuracy vs deadline-met: one line per load through the V values, baselines as separate markers. */
    static byte[] frontier(List<Point> points) throws IOException {
        List<Charts.Line> lines = new ArrayList<>();
        int i = 0;
        for (Map.Entry<Integer, List<Point>> e : byLoad(points).entrySet()) {
            int col = i++;
            List<Point> dpp = e.getValue().stream().filter(p -> !Double.isNaN(p.setting().v())).toList();
            if (!dpp.isEmpty()) {
                lines.add(new Charts.Line(e.getKey() + " devices, V sweep",
                        dpp.stream().mapToDouble(Point::deadlineMetRate).toArray(),
                        dpp.stream().mapToDouble(Point::meanAccuracy).toArray(), Charts.Style.LINE_MARKERS, col));
            }
            for (Point p : e.getValue()) {
                if (Double.isNaN(p.setting().v())) {
                    lines.add(new Charts.Line(p.setting().label() + ", " + e.getKey() + " devices",
                            new double[] {p.deadlineMetRate()}, new double[] {p.meanAccuracy()}, Charts.Style.POINTS,
                            col));
                }
            }
        }
        return Charts.lines(Charts.Axes.of("deadline-met rate", "mean top-1 accuracy of completed tasks")
                .titled("Accuracy vs deadline-met (lines: accuracy-aware over V)"), lines).png();
    }

    /** A metric of accuracy-aware vs V (log axis; V = 0 drawn at the smallest positive V / 10), one line per load. */
    static byte[] versusV(List<Point> points, String title, String yTitle, ToDoubleFunction<Point> metric)
            throws IOException {
        double minPos = points.stream().mapToDouble(p -> p.setting().v()).filter(v -> v > 0).min().orElse(1);
        double maxV = points.stream().mapToDouble(p -> p.setting().v()).filter(Double::isFinite).max().orElse(1);
        List<Charts.Line> lines = new ArrayList<>();
        int i = 0;
        for (Map.Entry<Integer, List<Point>> e : byLoad(points).entrySet()) {
            int col = i++;
            List<Point> dpp = e.getValue().stream().filter(p -> !Double.isNaN(p.setting().v())).toList();
            if (!dpp.isEmpty()) {
                lines.add(new Charts.Line(e.getKey() + " devices",
                        dpp.stream().mapToDouble(p -> p.setting().v() > 0 ? p.setting().v() : minPos / 10).toArray(),
                        dpp.stream().mapToDouble(metric).toArray(), Charts.Style.LINE_MARKERS, col));
            }
            for (Point p : e.getValue()) {
                if (Double.isNaN(p.setting().v())) {
                    double y = metric.applyAsDouble(p);
                    lines.add(new Charts.Line(null, new double[] {minPos / 10, Math.max(maxV, minPos)},
                            new double[] {y, y}, p.setting().label().startsWith("largest") ? Charts.Style.DASHED
                            : Charts.Style.DOTTED, col));
                }
            }
        }
        return Charts.lines(new Charts.Axes("V (0 drawn at the left edge)", yTitle, true, false, false,
                title + " (dashed: largest, dotted: smallest model)"), lines).png();
    }

    static String fmt(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e9) {
            return String.valueOf((long) v);
        }
        return String.valueOf(v);
    }

    private static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
