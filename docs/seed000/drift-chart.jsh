// Draws docs/seed000/drift-accuracy.png, drift-tradeoff.png, drift-tradeoff-energy.png and drift-meta.png from the sweeps that
// docs/seed000/drift-study.sh writes, with the report module's chart code (offload-report's LineChart), and prints
// the tables of docs/seed000.md section 4. Run from the repository root:
//   OUT=results/seed000-drift jshell --class-path offload-cli/target/offload.jar docs/seed000/drift-chart.jsh
import java.nio.file.*;
import java.util.*;
import org.offload.report.LineChart;

Path out = Path.of(System.getenv().getOrDefault("OUT", "results/seed000-drift"));

/** Rows of a CSV file as maps from column to text. */
List<Map<String, String>> csv(Path file) throws Exception {
    List<String> lines = Files.readAllLines(file);
    String[] head = lines.get(0).split(",", -1);
    List<Map<String, String>> rows = new ArrayList<>();
    for (String l : lines.subList(1, lines.size())) {
        String[] f = l.split(",", -1);
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < head.length; i++) m.put(head[i], f[i]);
        rows.add(m);
    }
    return rows;
}

double num(Map<String, String> row, String col) { return Double.parseDouble(row.get(col)); }

/** The mean accuracy time series of a sweep's runs (optionally only those with column key = value), averaged over replications. */
LineChart.Series timeSeries(String name, Path sweep, String key, String value) throws Exception {
    TreeMap<Double, double[]> sum = new TreeMap<>();
    try (var dirs = Files.walk(sweep.resolve("runs"))) {
        for (Path f : dirs.filter(p -> p.getFileName().toString().equals("drift.csv")).sorted().toList()) {
            if (key != null && !f.toString().contains("/" + key + "=" + value + "/")) continue;
            for (Map<String, String> r : csv(f)) {
                double[] s = sum.computeIfAbsent(num(r, "time_s"), t -> new double[2]);
                s[0] += num(r, "accuracy_mean"); s[1]++;
            }
        }
    }
    double[] x = new double[sum.size()], y = new double[sum.size()], e = new double[sum.size()];
    int i = 0;
    for (var en : sum.entrySet()) { x[i] = en.getKey(); y[i] = en.getValue()[0] / en.getValue()[1]; i++; }
    return new LineChart.Series(name, x, y, e);
}

String[] policies = {"none", "periodic", "selective", "budgeted"};
List<LineChart.Series> time = new ArrayList<>();
for (String p : policies) time.add(timeSeries(p, out.resolve("policy-" + p), null, null));
Files.write(Path.of("docs/seed000/drift-accuracy.png"), LineChart.png(
    "drift.yaml: accuracy over time per upload policy (3 seeds)", "Simulated time (s)",
    "Mean model accuracy of the 100 devices", time, true, false));

// per policy: accuracy, bytes, energy, retraining load and the inference tasks' service time, per replication
String[] cols = {"drift_accuracy_mean", "drift_upload_kb", "drift_energy_j", "drift_retrain_mi",
    "vm_utilization_edge_pct", "service_time_mean_s"};
System.out.println("| upload policy | accuracy (mean over window) | upload MB | energy J | retraining MI | edge VM % | service time s |");
for (String p : policies) {
    List<Map<String, String>> rows = csv(out.resolve("policy-" + p).resolve("sweep.csv"));
    StringBuilder line = new StringBuilder("| " + p);
    for (String c : cols) {
        double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY, s = 0; int n = 0;
        for (var r : rows) { double v = r.get(c).isEmpty() ? 0 : num(r, c); if (c.equals("drift_upload_kb")) v /= 1000; s += v; n++; lo = Math.min(lo, v); hi = Math.max(hi, v); }
        String f = c.equals("drift_accuracy_mean") ? "%.4f [%.4f, %.4f]" : c.equals("service_time_mean_s") ? "%.4f [%.4f, %.4f]" : "%.1f [%.1f, %.1f]";
        line.append(" | ").append(String.format(f, s / n, lo, hi));
    }
    System.out.println(line + " |");
}

// the trade-off: accuracy against MB uploaded, each policy over its own knob (means of 3 seeds)
List<LineChart.Series> trade = new ArrayList<>();
List<LineChart.Series> tradeJ = new ArrayList<>();
String[][] knobs = {{"periodic", "applications.CAMERA.drift.upload.period_s"},
    {"selective", "applications.CAMERA.drift.upload.threshold"}, {"budgeted", "applications.CAMERA.drift.upload.budget_kb"}};
