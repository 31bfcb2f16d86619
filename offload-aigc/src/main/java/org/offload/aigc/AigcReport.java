package org.offload.aigc;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.offload.experiment.Estimate;
import org.offload.experiment.engine.Group;
import org.offload.experiment.engine.Point;
import org.offload.io.AtomicFiles;
import org.offload.report.ChartImage;
import org.offload.report.Charts;
import org.offload.report.ReportPage;

/**
 * The AIGC study's report, drawn by offload-report like every report ({@link Charts}, {@link ReportPage}): each
 * metric against the number of models and against the number of devices, one line per approach with 95% intervals
 * in the metric's range (replications as points below five), tables, and the paper's headline comparison computed
 * on our numbers ({@link #comparison}). Charts go to {@value #CHART_DIR}/ as PNG, SVG and PDF.
 */
public final class AigcReport {
    public static final String HTML_FILE = "report.html";
    public static final String CHART_DIR = "charts";
    /** The paper's baselines (the best of them is the reference of its claims). */
    public static final List<String> PAPER_BASELINES = List.of("maddpg-nomodel", "saddpg", "random", "greedy");
    private static final List<AigcSweep.Metric> CHARTED = List.of(AigcSweep.Metric.LATENCY, AigcSweep.Metric.ENERGY,
            AigcSweep.Metric.COMPLETION, AigcSweep.Metric.SWITCHES, AigcSweep.Metric.HIT_RATIO,
            AigcSweep.Metric.REWARD);

    private AigcReport() {
    }

    /** MADDPG-MATO against a reference, averaged over the model-count experiment's points. */
    public record Comparison(String reference, double latencyChangePct, double energyChangePct,
                             double completionChangePp, double completionAtMaxDevicesPct,
                             double bestOtherCompletionAtMaxDevicesPct, int maxDevices) {
    }

    /**
     * The paper's claims recomputed: at each model count (at the scenario's device count), MATO's relative change
     * in latency and energy against the best (lowest) of {@code references} at that point, and its completion
     * rate minus the best reference's (percentage points), each averaged over the model counts; and MATO's
     * completion rate (%) at the largest device count beside the best reference's there.
     */
    public static Comparison comparison(List<Group> groups, AigcScenario base, AigcSweep.Spec spec,
                                        List<String> references, String label) {
        double lat = 0;
        double en = 0;
        double cr = 0;
        int k = 0;
        for (int m : spec.models()) {
            int d = base.devices().count();
            double mLat = mean(groups, m, d, "maddpg-mato", AigcSweep.Metric.LATENCY);
            double mEn = mean(groups, m, d, "maddpg-mato", AigcSweep.Metric.ENERGY);
            double mCr = 100 * mean(groups, m, d, "maddpg-mato", AigcSweep.Metric.COMPLETION);
            double bLat = best(groups, m, d, references, AigcSweep.Metric.LATENCY, false);
            double bEn = best(groups, m, d, references, AigcSweep.Metric.ENERGY, false);
            double bCr = 100 * best(groups, m, d, references, AigcSweep.Metric.COMPLETION, true);
            if (Double.isFinite(mLat) && Double.isFinite(bLat)) {
                lat += 100 * (mLat - bLat) / bLat;
                en += 100 * (mEn - bEn) / bEn;
                cr += mCr - bCr;
                k++;
            }
        }
        int maxD = maxDevices(spec, base);
        double crMax = 100 * mean(groups, base.modelCount(), maxD, "maddpg-mato", AigcSweep.Metric.COMPLETION);
        double crRef = 100 * best(groups, base.modelCount(), maxD, references, AigcSweep.Metric.COMPLETION, true);
        return new Comparison(label, lat / k, en / k, cr / k, crMax, crRef, maxD);
    }

    private static Estimate estimate(List<Group> groups, int m, int d, String policy, AigcSweep.Metric metric) {
        Point p = Point.of("models", m, "devices", d);
        for (Group g : groups) {
            if (g.policy().equals(policy) && g.point().equals(p)) {
                return g.estimate(metric.ordinal());
            }
        }
        return Estimate.EMPTY;
    }

    private static double[] replications(List<Group> groups, int m, int d, String policy, AigcSweep.Metric metric) {
        Point p = Point.of("models", m, "devices", d);
        for (Group g : groups) {
            if (g.policy().equals(policy) && g.point().equals(p)) {
                return g.values(metric.ordinal());
            }
        }
        return new double[0];
    }

    private static double mean(List<Group> groups, int m, int d, String policy, AigcSweep.Metric metric) {
        return estimate(groups, m, d, policy, metric).mean();
    }

    private static double best(List<Group> groups, int m, int d, List<String> policies, AigcSweep.Metric metric,
                               boolean higher) {
        double best = Double.NaN;
        for (String p : policies) {
            double v = mean(groups, m, d, p, metric);
            if (Double.isFinite(v) && (Double.isNaN(best) || (higher ? v > best : v < best))) {
                best = v;
            }
        }
        return best;
    }

