package org.offload.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.offload.scenario.DnnLayerCounter;
import org.offload.scenario.PartitionSpec;
import org.offload.scenario.Scenario;

/** Application kinds {@code partial} and {@code dnn} in the scenario file, and their {@code file:line: key} errors. */
class ApplicationKindsTest {
    /** A counter standing in for offload-profile's (the real one is tested there), so io's tests stay its own. */
    private static final DnnLayerCounter COUNTER = (arch, input) -> {
        if (!arch.equals("tiny")) {
            throw new IllegalArgumentException("unknown architecture " + arch + "; allowed: tiny");
        }
        return List.of(new DnnLayerCounter.LayerCount("a", 10, 100), new DnnLayerCounter.LayerCount("b", 30, 1));
    };

    private static final String BASE = """
            duration_s: 100
            devices: {count: 2, placement: {area_m: [100, 100]}}
            applications:
              - name: A
                usage_percent: 100
                arrival: {process: poisson, mean_interarrival_s: 2}
                upload_kb: 10
                download_kb: 5
                delay_sensitivity: 0.5
                max_delay_s: 1
                vm_utilization: {edge: 5, cloud: 1}
            %s
            edge: {sites: 1, vms_per_host: 1, vm: {cores: 1, mips: 1000, memory_mb: 1000}}
            cloud: {vms_per_host: 1, vm: {cores: 1, mips: 1000, memory_mb: 1000}}
            network: {wlan: {bandwidth_mbps: 10}, man: {bandwidth_mbps: 10}, wan: {bandwidth_mbps: 10}}
            """;

    private static Scenario parse(String app) {
        String indented = app.lines().map(l -> "    " + l).reduce((x, y) -> x + "\n" + y).orElse("");
        return new ScenarioLoader(null, COUNTER).parse(BASE.formatted(indented).replace("\n    \n", "\n"),
                "s.yaml", List.of());
    }

    private static String fails(String app) {
        return assertThrows(ScenarioFileException.class, () -> parse(app)).getMessage();
    }

    @Test
    void taskIsTheDefaultKind() {
        Scenario s = parse("task_length_mi: 100");
        assertNull(s.applications().get(0).partition());
        assertEquals("task", s.applications().get(0).kind());
    }

    @Test
    void partialReadsItsAggregationCost() {
        PartitionSpec p = parse("task_length_mi: 100\nkind: partial\npartial: {aggregation_s: 0.02}")
                .applications().get(0).partition();
        assertEquals(new PartitionSpec.Partial(0.02), p);
        assertEquals(new PartitionSpec.Partial(0), parse("task_length_mi: 100\nkind: partial")
                .applications().get(0).partition());
    }

    @Test
    void inlineLayersSetTheTaskLength() {
        Scenario s = parse("""
                kind: dnn
                dnn:
                  mi_per_mflop: 2
                  layers: [{name: c1, mflop: 100, output_kb: 40}, {mflop: 50, output_kb: 2}]""");
        PartitionSpec.Dnn d = (PartitionSpec.Dnn) s.applications().get(0).partition();
        assertEquals(List.of(new PartitionSpec.DnnLayer("c1", 200, 40), new PartitionSpec.DnnLayer("layer2", 100, 2)),
                d.layers());
        assertEquals(300, s.applications().get(0).lengthMi());
        assertEquals("inline", d.source());
    }

    @Test
    void anArchitectureIsCountedByTheCounter() {
        PartitionSpec.Dnn d = (PartitionSpec.Dnn) parse("kind: dnn\ndnn: {architecture: tiny, input: 32}")
                .applications().get(0).partition();
        assertEquals(2, d.layerCount());
        assertEquals(40, d.totalMi());
        assertEquals("tiny input 32", d.source());
    }

    @Test
    void badInputNamesFileLineKeyAndWhatIsAllowed() {
        assertEquals("s.yaml:13: applications[0].kind: unknown value 'workflow'; allowed values: task, partial, dnn, "
                + "dag", fails("task_length_mi: 100\nkind: workflow"));
        assertEquals("s.yaml:13: applications[0].dnn.architecture: unknown architecture resnet7; allowed: tiny",
                fails("kind: dnn\ndnn: {architecture: resnet7}"));
        assertEquals("s.yaml:12: applications[0].task_length_mi: not allowed beside kind dnn (the work is the sum "
                + "of its layers)", fails("task_length_mi: 100\nkind: dnn\ndnn: {architecture: tiny}"));
        assertEquals("s.yaml:13: applications[0].partial: only allowed with kind: partial (this application is of "
                + "kind task)", fails("task_length_mi: 100\npartial: {aggregation_s: 1}"));
        assertTrue(fails("kind: dnn\ndnn: {architecture: tiny, layers: []}").endsWith(
                "dnn.layers: give either architecture (with an optional input) or inline layers, not both"));
        assertTrue(fails("kind: dnn\ndnn: {layers: [{mflop: 1, output_kb: 1, memory: 3}]}").contains(
                "dnn.layers[0].memory: unknown key"));
        assertTrue(fails("kind: dnn\ndnn: {layers: [{mflop: -1, output_kb: 1}]}").contains("dnn.layers[0].mi"));
        assertTrue(fails("task_length_mi: 100\nkind: partial\npartial: {aggregation_s: -1}")
                .contains("partial.aggregation_s"));
        assertEquals("s.yaml:13: applications[0].dnn.architecture: needs the offload-profile module on the class path "
                + "(it counts the layers); give inline layers instead", assertThrows(ScenarioFileException.class,
                () -> new ScenarioLoader(null, null).parse(BASE.formatted("    kind: dnn\n    dnn: {architecture: x}"),
                        "s.yaml", List.of())).getMessage());
    }
}
