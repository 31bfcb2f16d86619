package org.offload.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.offload.experiment.AggregateRow;
import org.offload.experiment.Estimate;
import org.offload.experiment.Metric;
import org.offload.experiment.Range;
import org.offload.experiment.RunPoint;
import org.offload.experiment.RunResult;
import org.offload.experiment.SweepCsv;
import org.offload.experiment.SweepManifest;
import org.offload.experiment.SweepSpec;
import org.offload.io.AtomicFiles;

/**
 * Builds the report of a discrete-event sweep directory (its {@code sweep.json}, {@code aggregate.csv} and
 * {@code sweep.csv}): each figure as PNG, SVG and PDF in {@value #CHART_DIR}/, and {@value #HTML_FILE}, a single
 * self-contained page ({@link ReportPage}). Figures: each {@link #CHARTS} metric against the number of devices (95%
 * intervals that respect the metric's range, replications as points below five), the failure reasons per policy,
 * and with a baseline policy the paired differences of the {@link #PAIRED} metrics against it.
 */
public final class ReportBuilder {
    public static final String HTML_FILE = "report.html";
    public static final String CHART_DIR = "charts";

    /** A figure of one metric against the number of devices: file name, caption. */
    public record ChartSpec(String name, String title, Metric metric) {
    }

    /** The charted metrics in page order: the paper's Figures 4-8 (service time to VM utilisation), then energy. */
    public static final List<ChartSpec> CHARTS = List.of(
            new ChartSpec("service_time", "Mean service time", Metric.SERVICE_TIME_MEAN),
            new ChartSpec("service_time_p95", "95th percentile of the service time", Metric.SERVICE_TIME_P95),
            new ChartSpec("network_delay", "Mean network delay", Metric.NETWORK_DELAY_MEAN),
            new ChartSpec("processing_time", "Mean processing time", Metric.PROCESSING_TIME_MEAN),
            new ChartSpec("failure_rate", "Task failure rate", Metric.FAILURE_RATE),
            new ChartSpec("vm_utilization_edge", "Edge VM utilisation", Metric.VM_UTILIZATION_EDGE),
            new ChartSpec("vm_utilization_cloud", "Cloud VM utilisation", Metric.VM_UTILIZATION_CLOUD),
            new ChartSpec("energy_per_device", "Device energy", Metric.ENERGY_MEAN_PER_DEVICE));

    /** Charted after {@link #CHARTS} only when the sweep measured them (status-update applications). */
    public static final List<ChartSpec> FRESHNESS = List.of(
            new ChartSpec("aoi", "Mean Age of Information of the status-update sources", Metric.AOI_MEAN),
            new ChartSpec("peak_aoi", "Mean peak Age of Information", Metric.PEAK_AOI_MEAN));

    /** Metrics whose paired differences against the baseline are drawn. */
    public static final List<ChartSpec> PAIRED = List.of(
            new ChartSpec("paired_service_time", "mean service time", Metric.SERVICE_TIME_MEAN),
            new ChartSpec("paired_service_time_p95", "95th percentile service time", Metric.SERVICE_TIME_P95),
            new ChartSpec("paired_failure_rate", "failure rate", Metric.FAILURE_RATE));

    /** Metrics tabulated (not charted) under "More metrics". */
    private static final List<ChartSpec> MORE = List.of(
            new ChartSpec("service_time_p50", "Service time, median", Metric.SERVICE_TIME_P50),
            new ChartSpec("service_time_p99", "Service time, 99th percentile", Metric.SERVICE_TIME_P99),
            new ChartSpec("queueing_time", "Queueing time", Metric.QUEUEING_TIME_MEAN),
            new ChartSpec("vm_utilization_local", "Device CPU utilisation", Metric.VM_UTILIZATION_LOCAL),
            new ChartSpec("tasks_generated", "Tasks generated (measured window)", Metric.TASKS_GENERATED),
            new ChartSpec("tasks_failed", "Tasks failed", Metric.TASKS_FAILED),
            new ChartSpec("energy_total", "Device energy, total", Metric.ENERGY_TOTAL),
            new ChartSpec("events_processed", "Events processed", Metric.EVENTS_PROCESSED),
            new ChartSpec("wall_time", "Wall time per run", Metric.WALL_TIME_S));

    private final Path dir;
    private String generator = "offload";
    private String baseline;
    private final List<Metric[]> tradeoffs = new ArrayList<>();

    /** A builder for the report of the sweep in {@code sweepDir}. */
    public ReportBuilder(Path sweepDir) {
        this.dir = sweepDir;
    }