System.out.println();
System.out.println("| policy | knob | accuracy | upload MB | energy J | retraining MI |");
for (String[] k : knobs) {
    TreeMap<Double, double[]> agg = new TreeMap<>();
    for (var r : csv(out.resolve("tradeoff-" + k[0]).resolve("sweep.csv"))) {
        double[] a = agg.computeIfAbsent(num(r, k[1]), v -> new double[5]);
        a[0] += num(r, "drift_upload_kb") / 1000; a[1] += num(r, "drift_accuracy_mean"); a[2] += num(r, "drift_energy_j");
        a[3] += num(r, "drift_retrain_mi"); a[4]++;
    }
    double[] x = new double[agg.size()], y = new double[agg.size()], e = new double[agg.size()], xj = new double[agg.size()];
    int i = 0;
    for (var en : agg.entrySet()) {
        double[] a = en.getValue();
        x[i] = a[0] / a[4]; y[i] = a[1] / a[4]; xj[i] = a[2] / a[4];
        System.out.printf("| %s | %s = %s | %.4f | %.1f | %.1f | %.3g |%n", k[0], k[1].substring(k[1].lastIndexOf('.') + 1),
            en.getKey(), y[i], x[i], a[2] / a[4], a[3] / a[4]);
        i++;
    }
    // sort by bytes so the line joins neighbours
    Integer[] o = new Integer[x.length];
    for (int j = 0; j < o.length; j++) o[j] = j;
    final double[] xs = x;
    Arrays.sort(o, (p, q) -> Double.compare(xs[p], xs[q]));
    double[] sx = new double[x.length], sy = new double[x.length];
    for (int j = 0; j < o.length; j++) { sx[j] = x[o[j]]; sy[j] = y[o[j]]; }
    String label = k[0] + " (" + k[1].substring(k[1].lastIndexOf('.') + 1) + ")";
    trade.add(new LineChart.Series(label, sx, sy, e));
    final double[] xjs = xj;
    Arrays.sort(o, (p, q) -> Double.compare(xjs[p], xjs[q]));
    double[] jx = new double[x.length], jy = new double[x.length];
    for (int j = 0; j < o.length; j++) { jx[j] = xj[o[j]]; jy[j] = y[o[j]]; }
    tradeJ.add(new LineChart.Series(label, jx, jy, e));
}
double noneAcc = 0; int noneN = 0;
for (var r : csv(out.resolve("policy-none").resolve("sweep.csv"))) { noneAcc += num(r, "drift_accuracy_mean"); noneN++; }
trade.add(new LineChart.Series("none", new double[] {0}, new double[] {noneAcc / noneN}, new double[] {0}));
Files.write(Path.of("docs/seed000/drift-tradeoff.png"), LineChart.png(
    "drift.yaml: accuracy against data uploaded (3 seeds)", "Training data uploaded, all devices (MB)",
    "Mean model accuracy over the measured window", trade, false, true));
tradeJ.add(new LineChart.Series("none", new double[] {0}, new double[] {noneAcc / noneN}, new double[] {0}));
Files.write(Path.of("docs/seed000/drift-tradeoff-energy.png"), LineChart.png(
    "drift.yaml: accuracy against energy for learning (3 seeds)",
    "Radio energy of sample uploads and model downloads, all devices (J)",
    "Mean model accuracy over the measured window", tradeJ, false, true));

// meta-learning: accuracy after the task change at 2,400 s for each meta factor
List<LineChart.Series> meta = new ArrayList<>();
System.out.println();
System.out.println("| meta factor | accuracy at 2,700 s | at 3,000 s | at 3,600 s | first point >= 0.7 after the change (s) |");
for (String f : new String[] {"1", "2", "4", "8"}) {
    LineChart.Series s = timeSeries("meta factor " + f, out.resolve("meta"), "applications.CAMERA.drift.task_change.meta_factor", f);
    int k0 = 0;
    while (s.x()[k0] < 2400) k0++;
    double[] x = Arrays.copyOfRange(s.x(), k0, s.x().length), y = Arrays.copyOfRange(s.y(), k0, s.y().length);
    meta.add(new LineChart.Series(s.name(), x, y, new double[x.length]));
    double first = Double.NaN;
    for (int i = 0; i < x.length; i++) if (y[i] >= 0.7 && Double.isNaN(first)) first = x[i] - 2400;
    double at2700 = 0, at3000 = 0, at3600 = 0;
    for (int i = 0; i < x.length; i++) { if (x[i] == 2700) at2700 = y[i]; if (x[i] == 3000) at3000 = y[i]; if (x[i] == 3600) at3600 = y[i]; }
    System.out.printf("| %s | %.4f | %.4f | %.4f | %.0f |%n", f, at2700, at3000, at3600, first);
}
Files.write(Path.of("docs/seed000/drift-meta.png"), LineChart.png(
    "drift.yaml, periodic: recovery after the task change (3 seeds)",
    "Simulated time (s)", "Mean model accuracy of the 100 devices", meta, true, false));
System.out.println("wrote docs/seed000/drift-accuracy.png, drift-tradeoff.png, drift-tradeoff-energy.png, drift-meta.png");
/exit
