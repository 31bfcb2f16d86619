package org.offload.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.offload.experiment.Metric;
import org.offload.experiment.SweepAxis;
import org.offload.experiment.SweepRunner;
import org.offload.experiment.SweepSpec;

/** The report of a sweep that varies a scenario key: charts against it, split points, a trade-off figure. */
@Tag("slow")
class AxisReportTest {
    @TempDir
    static Path tmp;

    static Path sweep;

    @BeforeAll
    static void runSweep() throws Exception {
        Path scenario = tmp.resolve("dnn.yaml");
        Files.writeString(scenario, """
                extends: {scenario: default, replace: [applications]}
                applications:
                  - name: NET
                    usage_percent: 100
                    kind: dnn
                    dnn:
                      layers: [{name: a, mflop: 800, output_kb: 200}, {name: b, mflop: 800, output_kb: 20},
                               {name: c, mflop: 800, output_kb: 2}]
                    arrival: {process: poisson, mean_interarrival_s: 5}
                    upload_kb: 300
                    download_kb: 1
                    delay_sensitivity: 0.5
                    max_delay_s: 5
                    memory_mb: 0
                    vm_utilization: {edge: 10, cloud: 5, local: 50}
                """);
        sweep = tmp.resolve("sweep");
        SweepSpec spec = new SweepSpec(scenario, List.of("duration_s=60", "warmup_s=10"), List.of(20),
                List.of("neurosurgeon", "edge-only"), 2, 7, 2, SweepAxis.parse("network.wlan.bandwidth_mbps=0.5,5,50"));
        SweepRunner.builder(spec, sweep).build().run();
    }

    @Test
    void chartsAgainstTheVariedKeyWithSplitPointsAndATradeoff() throws Exception {
        Report report = new ReportBuilder(sweep).generator("offload test")
                .tradeoff(Metric.SERVICE_TIME_MEAN, Metric.ENERGY_MEAN_PER_DEVICE).build();
        String html = Files.readString(report.html(), StandardCharsets.UTF_8);
        assertTrue(html.contains("Varied"), "the set-up names what was varied");
        assertTrue(html.contains("<code>network.wlan.bandwidth_mbps</code> = <code>0.5, 5, 50</code>"), "its values");
        assertTrue(html.contains("2 policies × 3 values of network.wlan.bandwidth_mbps × 1 device count"), "subtitle");
        for (String chart : List.of("service_time", "split_mean", "split_points_neurosurgeon",
                "tradeoff_energy_per_device_j_vs_service_time_mean_s")) {
            assertTrue(Files.isRegularFile(sweep.resolve("charts/" + chart + ".png")), chart + " is missing");
        }
        // tables have a column per value of the key, in the sweep's order
        int a = html.indexOf("<th>0.5</th>");
        int b = html.indexOf("<th>5</th>");
        int c = html.indexOf("<th>50</th>");
        assertTrue(a > 0 && a < b && b < c, "columns 0.5, 5, 50");
        // the split figure sums each run's histogram: at 0.5 Mbit/s neurosurgeon keeps more layers on the device
        SweepData d = new SweepData(org.offload.experiment.SweepCsv.readAggregate(sweep.resolve("aggregate.csv")),
                org.offload.experiment.SweepCsv.readRuns(sweep.resolve("sweep.csv")),
                List.of("neurosurgeon", "edge-only"), SweepAxis.parse("network.wlan.bandwidth_mbps=0.5,5,50"));
        SweepData.Line ns = d.lines().get(0);
        double slow = d.estimate(ns, d.xs().get(0), Metric.DNN_SPLIT_MEAN).mean();
        double fast = d.estimate(ns, d.xs().get(2), Metric.DNN_SPLIT_MEAN).mean();
        assertTrue(slow > fast, slow + " vs " + fast);
        assertEquals(0.0, d.estimate(d.lines().get(1), d.xs().get(1), Metric.DNN_SPLIT_MEAN).mean(), 0.0,
                "edge-only offloads whole tasks: split 0");
        assertTrue(d.logX(), "0.5..50 spans a factor of 100");
    }
}