    /** Names the program (and version) in the page's footer. */
    public ReportBuilder generator(String g) {
        this.generator = g;
        return this;
    }

    /** The policy to draw paired differences against (default: the sweep's baseline; none if it had none). */
    public ReportBuilder baseline(String policy) {
        this.baseline = policy;
        return this;
    }

    /**
     * Adds a trade-off figure: metric {@code y} against metric {@code x}, one point per x of the sweep (device
     * count or value of the varied key), one line per policy.
     */
    public ReportBuilder tradeoff(Metric x, Metric y) {
        tradeoffs.add(new Metric[] {x, y});
        return this;
    }

    /** Writes the charts and the page, each atomically, and returns their paths. */
    public Report build() throws IOException {
        Path manifestFile = dir.resolve(SweepManifest.FILE_NAME);
        Path aggregateFile = dir.resolve(SweepCsv.AGGREGATE_FILE);
        Path runsFile = dir.resolve(SweepCsv.RUNS_FILE);
        for (Path f : List.of(manifestFile, aggregateFile, runsFile)) {
            if (!Files.isRegularFile(f)) {
                throw new IOException(f + ": missing; is " + dir + " the output directory of 'offload sweep'?");
            }
        }
        SweepManifest manifest = SweepManifest.read(manifestFile);
        List<AggregateRow> rows = SweepCsv.readAggregate(aggregateFile);
        SweepData d = new SweepData(rows, SweepCsv.readRuns(runsFile), policies(manifest.spec(), rows),
                manifest.spec().axis());
        String base = baseline != null ? baseline : manifest.baseline();
        if (base != null && !d.policies().contains(base)) {
            throw new IOException("baseline '" + base + "' is not a policy of this sweep ("
                    + String.join(", ", d.policies()) + ")");
        }
        Path chartDir = dir.resolve(CHART_DIR);
        List<Path> files = new ArrayList<>();
        ReportPage page = header(manifest, d);
        List<ChartSpec> charts = new ArrayList<>(CHARTS);
        FRESHNESS.stream().filter(c -> d.measured(c.metric())).forEach(charts::add);
        List<String[]> toc = new ArrayList<>();
        charts.forEach(c -> toc.add(new String[] {c.name(), c.title()}));
        toc.add(new String[] {"failure_reasons", "Failure reasons"});
        boolean splits = SplitFigures.any(dir, d);
        if (splits) {
            toc.add(new String[] {SplitFigures.ID, "Split points"});
        }
        for (Metric[] t : tradeoffs) {
            toc.add(new String[] {TradeoffFigure.id(t[0], t[1]), TradeoffFigure.title(t[0], t[1])});
        }
        if (base != null) {
            toc.add(new String[] {PAIRED.get(0).name(), "Paired differences"});
        }
        page.toc(toc);
        List<Figure> figures = new ArrayList<>();
        for (ChartSpec c : charts) {
            Metric m = c.metric();
            figures.add(new Figure(c.name(), c.name(), c.title(), m.label() + " against " + d.xLabel(),
                    d.table(m, SweepData.unit(m)), () -> Charts.estimates(d.xLabel(), m.label(), d.series(m),
                    m.range(), m.displayScale(), false, d.logX())));
        }
        failureReasons(figures, d);
        if (splits) {
            figures.addAll(SplitFigures.figures(dir, d));
        }
        for (Metric[] t : tradeoffs) {
            Metric x = t[0];
            Metric y = t[1];
            figures.add(new Figure(TradeoffFigure.id(x, y), TradeoffFigure.id(x, y), TradeoffFigure.title(x, y),
                    y.label() + " against " + x.label() + ", one point per " + d.xLabel(),
                    d.table(x, SweepData.unit(x)) + d.table(y, SweepData.unit(y)),
                    () -> TradeoffFigure.draw(d, x, y)));
        }
        if (base != null) {
            for (ChartSpec c : PAIRED) {
                Metric m = c.metric();
                String label = "Difference in " + m.label().substring(0, 1).toLowerCase(Locale.ROOT)
                        + m.label().substring(1) + " vs " + base;
                figures.add(new Figure(c.name(), c.name(), "Paired difference from " + base + ": " + c.title(), label,
                        d.pairedTable(m, base, SweepData.unit(m)), () -> Charts.estimates(d.xLabel(), label,
                        d.paired(m, base), Range.REAL, m.displayScale(), true, d.logX())));
            }
        }
        List<ChartImage> images = Charts.drawAll(figures.stream().map(Figure::draw).toList());
        for (int i = 0; i < figures.size(); i++) {
            Figure f = figures.get(i);
            files.addAll(images.get(i).write(chartDir.resolve(f.file())));
            page.figure(f.id(), f.title(), images.get(i), CHART_DIR + "/" + f.file(), f.alt(), f.below());
        }
        StringBuilder more = new StringBuilder();
        for (ChartSpec c : MORE) {
            more.append("<h3>").append(ReportPage.esc(c.title())).append("</h3>\n").append(d.table(c.metric(),
                    SweepData.unit(c.metric())));
        }
        page.details("More metrics", more.toString());
        String[] scenario = scenarioText(manifest.spec());
        if (scenario != null) {
            page.details("Scenario", "<p class=\"muted\">" + ReportPage.esc(scenario[0])
                    + "</p>\n<pre class=\"yaml\">" + ReportPage.esc(scenario[1]) + "</pre>\n");
        }
        String gen = ReportPage.esc(generator) + (!manifest.generator().isEmpty()
                && !manifest.generator().equals(generator) ? " from a sweep run by "
                + ReportPage.esc(manifest.generator()) : "");
        Path html = dir.resolve(HTML_FILE);
        AtomicFiles.writeString(html, page.finish(gen));
        return new Report(html, files);
    }

