package org.offload.report;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.offload.experiment.AggregateRow;
import org.offload.experiment.Estimate;
import org.offload.experiment.Metric;
import org.offload.experiment.RunPoint;
import org.offload.experiment.SweepCsv;
import org.offload.experiment.SweepManifest;
import org.offload.experiment.SweepSpec;
import org.offload.io.AtomicFiles;

/**
 * Builds the report of a sweep directory (its {@code aggregate.csv} and {@code sweep.json}): one PNG chart per
 * {@link #CHARTS} entry in {@value #CHART_DIR}/ and {@value #HTML_FILE}, a single self-contained page (charts
 * inlined as data URIs, inline CSS, no external resources). Runs headless ({@code java.awt.headless=true}).
 */
public final class ReportBuilder {
    public static final String HTML_FILE = "report.html";
    public static final String CHART_DIR = "charts";

    /** The charts, in page order: the paper's Figures 4-8 (service time to VM utilisation), then energy. */
    public static final List<ChartSpec> CHARTS = List.of(
            new ChartSpec("service_time", "Service time", Metric.SERVICE_TIME_MEAN, "Mean service time (s)", "s", 1),
            new ChartSpec("network_delay", "Network delay", Metric.NETWORK_DELAY_MEAN, "Mean network delay (s)", "s",
                    1),
            new ChartSpec("processing_time", "Processing time", Metric.PROCESSING_TIME_MEAN,
                    "Mean processing time (s)", "s", 1),
            new ChartSpec("failure_rate", "Task failure rate", Metric.FAILURE_RATE, "Failed tasks (%)", "%", 100),
            new ChartSpec("vm_utilization_edge", "Edge VM utilisation", Metric.VM_UTILIZATION_EDGE,
                    "Mean edge VM utilisation (%)", "%", 1),
            new ChartSpec("vm_utilization_cloud", "Cloud VM utilisation", Metric.VM_UTILIZATION_CLOUD,
                    "Mean cloud VM utilisation (%)", "%", 1),
            new ChartSpec("energy_per_device", "Device energy", Metric.ENERGY_MEAN_PER_DEVICE,
                    "Mean energy per device (J)", "J", 1));

    /** Metrics tabulated (not charted) under "More metrics", with unit and scale. */
    private static final List<ChartSpec> MORE = List.of(
            new ChartSpec("service_time_p50", "Service time, median", Metric.SERVICE_TIME_P50, "", "s", 1),
            new ChartSpec("service_time_p95", "Service time, 95th percentile", Metric.SERVICE_TIME_P95, "", "s", 1),
            new ChartSpec("service_time_p99", "Service time, 99th percentile", Metric.SERVICE_TIME_P99, "", "s", 1),
            new ChartSpec("queueing_time", "Queueing time", Metric.QUEUEING_TIME_MEAN, "", "s", 1),
            new ChartSpec("vm_utilization_local", "Device CPU utilisation", Metric.VM_UTILIZATION_LOCAL, "", "%", 1),
            new ChartSpec("tasks_generated", "Tasks generated (measured window)", Metric.TASKS_GENERATED, "", "", 1),
            new ChartSpec("tasks_failed", "Tasks failed", Metric.TASKS_FAILED, "", "", 1),
            new ChartSpec("energy_total", "Device energy, total", Metric.ENERGY_TOTAL, "", "J", 1),
            new ChartSpec("events_processed", "Events processed", Metric.EVENTS_PROCESSED, "", "", 1),
            new ChartSpec("wall_time", "Wall time per run", Metric.WALL_TIME_S, "", "s", 1));

    static {
        System.setProperty("java.awt.headless", "true");
    }

    private final Path dir;
    private String generator = "offload";

    /** A builder for the report of the sweep in {@code sweepDir}. */
    public ReportBuilder(Path sweepDir) {
        this.dir = sweepDir;
    }

    /** Names the program (and version) in the page's footer. */
    public ReportBuilder generator(String g) {
        this.generator = g;
        return this;
    }

