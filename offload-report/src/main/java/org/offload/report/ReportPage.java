package org.offload.report;

import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.function.IntFunction;
import org.offload.experiment.Estimate;

/**
 * The HTML of every report (the discrete-event sweep's, the AIGC study's): one self-contained page (inline CSS,
 * charts inlined as PNG data URIs with links to their SVG and PDF files) built from cards: a header, facts, a
 * "how to read" note, figures with their tables, collapsible sections and a footer.
 */
public final class ReportPage {
    private final StringBuilder b = new StringBuilder(64 * 1024);
    private int figure = 1;

    /** Starts a page: its title, a kicker above it and a one-line lede below. */
    public ReportPage(String title, String kicker, String lede) {
        b.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>").append(esc(title)).append("</title>\n<style>\n").append(CSS).append("</style>\n")
                .append("</head>\n<body>\n<main>\n");
        b.append("<header>\n<p class=\"kicker\">").append(esc(kicker)).append("</p>\n<h1>").append(esc(title))
                .append("</h1>\n<p class=\"lede\">").append(esc(lede)).append("</p>\n</header>\n");
    }

    /** A warning box: a headline and items (HTML). */
    public ReportPage warning(String headlineHtml, List<String> itemsHtml) {
        b.append("<div class=\"warn\"><strong>").append(headlineHtml).append("</strong><ul>\n");
        itemsHtml.forEach(i -> b.append("<li>").append(i).append("</li>\n"));
        b.append("</ul></div>\n");
        return this;
    }

    /** A card of facts (term, HTML value) and an optional command line. */
    public ReportPage facts(String heading, List<String[]> termHtml, String commandLine) {
        b.append("<section class=\"card\">\n<h2>").append(esc(heading)).append("</h2>\n<dl class=\"facts\">\n");
        for (String[] f : termHtml) {
            b.append("<dt>").append(esc(f[0])).append("</dt><dd>").append(f[1]).append("</dd>\n");
        }
        b.append("</dl>\n");
        if (commandLine != null) {
            b.append("<p class=\"label\">Command line</p>\n<pre class=\"cmd\">")
                    .append(esc(commandLine.isEmpty() ? "(not recorded)" : commandLine)).append("</pre>\n");
        }
        b.append("</section>\n");
        return this;
    }

    /** The "how to read" note: one item (HTML) per point. */
    public ReportPage howToRead(List<String> itemsHtml) {
        b.append("<section class=\"card note\">\n<h2>How to read this report</h2>\n<ul>\n");
        itemsHtml.forEach(i -> b.append("<li>").append(i).append("</li>\n"));
        b.append("</ul>\n</section>\n");
        return this;
    }

    /** Links to the figures: id and title pairs. */
    public ReportPage toc(List<String[]> idTitle) {
        b.append("<nav class=\"toc\"><span class=\"label\">Figures</span>");
        idTitle.forEach(f -> b.append("<a href=\"#").append(esc(f[0])).append("\">").append(esc(f[1])).append("</a>"));
        b.append("</nav>\n");
        return this;
    }

    /** A section with a heading and free HTML. */
    public ReportPage section(String heading, String html) {
        b.append("<section class=\"card\">\n<h2>").append(esc(heading)).append("</h2>\n").append(html)
                .append("</section>\n");
        return this;
    }

    /**
     * A numbered figure: its title (the caption; the chart has none), the chart as an inlined PNG with links to
     * {@code files}.svg and .pdf (relative to the page), an alt text, and HTML below it (a table, a caption).
     */
    public ReportPage figure(String id, String title, ChartImage image, String files, String alt, String belowHtml) {
        b.append("<section class=\"card figure\" id=\"").append(esc(id)).append("\">\n<h2>Figure ")
                .append(figure++).append(". ").append(esc(title)).append("</h2>\n")
                .append("<img width=\"").append(Charts.WIDTH).append("\" height=\"").append(Charts.HEIGHT)
                .append("\" alt=\"").append(esc(alt)).append("\" src=\"data:image/png;base64,")
                .append(Base64.getEncoder().encodeToString(image.png())).append("\">\n")
                .append("<p class=\"caption\">Vector versions: <a href=\"").append(esc(files)).append(".svg\">SVG</a>, ")
                .append("<a href=\"").append(esc(files)).append(".pdf\">PDF</a>.</p>\n")
                .append(belowHtml).append("</section>\n");
        return this;
    }

    /** A collapsible card. */
    public ReportPage details(String summary, String html) {
        b.append("<section class=\"card\">\n<details>\n<summary>").append(esc(summary)).append("</summary>\n")
                .append(html).append("</details>\n</section>\n");
        return this;
    }

    /** Closes the page with a footer naming the generator; returns the HTML. */
    public String finish(String generatorHtml) {
        String now = ZonedDateTime.now().truncatedTo(ChronoUnit.SECONDS).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
        b.append("<footer>Generated ").append(esc(now)).append(" by ").append(generatorHtml).append(" (Java ")
                .append(esc(System.getProperty("java.version"))).append(").</footer>\n</main>\n</body>\n</html>\n");
        return b.toString();
    }

    /**
     * A table of estimates: one row per series name, one column per x heading; a cell is the mean and its 95%
     * interval {@code [low, high]} (scaled by {@code scale}), or a dash. Decimals follow the largest value.
     */
    public static String estimateTable(String groupHeading, List<String> columns, List<String> rows,
                                       IntFunction<Estimate[]> row, double scale, boolean counts, String captionHtml) {
        double max = 0;
        for (int r = 0; r < rows.size(); r++) {
            for (Estimate e : row.apply(r)) {
                if (e != null && Double.isFinite(e.mean())) {
                    max = Math.max(max, Math.abs(e.mean() * scale));
                }
            }
        }
        int decimals = counts ? 1 : max > 0 ? Math.max(0, Math.min(6, 2 - (int) Math.floor(Math.log10(max)))) : 0;
        StringBuilder t = new StringBuilder();
        t.append("<div class=\"scroll\"><table>\n<thead><tr><th></th><th class=\"group\" colspan=\"")
                .append(columns.size()).append("\">").append(esc(groupHeading))
                .append("</th></tr>\n<tr><th class=\"policy\">Policy</th>");
        columns.forEach(c -> t.append("<th>").append(esc(c)).append("</th>"));
        t.append("</tr></thead>\n<tbody>\n");
        for (int r = 0; r < rows.size(); r++) {
            t.append("<tr><th class=\"policy\">").append(esc(rows.get(r))).append("</th>");
            for (Estimate e : row.apply(r)) {
                t.append("<td>");
                if (e == null || !Double.isFinite(e.mean())) {
                    t.append("<span class=\"muted\">–</span>");
                } else {
                    t.append(fixed(e.mean() * scale, decimals));
                    if (e.n() > 1 && Double.isFinite(e.ci95Low())) {
                        t.append("<span class=\"ci\"> [").append(fixed(e.ci95Low() * scale, decimals)).append(", ")
                                .append(fixed(e.ci95High() * scale, decimals)).append("]</span>");
                    }
                }
                t.append("</td>");
            }
            t.append("</tr>\n");
        }
        t.append("</tbody>\n</table></div>\n<p class=\"caption\">").append(captionHtml).append("</p>\n");
        return t.toString();
    }

    static String fixed(double v, int decimals) {
        return String.format(Locale.ROOT, "%,." + decimals + "f", v);
    }

    public static String code(String text) {
        return "<code>" + esc(text) + "</code>";
    }

    public static String esc(String s) {
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