    /** A figure to draw: its anchor, file name, caption, alt text, HTML below it, and how to draw its chart. */
    record Figure(String id, String file, String title, String alt, String below,
                          Charts.Drawing draw) {
    }

    /** One stacked-bar figure per line (policy): the failure rate by reason at each x. */
    private static void failureReasons(List<Figure> figures, SweepData d) {
        List<Metric> reasons = new ArrayList<>();
        for (Metric m : Metric.values()) {
            if (m.reason() != null) {
                reasons.add(m);
            }
        }
        boolean first = true;
        for (SweepData.Line l : d.lines()) {
            List<String> categories = d.xs().stream().map(SweepData.X::label).toList();
            Map<String, double[]> series = new LinkedHashMap<>();
            for (Metric m : reasons) {
                double[] v = new double[d.xs().size()];
                for (int i = 0; i < v.length; i++) {
                    v[i] = 100 * d.estimate(l, d.xs().get(i), m).mean();
                }
                series.put(m.reason().replace('_', ' '), v);
            }
            String name = "failure_reasons_" + l.name().replaceAll("[^A-Za-z0-9._-]", "_");
            StringBuilder below = new StringBuilder();
            for (Metric m : reasons) {
                boolean any = d.xs().stream().anyMatch(x -> d.estimate(l, x, m).mean() > 0);
                if (any) {
                    below.append(d.table(List.of(l), m, "%", "Failed: " + m.reason().replace('_', ' ')));
                }
            }
            figures.add(new Figure(first ? "failure_reasons" : name, name, "Failure reasons: " + l.name(),
                    "Failure rate by reason against " + d.xLabel() + " for " + l.name(), below.toString(),
                    () -> Charts.stackedBars(d.xLabel(), "Failed tasks by reason (%)", categories, series)));
            first = false;
        }
    }

