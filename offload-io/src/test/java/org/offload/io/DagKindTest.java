package org.offload.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.offload.scenario.DagSpec;
import org.offload.scenario.Scenario;

/** Application kind {@code dag} in the scenario file, and its {@code file:line: key} errors. */
class DagKindTest {
    private static final String BASE = """
            duration_s: 100
            devices: {count: 2, placement: {area_m: [100, 100]}}
            applications:
              - name: W
                usage_percent: 100
                arrival: {process: poisson, mean_interarrival_s: 2}
                upload_kb: 10
                download_kb: 5
                delay_sensitivity: 0.5
                max_delay_s: 1
                memory_mb: 20
                vm_utilization: {edge: 5, cloud: 1}
                kind: dag
            %s
            edge: {sites: 1, vms_per_host: 1, vm: {cores: 1, mips: 1000, memory_mb: 1000}}
            cloud: {vms_per_host: 1, vm: {cores: 1, mips: 1000, memory_mb: 1000}}
            network: {wlan: {bandwidth_mbps: 10}, man: {bandwidth_mbps: 10}, wan: {bandwidth_mbps: 10}}
            """;

    private static Scenario parse(String dag) {
        String indented = dag.lines().map(l -> "    " + l).reduce((x, y) -> x + "\n" + y).orElse("");
        return new ScenarioLoader(null, null).parse(BASE.formatted(indented), "w.yaml", List.of());
    }

    private static String fails(String dag) {
        return assertThrows(ScenarioFileException.class, () -> parse(dag)).getMessage();
    }

    private static final String COMPONENTS = """
            dag:
              components:
                - {name: capture, mi: 100}
                - {name: detect, mi: 300, memory_mb: 64}
                - {name: check, mi: 50}
                - {name: report, mi: 20}
              edges:
            """;

    /** Edges as YAML list items, each given as "from to kb". */
    private static String edges(String... e) {
        StringBuilder s = new StringBuilder();
        for (String x : e) {
            String[] p = x.split(" ");
            s.append("    - {from: ").append(p[0]).append(", to: ").append(p[1]).append(", kb: ").append(p[2])
                    .append("}\n");
        }
        return s.toString();
    }

    @Test
    void aForkJoinIsReadWithItsWorkAndData() {
        Scenario s = parse(COMPONENTS + edges("capture detect 200", "capture check 200", "detect report 4",
                "check report 1"));
        DagSpec d = (DagSpec) s.applications().get(0).partition();
        assertEquals("dag", s.applications().get(0).kind());
        assertEquals(470, s.applications().get(0).lengthMi(), "the work is the components' sum");
        assertEquals(new DagSpec.Component("detect", 300, 64), d.components().get(1));
        assertEquals(Double.NaN, d.components().get(0).memoryMb(), "memory defaults to the application's");
        assertEquals(4, d.edgeCount());
        assertEquals(List.of(0), java.util.Arrays.stream(d.entries()).boxed().toList());
        assertEquals(List.of(3), java.util.Arrays.stream(d.exits()).boxed().toList());
        assertEquals(List.of(0, 1, 2, 3), java.util.Arrays.stream(d.topologicalOrder()).boxed().toList());
    }

    @Test
    void aCycleIsNamed() {
        String m = fails(COMPONENTS + edges("capture detect 1", "detect check 1", "check detect 1",
                "check report 1"));
        assertEquals("w.yaml:20: applications[0].dag.edges: a workflow is acyclic, but it has the cycle "
                + "check -> detect -> check", m);
        assertEquals("w.yaml:21: applications[0].dag.edges[0].to: an edge from 'capture' to itself is a cycle; a "
                + "workflow is acyclic", fails(COMPONENTS + edges("capture capture 1")));
    }

    @Test
    void anEdgeNamingAnUnknownComponentSaysWhichAreKnown() {
        assertEquals("w.yaml:22: applications[0].dag.edges[1].from: unknown component 'detector'; components: "
                + "capture, check, detect, report", fails(COMPONENTS + edges("capture detect 1", "detector report 1")));
    }

    @Test
    void otherBadInputIsReportedAtItsKey() {
        assertEquals("w.yaml:14: applications[0].dag.components: needs at least one component (an entry and an "
                + "exit)", fails("dag: {components: []}"));
        assertEquals("w.yaml:17: applications[0].dag.components[1].name: duplicate component name 'a'",
                fails("dag:\n  components:\n    - {name: a, mi: 1}\n    - {name: a, mi: 2}"));
        assertEquals("w.yaml:16: applications[0].dag.components[0].mi: must be a number > 0, got 0.0",
                fails("dag:\n  components:\n    - {name: a, mi: 0}"));
        assertEquals("w.yaml:16: applications[0].dag.components[0].cpu: unknown key; allowed keys here: name, mi, "
                + "memory_mb", fails("dag:\n  components:\n    - {name: a, mi: 1, cpu: 2}"));
        assertEquals("w.yaml:16: applications[0].dag.dependencies: unknown key; allowed keys here: components, edges",
                fails("dag:\n  components: [{name: a, mi: 1}]\n  dependencies: []"));
        String both = assertThrows(ScenarioFileException.class, () -> new ScenarioLoader(null, null).parse(
                BASE.formatted("    task_length_mi: 5\n    dag: {components: [{name: a, mi: 1}]}"), "w.yaml",
                List.of())).getMessage();
        assertEquals("w.yaml:14: applications[0].task_length_mi: not allowed beside kind dag (the work is the sum "
                + "of its components)", both);
    }
}