    /** Writes the charts and the page, each atomically, and returns their paths. */
    public Report build() throws IOException {
        Path manifestFile = dir.resolve(SweepManifest.FILE_NAME);
        Path aggregateFile = dir.resolve(SweepCsv.AGGREGATE_FILE);
        for (Path f : List.of(manifestFile, aggregateFile)) {
            if (!Files.isRegularFile(f)) {
                throw new IOException(f + ": missing; is " + dir + " the output directory of 'offload sweep'?");
            }
        }
        SweepManifest manifest = SweepManifest.read(manifestFile);
        List<AggregateRow> rows = SweepCsv.readAggregate(aggregateFile);
        List<String> policies = policies(manifest.spec(), rows);

        Path chartDir = dir.resolve(CHART_DIR);
        Files.createDirectories(chartDir);
        Map<ChartSpec, byte[]> images = new LinkedHashMap<>();
        List<Path> chartFiles = new ArrayList<>();
        for (ChartSpec c : CHARTS) {
            byte[] png = Charts.png(c, policies, rows);
            Path file = chartDir.resolve(c.name() + ".png");
            writeBytes(file, png);
            images.put(c, png);
            chartFiles.add(file);
        }
        Path html = dir.resolve(HTML_FILE);
        AtomicFiles.writeString(html, html(manifest, rows, policies, images, scenarioText(manifest.spec())));
        return new Report(html, chartFiles);
    }

    /** The spec's policies, then any others found in the aggregate (in file order). */
    private static List<String> policies(SweepSpec spec, List<AggregateRow> rows) {
        List<String> out = new ArrayList<>(spec.policies());
        for (AggregateRow r : rows) {
            if (!out.contains(r.policy())) {
                out.add(r.policy());
            }
        }
        return out;
    }

    /** The first completed run's scenario.yaml, with a caption, or null. */
    private String[] scenarioText(SweepSpec spec) throws IOException {
        for (RunPoint p : spec.points()) {
            Path f = dir.resolve(p.relativeDir()).resolve("scenario.yaml");
            if (Files.isRegularFile(f)) {
                return new String[] {"Effective scenario of run " + p.relativeDir().toString().replace('\\', '/')
                        + " (other runs differ only in devices.count, policy and seed)",
                        Files.readString(f, StandardCharsets.UTF_8)};
            }
        }
        return null;
    }

    private static void writeBytes(Path file, byte[] bytes) throws IOException {
        Path temp = AtomicFiles.createTemp(file);
        try {
            try (OutputStream out = Files.newOutputStream(temp)) {
                out.write(bytes);
            }
            AtomicFiles.moveIntoPlace(temp, file);
        } catch (IOException | RuntimeException e) {
            AtomicFiles.deleteQuietly(temp, e);
            throw e;
        }
    }

    // ------------------------------------------------------------------ HTML

