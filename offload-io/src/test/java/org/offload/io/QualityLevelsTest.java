package org.offload.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.offload.metrics.QualityMetrics;
import org.offload.metrics.SimulationResult;
import org.offload.metrics.TaskRecord;
import org.offload.model.Decision;
import org.offload.model.Tier;
import org.offload.scenario.ApplicationSpec;
import org.offload.scenario.ModelSpec;
import org.offload.scenario.Scenario;
import org.offload.sim.OffloadSimulation;

/** {@code model.quality}: input-quality levels read into operating points, their effect on a run, bad input. */
class QualityLevelsTest {
    private static final String YAML = """
            duration_s: 100
            devices: {count: 1, placement: {area_m: 100}}
            applications:
              - name: A
                usage_percent: 100
                arrival: {process: uniform, interarrival_s: [5, 6]}
                distribution: fixed
                upload_kb: 100
                download_kb: 1
                delay_sensitivity: 0.5
                max_delay_s: 5
                vm_utilization: {edge: 10, cloud: 5}
                model:
                  family: resnet
                  input: 200
                  variants:
                    - {name: small, accuracy: 0.6, length_mi: 100, memory_mb: 10}
                    - {name: big, accuracy: 0.8, length_mi: {edge: 400, cloud: 300}, memory_mb: 50}
                  quality:
                    levels: [200, 100]
                    accuracy_required: 0.7
                    accuracy:
                      small: {200: 0.6, 100: 0.5}
                      big: {200: 0.8, 100: 0.68}
            edge: {sites: 1, vms_per_host: 1, vm: {cores: 1, mips: 1000, memory_mb: 1000}}
            cloud: {vms_per_host: 1, vm: {cores: 1, mips: 1000, memory_mb: 1000}}
            network: {wlan: {bandwidth_mbps: 100}, man: {bandwidth_mbps: 100}, wan: {bandwidth_mbps: 100}}
            """;

    private static Scenario parse(String yaml) {
        return new ScenarioLoader(null).parse(yaml, "q.yaml", List.of());
    }

    private static ScenarioFileException fails(String from, String to) {
        assertTrue(YAML.contains(from), from);
        return assertThrows(ScenarioFileException.class, () -> parse(YAML.replace(from, to)));
    }

    @Test
    void levelsBecomeOperatingPoints() {
        ApplicationSpec app = parse(YAML).applications().get(0);
        ModelSpec m = app.model();
        assertEquals(List.of("small@200", "small@100", "big@200", "big@100"),
                m.variants().stream().map(v -> v.name()).toList());
        assertEquals(0.68, m.variant(3).accuracy());
        assertEquals(100, m.variant(3).demand().lengthMi(Tier.EDGE), 1e-12, "400 MI x (100/200)^2");
        assertEquals(75, m.variant(3).demand().lengthMi(Tier.CLOUD), 1e-12);
        assertEquals(50, m.variant(3).demand().memoryMb(Tier.EDGE), "memory is not scaled");
        assertEquals(2, m.defaultVariant(), "the most accurate point: big at full resolution");
        assertEquals(400, app.lengthMi(), "nominal length: the default point on an edge VM");
    }

    @Test
    void thePointSetsUploadWorkAndAccuracy() {
        Scenario s = parse(YAML);
        for (int point : new int[] {1, 3, -1}) {
            List<TaskRecord> records = new ArrayList<>();
            SimulationResult r = OffloadSimulation.builder(s)
                    .policy("edge-point", (task, view) -> Decision.edge(0).withVariant(point))
                    .taskListener(records::add).build().run();
            QualityMetrics q = r.quality().get("A");
            int k = point < 0 ? 2 : point;
            double mi = new double[] {100, 25, 400, 100}[k];
            double accuracy = new double[] {0.6, 0.5, 0.8, 0.68}[k];
            assertTrue(q.completed() > 5 && q.completed() == q.tasks(), q.toString());
            records.stream().filter(TaskRecord::completed)
                    .forEach(t -> assertEquals(mi / 1000, t.processingS(), 1e-9, t.toString()));
            assertEquals(k % 2 == 0 ? 100 : 25, q.uploadKbPerTask(), 1e-9, "upload x (level/input)^2");
            assertEquals(k % 2 == 0 ? 200 : 100, q.meanLevelPx(), 1e-9);
            assertEquals(accuracy, q.meanAccuracy(), 1e-12);
            assertEquals(accuracy >= 0.7 ? 1.0 : 0.0, q.accuracyMetRate(), 1e-12);
            assertEquals(0.7, q.accuracyRequired());
            // 100 KB over a 100 Mbit/s WLAN takes 8 ms; a quarter of it 2 ms.
            records.stream().filter(TaskRecord::completed).forEach(t -> assertEquals(
                    (k % 2 == 0 ? 100 : 25) * 8000 / 100e6, t.uploadS(), 1e-9, t.toString()));
        }
    }

    @Test
    void withoutQualityTheResultHasNone() {
        Scenario s = parse(YAML.substring(0, YAML.indexOf("      quality:")) + YAML.substring(YAML.indexOf("edge: {")));
        assertTrue(OffloadSimulation.builder(s).build().run().quality().isEmpty());
    }

    @Test
    void anAccuracyRequirementNoVariantCanMeet() {
        ScenarioFileException e = fails("accuracy_required: 0.7", "accuracy_required: 0.85");
        assertEquals("q.yaml:21: applications[0].model.quality.accuracy_required: no variant can meet 0.85 at any "
                + "level: the most accurate operating point is big at 200 px with 0.8", e.getMessage());
    }

    @Test
    void aResolutionLevelTheModelLacks() {
        ScenarioFileException e = fails("big: {200: 0.8, 100: 0.68}", "big: {200: 0.8}");
        assertEquals("q.yaml:24: applications[0].model.quality.accuracy.big.100: the model lacks resolution level "
                + "100 px for variant big: give its accuracy there (levels [200, 100])", e.getMessage());
        e = fails("levels: [200, 100]", "levels: [200, 100, 300]");
        assertTrue(e.getMessage().startsWith("q.yaml:20: applications[0].model.quality.levels[2]: the model lacks "
                + "resolution 300 px: its input is 200 px"), e.getMessage());
        e = fails("small: {200: 0.6, 100: 0.5}", "small: {200: 0.6, 100: 0.5, 50: 0.3}");
        assertTrue(e.getMessage().startsWith("q.yaml:23: applications[0].model.quality.accuracy.small.50: unknown key"),
                e.getMessage());
        e = fails("      small: {200: 0.6, 100: 0.5}\n", "");
        assertTrue(e.getMessage().contains("applications[0].model.quality.accuracy.small: needs the accuracy of "
                + "variant small"), e.getMessage());
        e = fails("      input: 200\n", "");
        assertTrue(e.getMessage().contains("applications[0].model.input: is required (> 0) when the model has "
                + "quality levels"), e.getMessage());
    }
}