    /** Writes the charts and the page into {@code out}; returns the page's path. */
    public static Path write(Path out, AigcScenario base, AigcSweep.Spec spec, List<Group> groups,
                             String commandLine) throws IOException {
        ReportPage page = new ReportPage("AIGC offloading: " + base.name(), "Offload · AIGC study (seed 002)",
                spec.policies().size() + " approaches × " + AigcSweep.points(base, spec).size() + " points × "
                        + spec.replications() + " replications");
        page.facts("Set-up", List.of(
                new String[] {"Scenario", ReportPage.code(base.name()) + ": " + base.edge().servers()
                        + " edge servers, " + base.devices().count() + " devices and " + base.modelCount()
                        + " models unless varied"},
                new String[] {"Replications", spec.replications() + " (each trains the learning agents afresh) of "
                        + spec.evalEpisodes() + " evaluation episodes of " + base.slotsPerEpisode() + " slots"},
                new String[] {"Training", spec.train().episodes() + " episodes, batch " + spec.train().batchSize()},
                new String[] {"Approaches", ReportPage.code(String.join(", ", spec.policies()))}), commandLine);
        page.howToRead(List.of(
                "Each point is the mean over replications of an approach's mean over the evaluation episodes; error "
                        + "bars and bracketed figures are 95% intervals from Student's t, on the logit scale for "
                        + "rates (0-100%) and on the log scale for latency, energy and switches (positive), "
                        + "transformed back, so no bound leaves the metric's range; the reward (negative cost) "
                        + "gets the plain t interval.",
                "With fewer than " + Charts.SHOW_REPLICATIONS_BELOW + " replications the replications themselves are "
                        + "drawn as small points beside each mean.",
                "All approaches of a replication are evaluated on the same episodes (common random numbers), so "
                        + "their differences are more certain than overlapping intervals suggest.",
                "Rates are fractions in the CSV files (<code>completion_rate</code>, <code>cache_hit_ratio</code>, "
                        + "<code>*_share</code>) and percentages in charts and tables."));
        if (spec.policies().contains("maddpg-mato")) {
            page.section("The paper's claims, recomputed", claims(groups, base, spec));
        }
        Path charts = out.resolve(CHART_DIR);
        for (boolean byModels : new boolean[] {true, false}) {
            List<Integer> xs = byModels ? spec.models() : spec.devices();
            String xLabel = byModels ? "Number of AIGC models (" + base.devices().count() + " devices)"
                    : "Number of devices (" + base.modelCount() + " models)";
            for (AigcSweep.Metric m : CHARTED) {
                String name = (byModels ? "models-" : "devices-") + m.column();
                List<Charts.EstimateSeries> series = new ArrayList<>();
                for (String p : spec.policies()) {
                    double[] x = new double[xs.size()];
                    Estimate[] e = new Estimate[xs.size()];
                    double[][] reps = new double[xs.size()][];
                    for (int i = 0; i < x.length; i++) {
                        int mm = byModels ? xs.get(i) : base.modelCount();
                        int dd = byModels ? base.devices().count() : xs.get(i);
                        x[i] = xs.get(i);
                        e[i] = estimate(groups, mm, dd, p, m);
                        reps[i] = replications(groups, mm, dd, p, m);
                    }
                    series.add(new Charts.EstimateSeries(p, x, e, reps));
                }
                ChartImage img = Charts.estimates(xLabel, m.label(), series, m.range(), m.displayScale(), false);
                img.write(charts.resolve(name));
                String table = ReportPage.estimateTable(xLabel, xs.stream().map(String::valueOf).toList(),
                        spec.policies(), r -> {
                            Estimate[] row = new Estimate[xs.size()];
                            for (int i = 0; i < row.length; i++) {
                                row[i] = estimate(groups, byModels ? xs.get(i) : base.modelCount(),
                                        byModels ? base.devices().count() : xs.get(i), spec.policies().get(r), m);
                            }
                            return row;
                        }, m.displayScale(), false, ReportPage.esc(m.label()) + ", mean [95% CI].");
                page.figure(name, m.label().replaceAll(" \\(.*\\)", "") + " vs " + (byModels ? "models" : "devices"),
                        img, CHART_DIR + "/" + name, m.label() + " against " + xLabel, table);
            }
        }
        Path html = out.resolve(HTML_FILE);
        AtomicFiles.writeString(html, page.finish("offload-aigc; see docs/aigc.md for the model and the comparison "
                + "with the paper"));
        return html;
    }

    private static String claims(List<Group> groups, AigcScenario base, AigcSweep.Spec spec) {
        StringBuilder b = new StringBuilder("<table><tr><th>reference</th><th>latency</th><th>energy</th>"
                + "<th>completion</th><th>MATO completion at " + maxDevices(spec, base) + " devices</th>"
                + "<th>reference there</th></tr>");
        List<String> paper = new ArrayList<>(PAPER_BASELINES);
        paper.retainAll(spec.policies());
        List<Comparison> comps = new ArrayList<>();
        if (!paper.isEmpty()) {
            comps.add(comparison(groups, base, spec, paper, "best of the paper's baselines"));
        }
        if (spec.policies().contains("greedy-cost")) {
            comps.add(comparison(groups, base, spec, List.of("greedy-cost"), "greedy-cost (ours)"));
        }
        for (Comparison c : comps) {
            b.append(String.format(Locale.ROOT, "<tr><td>%s</td><td>%+.2f %%</td><td>%+.2f %%</td>"
                            + "<td>%+.2f pp</td><td>%.1f %%</td><td>%.1f %%</td></tr>", ReportPage.esc(c.reference()),
                    c.latencyChangePct(), c.energyChangePct(), c.completionChangePp(),
                    c.completionAtMaxDevicesPct(), c.bestOtherCompletionAtMaxDevicesPct()));
        }
        b.append("<tr><td>paper (vs its best baseline)</td><td>-6.98 %</td><td>-7.12 %</td><td>+3.72 %</td>"
                + "<td>98 %</td><td>~88 %</td></tr></table>");
        b.append("<p>Latency and energy: MATO's relative change against the best reference at each model count, "
                + "averaged over the model counts; completion: difference in percentage points.</p>");
        return b.toString();
    }

    private static int maxDevices(AigcSweep.Spec spec, AigcScenario base) {
        return spec.devices().stream().mapToInt(Integer::intValue).max().orElse(base.devices().count());
    }
}