    private String html(SweepManifest m, List<AggregateRow> rows, List<String> policies, Map<ChartSpec, byte[]> images,
                        String[] scenario) {
        SweepSpec spec = m.spec();
        List<Integer> devices = rows.stream().map(AggregateRow::devices).distinct().sorted().toList();
        StringBuilder b = new StringBuilder(64 * 1024);
        String title = "Sweep report: " + (m.scenarioName().isEmpty() ? "scenario" : m.scenarioName());
        b.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>").append(esc(title)).append("</title>\n<style>\n").append(CSS).append("</style>\n")
                .append("</head>\n<body>\n<main>\n");

        b.append("<header>\n<p class=\"kicker\">Offload · parameter sweep</p>\n<h1>").append(esc(title))
                .append("</h1>\n<p class=\"lede\">").append(spec.policies().size()).append(" polic")
                .append(spec.policies().size() == 1 ? "y" : "ies").append(" × ").append(spec.devices().size())
                .append(" device count").append(spec.devices().size() == 1 ? "" : "s").append(" × ")
                .append(spec.replications()).append(" replication").append(spec.replications() == 1 ? "" : "s")
                .append(" = ").append(spec.runCount()).append(" runs</p>\n</header>\n");

        int failed = m.failures().size();
        if (failed > 0) {
            b.append("<div class=\"warn\"><strong>").append(failed).append(" of ").append(spec.runCount())
                    .append(" runs failed</strong> and are left out of the figures and tables; details in ")
                    .append("<code>failures.txt</code>.<ul>\n");
            m.failures().stream().limit(10).forEach(f -> b.append("<li><code>").append(esc(f))
                    .append("</code></li>\n"));
            if (failed > 10) {
                b.append("<li>… and ").append(failed - 10).append(" more</li>\n");
            }
            b.append("</ul></div>\n");
        }

        b.append("<section class=\"card\">\n<h2>Set-up</h2>\n<dl class=\"facts\">\n");
        fact(b, "Scenario", esc(m.scenarioSource()) + (m.scenarioName().isEmpty() ? ""
                : " <span class=\"muted\">(name: " + esc(m.scenarioName()) + ")</span>"));
        fact(b, "Policies", code(String.join(", ", spec.policies())));
        fact(b, "IoT devices", code(join(spec.devices())));
        fact(b, "Replications", spec.replications() + " per point, seeds derived from base seed "
                + code(Long.toString(spec.seed())) + ", shared by all policies and device counts");
        fact(b, "Overrides", spec.overrides().isEmpty() ? "<span class=\"muted\">none</span>"
                : code(String.join("  ", spec.overrides())));
        fact(b, "Runs", m.executed() + " executed, " + m.resumed() + " resumed, " + failed + " failed, on "
                + spec.threads() + " thread" + (spec.threads() == 1 ? "" : "s"));
        fact(b, "Started", esc(m.started()) + (Double.isFinite(m.wallTimeS())
                ? ", wall time " + esc(duration(m.wallTimeS())) : ""));
        b.append("</dl>\n<p class=\"label\">Command line</p>\n<pre class=\"cmd\">")
                .append(esc(m.commandLine().isEmpty() ? "(not recorded)" : m.commandLine())).append("</pre>\n");
        b.append("</section>\n");

        b.append("<section class=\"card note\">\n<h2>How to read this report</h2>\n<ul>\n")
                .append("<li>Each point is the mean over the replications of one policy at one number of devices; ")
                .append("error bars and the ± figures in the tables are 95% confidence intervals (Student's t with ")
                .append("n − 1 degrees of freedom; none when n = 1).</li>\n")
                .append("<li>Replication r uses the same seed for every policy and device count (common random ")
                .append("numbers): the same devices, applications and arrivals. Differences between policies are ")
                .append("therefore paired and usually more certain than overlapping intervals suggest.</li>\n")
                .append("<li>Task metrics cover the tasks generated after the warm-up. Times are means over ")
                .append("completed tasks; the failure rate counts failed tasks over all measured tasks; ")
                .append("utilisation is the busy share of the VMs' cores over the measured window.</li>\n")
                .append("<li>Per-run numbers are in <code>sweep.csv</code>, the aggregates in ")
                .append("<code>aggregate.csv</code>, each run's files under <code>runs/</code>.</li>\n")
                .append("</ul>\n</section>\n");

        b.append("<nav class=\"toc\"><span class=\"label\">Figures</span>");
        for (ChartSpec c : CHARTS) {
            b.append("<a href=\"#").append(c.name()).append("\">").append(esc(c.title())).append("</a>");
        }
        b.append("</nav>\n");

        int fig = 1;
        for (ChartSpec c : CHARTS) {
            b.append("<section class=\"card figure\" id=\"").append(c.name()).append("\">\n<h2>Figure ")
                    .append(fig++).append(". ").append(esc(c.title())).append("</h2>\n")
                    .append("<img width=\"").append(Charts.WIDTH).append("\" height=\"").append(Charts.HEIGHT)
                    .append("\" alt=\"").append(esc(c.axisLabel())).append(" against the number of IoT devices\" ")
                    .append("src=\"data:image/png;base64,").append(Base64.getEncoder().encodeToString(images.get(c)))
                    .append("\">\n");
            table(b, c, rows, policies, devices);
            b.append("</section>\n");
        }

        b.append("<section class=\"card\">\n<details>\n<summary>More metrics</summary>\n");
        for (ChartSpec c : MORE) {
            b.append("<h3>").append(esc(c.title())).append("</h3>\n");
            table(b, c, rows, policies, devices);
        }
        b.append("</details>\n</section>\n");

        if (scenario != null) {
            b.append("<section class=\"card\">\n<details>\n<summary>Scenario</summary>\n<p class=\"muted\">")
                    .append(esc(scenario[0])).append("</p>\n<pre class=\"yaml\">").append(esc(scenario[1]))
                    .append("</pre>\n</details>\n</section>\n");
        }

        String now = ZonedDateTime.now().truncatedTo(ChronoUnit.SECONDS).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
        b.append("<footer>Generated ").append(esc(now)).append(" by ").append(esc(generator)).append(" (Java ")
                .append(esc(System.getProperty("java.version"))).append(")");
        if (!m.generator().isEmpty() && !m.generator().equals(generator)) {
            b.append(" from a sweep run by ").append(esc(m.generator()));
        }
        b.append(".</footer>\n</main>\n</body>\n</html>\n");
        return b.toString();
    }