    private ReportPage header(SweepManifest m, SweepData d) {
        SweepSpec spec = m.spec();
        String title = "Sweep report: " + (m.scenarioName().isEmpty() ? "scenario" : m.scenarioName());
        ReportPage page = new ReportPage(title, "Offload · parameter sweep", spec.policies().size() + " polic"
                + (spec.policies().size() == 1 ? "y" : "ies") + (spec.axis() == null ? "" : " × "
                + spec.axis().values().size() + " value" + (spec.axis().values().size() == 1 ? "" : "s") + " of "
                + spec.axis().key()) + " × " + spec.devices().size() + " device count"
                + (spec.devices().size() == 1 ? "" : "s") + " × " + spec.replications() + " replication"
                + (spec.replications() == 1 ? "" : "s") + " = " + spec.runCount() + " runs");
        int failed = m.failures().size();
        if (failed > 0) {
            List<String> items = new ArrayList<>();
            m.failures().stream().limit(10).forEach(f -> items.add(ReportPage.code(f)));
            if (failed > 10) {
                items.add("… and " + (failed - 10) + " more");
            }
            page.warning(failed + " of " + spec.runCount() + " runs failed</strong> and are left out of the figures "
                    + "and tables; details in <code>failures.txt</code>.<strong>", items);
        }
        List<String[]> facts = new ArrayList<>();
        facts.add(new String[] {"Scenario", ReportPage.esc(m.scenarioSource()) + (m.scenarioName().isEmpty() ? ""
                : " <span class=\"muted\">(name: " + ReportPage.esc(m.scenarioName()) + ")</span>")});
        facts.add(new String[] {"Policies", ReportPage.code(String.join(", ", spec.policies()))});
        if (spec.axis() != null) {
            facts.add(new String[] {"Varied", ReportPage.code(spec.axis().key()) + " = "
                    + ReportPage.code(String.join(", ", spec.axis().values())) + " (the charts' x axis; each value "
                    + "set as <code>--set</code> would, in every run)"});
        }
        facts.add(new String[] {"IoT devices", ReportPage.code(join(spec.devices()))});
        facts.add(new String[] {"Replications", spec.replications() + " per point, seeds derived from base seed "
                + ReportPage.code(Long.toString(spec.seed())) + ", shared by all policies and device counts"});
        facts.add(new String[] {"Overrides", spec.overrides().isEmpty() ? "<span class=\"muted\">none</span>"
                : ReportPage.code(String.join("  ", spec.overrides()))});
        facts.add(new String[] {"Runs", m.executed() + " executed, " + m.resumed() + " resumed, " + failed
                + " failed, on " + (m.executor().isEmpty() ? spec.threads() + " thread" + (spec.threads() == 1 ? ""
                : "s") : ReportPage.esc(m.executor()))});
        facts.add(new String[] {"Started", ReportPage.esc(m.started()) + (Double.isFinite(m.wallTimeS())
                ? ", wall time " + ReportPage.esc(duration(m.wallTimeS())) : "")});
        page.facts("Set-up", facts, m.commandLine());
        page.howToRead(List.of(
                "Each point is the mean over the replications of one policy at one "
                        + (d.axis() == null ? "number of devices" : "value of " + d.axis().key()) + "; error bars "
                        + "and the bracketed figures in the tables are 95% confidence intervals from Student's t "
                        + "with n − 1 degrees of freedom (none when n = 1). They are built on a scale that keeps "
                        + "them inside the metric's range: on the logit scale for rates and utilisations (bounded "
                        + "by 0 and 100%), on the log scale for times, energies and counts (positive), each "
                        + "transformed back (the delta method: to first order the coverage of the plain t interval, "
                        + "asymmetric near a bound, always containing the mean). The plain mean ± t·s/√n gave, with "
                        + "2 replications, negative service times and utilisations above 100%.",
                "With fewer than " + Charts.SHOW_REPLICATIONS_BELOW + " replications, the replications themselves "
                        + "are drawn as small points beside each mean: so few values say little, and the interval "
                        + "is wide (t = 12.7 for n = 2).",
                "Replication r uses the same seed for every policy, device count and value of a varied key (common "
                        + "random numbers): the "
                        + "same devices, applications and arrivals. Differences between policies are therefore "
                        + "paired and usually more certain than overlapping intervals suggest; with "
                        + "<code>--baseline POLICY</code> the report draws each policy's per-replication "
                        + "difference from the baseline with its own interval (also in <code>paired.csv</code>).",
                "Task metrics cover the tasks generated after the warm-up. Times are means over completed tasks; "
                        + "the failure rate counts failed tasks over all measured tasks; utilisation is the busy "
                        + "share of the VMs' cores over the measured window.",
                "Units: CSV columns carry their unit as a suffix (<code>_s</code> seconds, <code>_j</code> joules, "
                        + "<code>_pct</code> percent); a rate without one (<code>failure_rate</code>, "
                        + "<code>failure_rate_&lt;reason&gt;</code>) is a fraction from 0 to 1. Charts and tables "
                        + "show every rate in percent and say so in their labels.",
                "Per-run numbers are in <code>sweep.csv</code>, the aggregates in <code>aggregate.csv</code>, each "
                        + "run's files under <code>runs/</code>; every chart is also in <code>charts/</code> as "
                        + "PNG, SVG and PDF."));
        return page;
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
                        + " (other runs differ only in " + (spec.axis() == null ? "" : spec.axis().key() + ", ")
                        + "devices.count, policy and seed)",
                        Files.readString(f, StandardCharsets.UTF_8)};
            }
        }
        return null;
    }

    private static String join(List<Integer> values) {
        StringBuilder s = new StringBuilder();
        for (int v : values) {
            s.append(s.length() == 0 ? "" : ", ").append(v);
        }
        return s.toString();
    }

    private static String duration(double s) {
        long total = Math.round(s);
        if (total < 60) {
            return String.format(Locale.ROOT, "%.1f s", s);
        }
        return total >= 3600 ? String.format(Locale.ROOT, "%d h %02d min", total / 3600, total % 3600 / 60)
                : String.format(Locale.ROOT, "%d min %02d s", total / 60, total % 60);
    }
}
