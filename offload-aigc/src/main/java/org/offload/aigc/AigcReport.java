package org.offload.aigc;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.offload.experiment.Estimate;
import org.offload.io.AtomicFiles;
import org.offload.report.LineChart;

/**
 * Charts (PNG, drawn with offload-report's {@link LineChart} in the sweep report's style) and a self-contained
 * {@value #HTML_FILE} for an {@link AigcSweep}: each metric against the number of models and against the number of
 * devices, one line per approach with 95% CI error bars; tables; and the paper's headline comparison computed on
 * our numbers ({@link #comparison}).
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
     * completion rate at the largest device count beside the best reference's there.
     */
    public static Comparison comparison(List<AigcSweep.Cell> cells, AigcScenario base, AigcSweep.Spec spec,
                                        List<String> references, String label) {
        double lat = 0;
        double en = 0;
        double cr = 0;
        int k = 0;
        for (int m : spec.models()) {
            int d = base.devices().count();
            double mLat = mean(cells, m, d, "maddpg-mato", AigcSweep.Metric.LATENCY);
            double mEn = mean(cells, m, d, "maddpg-mato", AigcSweep.Metric.ENERGY);
            double mCr = mean(cells, m, d, "maddpg-mato", AigcSweep.Metric.COMPLETION);
            double bLat = best(cells, m, d, references, AigcSweep.Metric.LATENCY, false);
            double bEn = best(cells, m, d, references, AigcSweep.Metric.ENERGY, false);
            double bCr = best(cells, m, d, references, AigcSweep.Metric.COMPLETION, true);
            if (Double.isFinite(mLat) && Double.isFinite(bLat)) {
                lat += 100 * (mLat - bLat) / bLat;
                en += 100 * (mEn - bEn) / bEn;
                cr += mCr - bCr;
                k++;
            }
        }
        int maxD = spec.devices().stream().mapToInt(Integer::intValue).max().orElse(base.devices().count());
        double crMax = mean(cells, base.modelCount(), maxD, "maddpg-mato", AigcSweep.Metric.COMPLETION);
        double crRef = best(cells, base.modelCount(), maxD, references, AigcSweep.Metric.COMPLETION, true);
        return new Comparison(label, lat / k, en / k, cr / k, crMax, crRef, maxD);
    }

    private static double mean(List<AigcSweep.Cell> cells, int m, int d, String policy, AigcSweep.Metric metric) {
        for (AigcSweep.Cell c : cells) {
            if (c.models() == m && c.devices() == d && c.policy().equals(policy) && c.metric() == metric) {
                return c.estimate().mean();
            }
        }
        return Double.NaN;
    }

    private static double best(List<AigcSweep.Cell> cells, int m, int d, List<String> policies,
                               AigcSweep.Metric metric, boolean higher) {
        double best = Double.NaN;
        for (String p : policies) {
            double v = mean(cells, m, d, p, metric);
            if (Double.isFinite(v) && (Double.isNaN(best) || (higher ? v > best : v < best))) {
                best = v;
            }
        }
        return best;
    }

    /** Writes the charts and the page into {@code out}; returns the page's path. */
    public static Path write(Path out, AigcScenario base, AigcSweep.Spec spec, List<AigcSweep.Row> rows,
                             String commandLine) throws IOException {
        List<AigcSweep.Cell> cells = AigcSweep.aggregate(rows, spec.policies());
        Path charts = out.resolve(CHART_DIR);
        Files.createDirectories(charts);
        Map<String, byte[]> images = new LinkedHashMap<>();
        for (boolean byModels : new boolean[] {true, false}) {
            for (AigcSweep.Metric m : CHARTED) {
                String name = (byModels ? "models-" : "devices-") + m.column();
                String title = m.label().replaceAll(" \\(.*\\)", "") + (byModels ? " vs models ("
                        + base.devices().count() + " devices)" : " vs devices (" + base.modelCount() + " models)");
                List<LineChart.Series> series = new ArrayList<>();
                for (String p : spec.policies()) {
                    List<Integer> xs = byModels ? spec.models() : spec.devices();
                    double[] x = new double[xs.size()];
                    double[] y = new double[xs.size()];
                    double[] e = new double[xs.size()];
                    int k = 0;
                    for (int v : xs) {
                        int mm = byModels ? v : base.modelCount();
                        int dd = byModels ? base.devices().count() : v;
                        Estimate est = estimate(cells, mm, dd, p, m);
                        if (est != null && Double.isFinite(est.mean())) {
                            x[k] = v;
                            y[k] = est.mean();
                            e[k] = Double.isFinite(est.halfWidth()) ? est.halfWidth() : 0;
                            k++;
                        }
                    }
                    if (k > 0) {
                        series.add(new LineChart.Series(p, java.util.Arrays.copyOf(x, k),
                                java.util.Arrays.copyOf(y, k), java.util.Arrays.copyOf(e, k)));
                    }
                }
                byte[] png = LineChart.png(title, byModels ? "Number of AIGC models" : "Number of devices",
                        m.label(), series, m != AigcSweep.Metric.REWARD, true);
                Path f = charts.resolve(name + ".png");
                Path temp = AtomicFiles.createTemp(f);
                Files.write(temp, png);
                AtomicFiles.moveIntoPlace(temp, f);
                images.put(name, png);
            }
        }
        Path html = out.resolve(HTML_FILE);
        AtomicFiles.writeString(html, html(base, spec, cells, images, commandLine));
        return html;
    }

    private static Estimate estimate(List<AigcSweep.Cell> cells, int m, int d, String p, AigcSweep.Metric metric) {
        for (AigcSweep.Cell c : cells) {
            if (c.models() == m && c.devices() == d && c.policy().equals(p) && c.metric() == metric) {
                return c.estimate();
            }
        }
        return null;
    }

    private static String html(AigcScenario base, AigcSweep.Spec spec, List<AigcSweep.Cell> cells,
                               Map<String, byte[]> images, String commandLine) {
        StringBuilder b = new StringBuilder();
        b.append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>AIGC offloading: ")
                .append(esc(base.name())).append("</title><style>").append(CSS).append("</style></head><body><main>");
        b.append("<h1>Model-aware AIGC offloading</h1>");
        b.append("<p>Scenario <code>").append(esc(base.name())).append("</code>: ").append(base.edge().servers())
                .append(" edge servers, ").append(base.devices().count()).append(" devices and ")
                .append(base.modelCount()).append(" models unless varied; ").append(spec.replications())
                .append(" replications (each trains the learning agents afresh) of ").append(spec.evalEpisodes())
                .append(" evaluation episodes of ").append(base.slotsPerEpisode()).append(" slots; training ")
                .append(spec.train().episodes()).append(" episodes, batch ").append(spec.train().batchSize())
                .append(". Means with Student-t 95% confidence intervals over replications.</p>");
        if (spec.policies().contains("maddpg-mato")) {
            b.append("<h2>The paper's claims, recomputed</h2><table><tr><th>reference</th><th>latency</th>"
                    + "<th>energy</th><th>completion</th><th>MATO completion at ").append(maxDevices(spec, base))
                    .append(" devices</th><th>reference there</th></tr>");
            List<String> paper = new ArrayList<>(PAPER_BASELINES);
            paper.retainAll(spec.policies());
            List<Comparison> comps = new ArrayList<>();
            if (!paper.isEmpty()) {
                comps.add(comparison(cells, base, spec, paper, "best of the paper's baselines"));
            }
            if (spec.policies().contains("greedy-cost")) {
                comps.add(comparison(cells, base, spec, List.of("greedy-cost"), "greedy-cost (ours)"));
            }
            for (Comparison c : comps) {
                b.append(String.format(Locale.ROOT, "<tr><td>%s</td><td>%+.2f %%</td><td>%+.2f %%</td>"
                                + "<td>%+.2f pp</td><td>%.1f %%</td><td>%.1f %%</td></tr>", esc(c.reference()),
                        c.latencyChangePct(), c.energyChangePct(), c.completionChangePp(),
                        c.completionAtMaxDevicesPct(), c.bestOtherCompletionAtMaxDevicesPct()));
            }
            b.append("<tr><td>paper (vs its best baseline)</td><td>-6.98 %</td><td>-7.12 %</td><td>+3.72 %</td>"
                    + "<td>98 %</td><td>~88 %</td></tr></table>");
            b.append("<p>Latency and energy: MATO's relative change against the best reference at each model count, "
                    + "averaged over the model counts; completion: difference in percentage points.</p>");
        }
        for (boolean byModels : new boolean[] {true, false}) {
            b.append("<h2>").append(byModels ? "Number of AIGC models" : "Number of devices").append("</h2>");
            for (AigcSweep.Metric m : CHARTED) {
                String name = (byModels ? "models-" : "devices-") + m.column();
                b.append("<figure><img alt=\"").append(esc(name)).append("\" src=\"data:image/png;base64,")
                        .append(Base64.getEncoder().encodeToString(images.get(name))).append("\"></figure>");
                table(b, cells, spec, base, m, byModels);
            }
        }
        b.append("<h2>Command</h2><pre>").append(esc(commandLine)).append("</pre>");
        b.append("<footer>offload-aigc; see docs/aigc.md for the model and the comparison with the paper."
                + "</footer></main></body></html>\n");
        return b.toString();
    }

    private static int maxDevices(AigcSweep.Spec spec, AigcScenario base) {
        return spec.devices().stream().mapToInt(Integer::intValue).max().orElse(base.devices().count());
    }

    private static void table(StringBuilder b, List<AigcSweep.Cell> cells, AigcSweep.Spec spec, AigcScenario base,
                              AigcSweep.Metric m, boolean byModels) {
        List<Integer> xs = byModels ? spec.models() : spec.devices();
        b.append("<table><caption>").append(esc(m.label())).append(", mean &plusmn; 95% CI half-width</caption><tr>"
                + "<th>approach</th>");
        for (int x : xs) {
            b.append("<th>").append(x).append("</th>");
        }
        b.append("</tr>");
        for (String p : spec.policies()) {
            b.append("<tr><td>").append(esc(p)).append("</td>");
            for (int x : xs) {
                Estimate e = estimate(cells, byModels ? x : base.modelCount(), byModels ? base.devices().count() : x,
                        p, m);
                b.append("<td>").append(e == null || !Double.isFinite(e.mean()) ? "&ndash;"
                        : String.format(Locale.ROOT, "%.3f &plusmn; %.3f", e.mean(),
                        Double.isFinite(e.halfWidth()) ? e.halfWidth() : 0)).append("</td>");
            }
            b.append("</tr>");
        }
        b.append("</table>");
    }

    static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    private static final String CSS = """
            body{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;color:#1f2933;background:#fff;margin:0}
            main{max-width:980px;margin:0 auto;padding:24px}
            h1{font-size:26px}h2{font-size:20px;margin-top:32px;border-bottom:1px solid #e6e9ec}
            table{border-collapse:collapse;margin:12px 0 24px;font-size:14px}
            caption{text-align:left;font-weight:600;padding:4px 0}
            th,td{border:1px solid #c8cdd2;padding:4px 8px;text-align:right}
            td:first-child,th:first-child{text-align:left}
            figure{margin:0}img{max-width:100%}
            pre{background:#f5f7fa;padding:8px;overflow-x:auto}
            footer{margin-top:32px;color:#616e7c;font-size:13px}
            """;
}