    private static void table(StringBuilder b, ChartSpec c, List<AggregateRow> rows, List<String> policies,
                              List<Integer> devices) {
        double max = 0;
        for (AggregateRow r : rows) {
            Estimate e = r.estimate(c.metric());
            if (Double.isFinite(e.mean())) {
                max = Math.max(max, Math.abs(e.mean() * c.scale()));
            }
        }
        int decimals = c.metric().integral() && c.scale() == 1 ? 1
                : max > 0 ? Math.max(0, Math.min(6, 2 - (int) Math.floor(Math.log10(max)))) : 0;
        b.append("<div class=\"scroll\"><table>\n<thead><tr><th></th><th class=\"group\" colspan=\"")
                .append(devices.size()).append("\">Number of IoT devices</th></tr>\n<tr><th class=\"policy\">Policy</th>");
        for (int d : devices) {
            b.append("<th>").append(String.format(Locale.ROOT, "%,d", d)).append("</th>");
        }
        b.append("</tr></thead>\n<tbody>\n");
        for (String p : policies) {
            b.append("<tr><th class=\"policy\">").append(esc(p)).append("</th>");
            for (int d : devices) {
                AggregateRow row = rows.stream().filter(r -> r.policy().equals(p) && r.devices() == d).findFirst()
                        .orElse(null);
                Estimate e = row == null ? Estimate.EMPTY : row.estimate(c.metric());
                b.append("<td>");
                if (!Double.isFinite(e.mean())) {
                    b.append("<span class=\"muted\">–</span>");
                } else {
                    b.append(fixed(e.mean() * c.scale(), decimals));
                    if (e.n() > 1 && Double.isFinite(e.halfWidth())) {
                        b.append("<span class=\"ci\"> ± ").append(fixed(e.halfWidth() * c.scale(), decimals))
                                .append("</span>");
                    }
                }
                b.append("</td>");
            }
            b.append("</tr>\n");
        }
        int minN = rows.stream().mapToInt(AggregateRow::n).min().orElse(0);
        int maxN = rows.stream().mapToInt(AggregateRow::n).max().orElse(0);
        b.append("</tbody>\n</table></div>\n<p class=\"caption\">")
                .append(c.unit().isEmpty() ? "" : "In " + esc(c.unit()) + ". ")
                .append("Mean ± 95% CI half-width over n = ")
                .append(minN == maxN ? Integer.toString(minN) : minN + "–" + maxN).append(" runs.</p>\n");
    }

    private static void fact(StringBuilder b, String term, String html) {
        b.append("<dt>").append(esc(term)).append("</dt><dd>").append(html).append("</dd>\n");
    }

    private static String code(String text) {
        return "<code>" + esc(text) + "</code>";
    }

    private static String join(List<Integer> values) {
        StringBuilder s = new StringBuilder();
        for (int v : values) {
            s.append(s.length() == 0 ? "" : ", ").append(v);
        }
        return s.toString();
    }

    private static String fixed(double v, int decimals) {
        return String.format(Locale.ROOT, "%,." + decimals + "f", v);
    }

    private static String duration(double s) {
        long total = Math.round(s);
        if (total < 60) {
            return String.format(Locale.ROOT, "%.1f s", s);
        }
        return total >= 3600 ? String.format(Locale.ROOT, "%d h %02d min", total / 3600, total % 3600 / 60)
                : String.format(Locale.ROOT, "%d min %02d s", total / 60, total % 60);
    }

