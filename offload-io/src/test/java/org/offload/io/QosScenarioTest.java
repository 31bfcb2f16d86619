package org.offload.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.offload.metrics.QosMetrics;
import org.offload.metrics.SimulationResult;
import org.offload.scenario.QosSpec;
import org.offload.scenario.Scenario;
import org.offload.sim.OffloadSimulation;

/**
 * The {@code qos:} block (QoS classes and network slices): strict keys with {@code file:line: key} errors, the
 * default without it, and runs of {@code scenarios/slices.yaml}: conservation of tasks, determinism, the per-class
 * report, and the protected class against the same run without its slice.
 */
class QosScenarioTest {
    private final ScenarioLoader loader = new ScenarioLoader();

    /** The minimal valid scenario of {@link ScenarioLoaderTest}, to which the qos blocks below are added. */
    private static final String MINIMAL = ScenarioLoaderTest.MINIMAL;

    static final String QOS = """
            qos:
              slices:
                - {name: urllc, share: 0.3, links: [wlan, wan]}
                - {name: video, share: 0.5}
              classes:
                - {name: critical, latency_target_s: 0.5, bandwidth_mbps: 2, slice: urllc}
                - {name: bulk, latency_target_s: 10}
            """;

    private Scenario parse(String yaml, String... overrides) {
        return loader.parse(yaml, "scenarios/x.yaml", List.of(overrides));
    }

    private String error(String yaml, String... overrides) {
        return assertThrows(ScenarioFileException.class, () -> parse(yaml, overrides)).getMessage();
    }

    /** 1-based line of the first line of {@code yaml} containing {@code needle}. */
    private static int line(String yaml, String needle) {
        String[] lines = yaml.split("\n");
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].contains(needle)) {
                return i + 1;
            }
        }
        throw new AssertionError(needle);
    }

    private static String withClasses(String qos) {
        return MINIMAL.replace("  - name: A\n", "  - name: A\n    qos_class: critical\n") + qos;
    }

    @Test
    void readsSlicesClassesAndTheApplicationsClass() {
        Scenario s = parse(withClasses(QOS));
        QosSpec q = s.network().qos();
        assertEquals(List.of("urllc", "video"), q.slices().stream().map(x -> x.name()).toList());
        assertEquals(List.of("wlan", "wan"), q.slices().get(0).links());
        assertEquals(List.of("wlan", "man", "wan"), q.slices().get(1).links(), "links default to every kind");
        assertEquals("urllc", q.classes().get(0).slice());
        assertNull(q.classes().get(1).slice());
        assertEquals(0, q.classes().get(1).bandwidthMbps(), "bandwidth_mbps defaults to 0");
        assertEquals(Map.of("A", "critical"), q.applicationClasses());
        assertEquals(QosSpec.NONE, parse(MINIMAL).network().qos(), "no qos block: none");
        assertNull(parse(withClasses(QOS), "qos.classes[0].slice=none").network().qos().classes().get(0).slice(),
                "slice: none is the unreserved remainder");
    }

    @Test
    void badQosBlocksNameFileLineAndKey() {
        String sum = withClasses(QOS.replace("share: 0.5", "share: 0.75"));
        assertEquals("scenarios/x.yaml:" + line(sum, "slices:") + ": qos.slices: the shares of the slices on wlan "
                + "links add up to 1.05: they must add up to at most 1", error(sum));
        String slice = withClasses(QOS.replace("slice: urllc", "slice: gold"));
        assertEquals("scenarios/x.yaml:" + line(slice, "slice: gold") + ": qos.classes[0].slice: unknown slice "
                + "'gold'; slices: [urllc, video]", error(slice));
        String app = MINIMAL.replace("  - name: B\n", "  - name: B\n    qos_class: silver\n") + QOS;
        assertEquals("scenarios/x.yaml:" + line(app, "qos_class: silver") + ": applications[1].qos_class: unknown QoS "
                + "class 'silver'; qos.classes: [critical, bulk]", error(app));
        String key = withClasses(QOS.replace("latency_target_s: 10", "latency_s: 10"));
        assertTrue(error(key).startsWith("scenarios/x.yaml:" + line(key, "latency_s: 10")
                + ": qos.classes[1].latency_s: unknown key"), error(key));
        String kind = withClasses(QOS.replace("links: [wlan, wan]", "links: [wlan, lan]"));
        assertTrue(error(kind).startsWith("scenarios/x.yaml:" + line(kind, "lan]") + ": qos.slices[0].links[1]: "
                + "expected one of [wlan, man, wan], got 'lan'"), error(kind));
        String mm1 = withClasses(QOS).replace("network:\n", "network:\n  model: mm1\n");
        assertTrue(error(mm1).startsWith("scenarios/x.yaml:" + line(mm1, "model: mm1")
                + ": network.model: network slices (qos.slices) need model shared"), error(mm1));
        String share = withClasses(QOS.replace("share: 0.3", "share: 0"));
        assertTrue(error(share).contains("qos.slices[0].share: must be in (0, 1], got 0.0"), error(share));
    }

    private static Scenario slices(int devices, String... overrides) {
        List<String> all = new java.util.ArrayList<>(List.of("devices.count=" + devices, "duration_s=400",
                "warmup_s=60"));
        all.addAll(List.of(overrides));
        return new ScenarioLoader().load(java.nio.file.Path.of("../scenarios/slices.yaml"), all);
    }

    @Test
    void slicedRunsConserveTasksAreDeterministicAndReportEachClass() {
        Scenario s = slices(60);
        SimulationResult a = OffloadSimulation.builder(s).build().run();
        SimulationResult b = OffloadSimulation.builder(s).build().run();
        assertEquals(SummaryJson.toJson(a).without(List.of("wall_time_s", "tasks_per_wall_second")),
                SummaryJson.toJson(b).without(List.of("wall_time_s", "tasks_per_wall_second")));
        assertEquals(a.overall().generated(), a.overall().completed() + a.overall().failed(), "conservation");
        assertEquals(List.of("critical", "bulk"), List.copyOf(a.qos().keySet()));
        long classTasks = 0;
        for (QosMetrics q : a.qos().values()) {
            assertTrue(q.tasks() > 0 && q.completed() <= q.tasks() && q.latencyMet() <= q.completed(), q.toString());
            classTasks += q.tasks();
        }
        long appTasks = a.perApplication().values().stream().mapToLong(g -> g.generated()).sum();
        assertEquals(appTasks, classTasks, "every application is in a class: per-class tasks add up");
    }

    @Test
    void theSliceProtectsTheCriticalClassUnderOverload() {
        SimulationResult sliced = OffloadSimulation.builder(slices(120)).build().run();
        SimulationResult plain = OffloadSimulation.builder(slices(120, "qos.classes[0].slice=none")).build().run();
        double with = sliced.qos().get("critical").latencyMetRate();
        double without = plain.qos().get("critical").latencyMetRate();
        assertTrue(with > 0.9, "critical latency-met rate with its slice: " + with);
        assertTrue(with > without + 0.2, "with the slice " + with + " vs without " + without);
    }
}
