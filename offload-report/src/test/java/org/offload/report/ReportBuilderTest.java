package org.offload.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.offload.experiment.SweepRunner;
import org.offload.experiment.SweepSpec;
import org.offload.policy.PolicyRegistry;
import org.offload.policy.builtin.BuiltInPolicies;

@Tag("slow")
class ReportBuilderTest {
    @TempDir
    static Path tmp;

    static Path sweep;

    @BeforeAll
    static void runSweep() throws Exception {
        sweep = tmp.resolve("sweep");
        SweepSpec spec = new SweepSpec(null, List.of("duration_s=90", "warmup_s=15"), List.of(20, 40, 60),
                List.of("least-utilised", "random", "edge-only"), 2, 7, 2);
        SweepRunner.builder(spec, sweep).commandLine("offload sweep --devices 20..60:20").baseline("random").build()
                .run();
    }

    /** Figures on the page: the metrics, the failure reasons of each of the 3 policies, the paired differences. */
    static final int FIGURES = ReportBuilder.CHARTS.size() + 3 + ReportBuilder.PAIRED.size();

    @Test
    void writesAChartPerMetricAndOneSelfContainedPage() throws IOException {
        Report report = new ReportBuilder(sweep).generator("offload test").build();
        assertEquals(3 * FIGURES, report.charts().size(), "PNG, SVG and PDF of each figure");
        for (Path f : report.charts()) {
            String name = f.getFileName().toString();
            byte[] bytes = Files.readAllBytes(f);
            if (name.endsWith(".png")) {
                BufferedImage img = ImageIO.read(f.toFile());
                assertNotNull(img, f + " is not an image");
                assertEquals(800, img.getWidth(), f.toString());
                assertEquals(500, img.getHeight(), f.toString());
            } else if (name.endsWith(".svg")) {
                assertTrue(new String(bytes, java.nio.charset.StandardCharsets.UTF_8).contains("<svg"), f + " is no SVG");
            } else {
                assertTrue(name.endsWith(".pdf") && new String(bytes, 0, 5, java.nio.charset.StandardCharsets.US_ASCII)
                        .equals("%PDF-"), f + " is no PDF");
            }
        }
        assertEquals(sweep.resolve("report.html"), report.html());
        String html = Files.readString(report.html());
        assertFalse(html.contains("http://"), "external reference in the page");
        assertFalse(html.contains("https://"), "external reference in the page");
        assertFalse(Pattern.compile("<(link|script)\\b").matcher(html).find(), "external resource element");

        Matcher m = Pattern.compile("<img [^>]*src=\"data:image/png;base64,([A-Za-z0-9+/=]+)\"").matcher(html);
        int images = 0;
        while (m.find()) {
            BufferedImage img = ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode(m.group(1))));
            assertEquals(800, img.getWidth());
            images++;
        }
        assertEquals(FIGURES, images);
        for (ReportBuilder.ChartSpec c : ReportBuilder.CHARTS) {
            assertTrue(html.contains("id=\"" + c.name() + "\""), c.name());
            for (String ext : ChartImage.FORMATS) {
                assertTrue(Files.isRegularFile(sweep.resolve("charts/" + c.name() + "." + ext)), c.name() + ext);
            }
            String svg = Files.readString(sweep.resolve("charts/" + c.name() + ".svg"));
            assertFalse(svg.contains(c.title()), c.name() + ": the chart repeats the caption '" + c.title() + "'");
        }
        assertTrue(html.contains("id=\"failure_reasons\""), "failure reasons figure");
        assertTrue(html.contains("Paired difference from random: mean service time"), "paired figure");
        assertTrue(html.contains("least-utilised − random"), "paired table row");
        assertTrue(html.contains("offload sweep --devices 20..60:20"), "command line");
        assertTrue(html.contains("<details>"), "scenario in details");
        assertTrue(html.contains("devices:"), "scenario text");
        assertTrue(html.contains("<th class=\"policy\">edge-only</th>"), "table row per policy");
        assertTrue(html.contains("<span class=\"ci\"> ["), "intervals");
        assertTrue(html.contains("logit scale"), "how to read names the intervals");
    }

    @Test
    void failedRunsAreLeftOutAndFlagged() throws Exception {
        PolicyRegistry registry = BuiltInPolicies.registry().register("broken", "throws at once", c -> {
            throw new IllegalStateException("cannot build");
        });
        Path dir = tmp.resolve("failing");
        SweepSpec spec = new SweepSpec(null, List.of("duration_s=60", "warmup_s=10"), List.of(20),
                List.of("random", "broken"), 2, 7, 1);
        SweepRunner.builder(spec, dir).registry(registry).build().run();
        Report report = new ReportBuilder(dir).build();
        assertTrue(report.charts().stream().allMatch(p -> !p.toString().contains("paired")), "no baseline, no pairs");
        String html = Files.readString(report.html());
        assertTrue(html.contains("2 of 4 runs failed"), "failure warning");
        assertTrue(html.contains("policy=broken devices=20 replication=0"), "failure listed");
        assertTrue(html.contains("<th class=\"policy\">broken</th><td><span class=\"muted\">–</span></td>"),
                "empty cell for the failed policy");
        for (Path png : report.charts()) {
            if (png.toString().endsWith(".png")) {
                assertEquals(500, ImageIO.read(png.toFile()).getHeight());
            }
        }
    }

    @Test
    void truncatedInputsAreErrorsNamingTheFile() throws IOException {
        Path cut = Files.createDirectories(tmp.resolve("cut"));
        Files.copy(sweep.resolve("sweep.json"), cut.resolve("sweep.json"));
        Files.copy(sweep.resolve("sweep.csv"), cut.resolve("sweep.csv"));
        String aggregate = Files.readString(sweep.resolve("aggregate.csv"));
        Files.writeString(cut.resolve("aggregate.csv"), aggregate.substring(0, aggregate.indexOf('\n') + 1));
        IOException e = assertThrows(IOException.class, () -> new ReportBuilder(cut).build());
        assertTrue(e.getMessage().contains("aggregate.csv: no rows after the header"), e.getMessage());
        Files.writeString(cut.resolve("aggregate.csv"), aggregate.substring(0, aggregate.length() / 2));
        e = assertThrows(IOException.class, () -> new ReportBuilder(cut).build());
        assertTrue(e.getMessage().matches("(?s).*aggregate\\.csv: line \\d+: \\d+ cells, the header has \\d+.*"),
                e.getMessage());
        Files.copy(sweep.resolve("aggregate.csv"), cut.resolve("aggregate.csv"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        String manifest = Files.readString(sweep.resolve("sweep.json"));
        Files.writeString(cut.resolve("sweep.json"), manifest.substring(0, manifest.length() / 2));
        e = assertThrows(IOException.class, () -> new ReportBuilder(cut).build());
        assertTrue(e.getMessage().contains("sweep.json: not valid JSON"), e.getMessage());
    }

    @Test
    void anotherBaselineCanBeChosenWhenRedrawing() throws IOException {
        Report report = new ReportBuilder(sweep).baseline("edge-only").build();
        String html = Files.readString(report.html());
        assertTrue(html.contains("Paired difference from edge-only"), "baseline override");
        IOException e = assertThrows(IOException.class, () -> new ReportBuilder(sweep).baseline("greedy").build());
        assertTrue(e.getMessage().contains("baseline 'greedy' is not a policy of this sweep"), e.getMessage());
        new ReportBuilder(sweep).build();
    }

    @Test
    void aDirectoryWithoutASweepIsAnError() throws IOException {
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        IOException e = assertThrows(IOException.class, () -> new ReportBuilder(empty).build());
        assertTrue(e.getMessage().contains("sweep.json"), e.getMessage());
    }
}