    static String esc(String s) {
        StringBuilder out = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    private static final String CSS = """
            :root { --ink: #1f2933; --muted: #616e7c; --line: #e4e7eb; --zebra: #f5f7fa; --accent: #0072b2;
                    --bg: #f7f8fa; }
            * { box-sizing: border-box; }
            body { margin: 0; background: var(--bg); color: var(--ink);
                   font: 16px/1.55 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
            main { max-width: 960px; margin: 0 auto; padding: 40px 24px 56px; }
            header { margin-bottom: 24px; }
            .kicker { margin: 0; color: var(--accent); font-weight: 600; letter-spacing: .06em; text-transform: uppercase;
                      font-size: 13px; }
            h1 { margin: 4px 0 6px; font-size: 32px; line-height: 1.2; letter-spacing: -.01em; }
            .lede { margin: 0; color: var(--muted); font-size: 18px; }
            h2 { margin: 0 0 14px; font-size: 21px; }
            h3 { margin: 22px 0 8px; font-size: 16px; }
            .card { background: #fff; border: 1px solid var(--line); border-radius: 10px; padding: 22px 26px;
                    margin: 18px 0; box-shadow: 0 1px 2px rgba(31, 41, 51, .04); }
            .note { border-left: 4px solid var(--accent); }
            .note ul { margin: 0; padding-left: 20px; }
            .note li { margin: 4px 0; }
            .warn { background: #fff4e5; border: 1px solid #f0b35a; border-radius: 10px; padding: 14px 20px;
                    margin: 18px 0; }
            .warn ul { margin: 8px 0 0; padding-left: 20px; font-size: 14px; }
            .facts { display: grid; grid-template-columns: max-content 1fr; gap: 6px 20px; margin: 0 0 16px; }
            .facts dt { color: var(--muted); }
            .facts dd { margin: 0; }
            .label { margin: 0 0 6px; color: var(--muted); font-size: 13px; text-transform: uppercase;
                     letter-spacing: .05em; }
            code, pre { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, "DejaVu Sans Mono", monospace;
                        font-size: 14px; }
            code { background: var(--zebra); border-radius: 4px; padding: 1px 5px; }
            pre { margin: 0; background: var(--zebra); border: 1px solid var(--line); border-radius: 6px;
                  padding: 12px 14px; overflow-x: auto; }
            pre.cmd { white-space: pre-wrap; overflow-wrap: anywhere; }
            pre.yaml { max-height: 560px; overflow: auto; font-size: 13px; line-height: 1.45; }
            .toc { display: flex; flex-wrap: wrap; gap: 8px; align-items: center; margin: 26px 0 4px; }
            .toc .label { margin: 0 6px 0 0; }
            .toc a { color: var(--accent); text-decoration: none; border: 1px solid var(--line); background: #fff;
                     border-radius: 999px; padding: 3px 12px; font-size: 14px; }
            .toc a:hover { border-color: var(--accent); }
            .figure img { display: block; max-width: 100%; height: auto; margin: 0 auto 16px; }
            .scroll { overflow-x: auto; }
            table { border-collapse: collapse; width: 100%; font-size: 14px; font-variant-numeric: tabular-nums; }
            th, td { padding: 7px 12px; text-align: right; white-space: nowrap; }
            thead th { border-bottom: 2px solid var(--line); color: var(--muted); font-weight: 600; }
            thead th.group { text-align: center; border-bottom: 1px solid var(--line); font-weight: 500;
                             font-size: 13px; padding-bottom: 4px; }
            thead tr:first-child th:first-child { border-bottom: none; }
            tbody tr:nth-child(even) { background: var(--zebra); }
            th.policy { text-align: left; font-weight: 600; }
            thead th.policy { font-weight: 600; }
            .ci { color: var(--muted); }
            .muted { color: var(--muted); }
            .caption { margin: 8px 0 0; color: var(--muted); font-size: 13px; }
            details summary { cursor: pointer; font-weight: 600; font-size: 18px; }
            details[open] summary { margin-bottom: 12px; }
            footer { margin-top: 30px; color: var(--muted); font-size: 13px; text-align: center; }
            """;
}
