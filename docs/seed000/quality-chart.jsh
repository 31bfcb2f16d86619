// Draws docs/seed000/quality-penalty.png from the quality.csv that docs/seed000/quality-sweep.sh writes, with the
// report module's chart code (offload-report's LineChart). Run from the repository root:
//   CSV=results/seed000-quality/quality.csv jshell --class-path offload-cli/target/offload.jar docs/seed000/quality-chart.jsh
import java.nio.file.*;
import java.util.*;
import org.offload.report.LineChart;

Path csv = Path.of(System.getenv().getOrDefault("CSV", "results/seed000-quality/quality.csv"));
List<String> lines = Files.readAllLines(csv);
List<String> head = Arrays.asList(lines.get(0).split(","));
int cLabel = head.indexOf("label"), cN = head.indexOf("devices"), cLat = head.indexOf("latency_mean_s"),
    cE = head.indexOf("energy_j_per_task");
String[] labels = {"greedy", "per-task-rule", "accuracy-aware", "quality-lyapunov", "quality-lyapunov-per-task"};
int[] devices = {60, 150, 240};
List<LineChart.Series> series = new ArrayList<>();
for (String l : labels) {
    double[] x = new double[devices.length], y = new double[devices.length], err = new double[devices.length];
    for (int i = 0; i < devices.length; i++) {
        double sum = 0; int n = 0;
        for (String row : lines.subList(1, lines.size())) {
            String[] f = row.split(",");
            if (f[cLabel].equals(l) && Integer.parseInt(f[cN]) == devices[i]) {
                // the penalty quality-lyapunov minimises, from the measured values: latency / deadline (0.6 s) + J
                sum += Double.parseDouble(f[cLat]) / 0.6 + Double.parseDouble(f[cE]);
                n++;
            }
        }
        x[i] = devices[i]; y[i] = sum / n; err[i] = 0;
    }
    series.add(new LineChart.Series(l, x, y, err));
}
Files.write(Path.of("docs/seed000/quality-penalty.png"), LineChart.png(
    "scenarios/quality.yaml: penalty per task (mean of 3 seeds)", "Devices",
    "latency / deadline + device J per task", series, true, true));
System.out.println("wrote docs/seed000/quality-penalty.png");
/exit
