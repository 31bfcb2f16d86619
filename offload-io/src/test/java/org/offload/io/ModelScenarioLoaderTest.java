package org.offload.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.offload.metrics.SimulationResult;
import org.offload.metrics.TaskRecord;
import org.offload.model.Decision;
import org.offload.model.Tier;
import org.offload.scenario.ApplicationSpec;
import org.offload.scenario.ModelSpec;
import org.offload.scenario.Scenario;
import org.offload.sim.OffloadSimulation;

/** The optional {@code model:} block of an application, without a predictor on the class path. */
class ModelScenarioLoaderTest {
    private static final String YAML = """
            duration_s: 100
            devices: {count: 1, placement: {area_m: 100}}
            applications:
              - name: A
                usage_percent: 100
                arrival: {process: uniform, interarrival_s: [5, 6]}
                distribution: fixed
                upload_kb: 10
                download_kb: 1
                delay_sensitivity: 0.5
                max_delay_s: 5
                vm_utilization: {edge: 10, cloud: 5}
                model:
                  family: resnet
                  variants:
                    - {name: small, accuracy: 0.6, length_mi: 100, memory_mb: 10}
                    - {name: big, accuracy: 0.8, length_mi: {edge: 400, cloud: 300}, memory_mb: 50}
            edge: {sites: 1, vms_per_host: 1, vm: {cores: 1, mips: 1000, memory_mb: 1000}}
            cloud: {vms_per_host: 1, vm: {cores: 1, mips: 1000, memory_mb: 1000}}
            network: {wlan: {bandwidth_mbps: 100}, man: {bandwidth_mbps: 100}, wan: {bandwidth_mbps: 100}}
            """;

    private static Scenario parse(String yaml) {
        return new ScenarioLoader(null).parse(yaml, "m.yaml", List.of());
    }

    @Test
    void explicitDemandsNeedNoPredictor() {
        Scenario s = parse(YAML);
        ApplicationSpec app = s.applications().get(0);
        ModelSpec m = app.model();
        assertEquals(1, m.defaultVariant());
        assertEquals(400, app.lengthMi(), "nominal length: the default (most accurate) variant on an edge VM");
        assertEquals(50, app.memoryMb());
        assertEquals(300, m.variant(1).demand().lengthMi(Tier.CLOUD));
        assertEquals(400, m.variant(1).demand().lengthMi(Tier.LOCAL), "local defaults to the edge value");
        assertEquals("scenario", m.variant(0).demand().source());
    }

    @Test
    void theDecisionsVariantSetsWorkAndAccuracy() {
        Scenario s = parse(YAML);
        for (int variant : new int[] {-1, 0}) {
            List<TaskRecord> records = new ArrayList<>();
            SimulationResult r = OffloadSimulation.builder(s)
                    .policy("edge-variant", (task, view) -> Decision.edge(0).withVariant(variant))
                    .taskListener(records::add).build().run();
            double mi = variant == 0 ? 100 : 400;
            assertTrue(records.stream().filter(TaskRecord::completed).count() > 5,
                    records.stream().filter(TaskRecord::completed).count() + " completed tasks");
            records.stream().filter(TaskRecord::completed)
                    .forEach(t -> assertEquals(mi / 1000, t.processingS(), 1e-9, t.toString()));
            assertEquals(variant == 0 ? 0.6 : 0.8, r.overall().meanAccuracy(), 1e-12);
            assertEquals(1.0, r.overall().deadlineMetRate(), 1e-12);
        }
    }

    @Test
    void withoutPredictorMissingDemandsAreAnError() {
        ScenarioFileException e = assertThrows(ScenarioFileException.class,
                () -> parse(YAML.replace(", length_mi: 100, memory_mb: 10", "")));
        assertTrue(e.getMessage().startsWith("m.yaml:16: applications[0].model.variants[0]: needs length_mi and memory_mb"),
                e.getMessage());
    }

    @Test
    void strictKeys() {
        ScenarioFileException e = assertThrows(ScenarioFileException.class,
                () -> parse(YAML.replace("distribution: fixed", "distribution: fixed\n    task_length_mi: 5")));
        assertTrue(e.getMessage().contains("applications[0].task_length_mi: not allowed beside model"), e.getMessage());
        ScenarioFileException f = assertThrows(ScenarioFileException.class,
                () -> parse(YAML.replace("{name: small, accuracy: 0.6, length_mi: 100, memory_mb: 10}",
                        "{name: small, accuracy: 1.6, length_mi: 100, memory_mb: 10}")));
        assertTrue(f.getMessage().startsWith("m.yaml:16: applications[0].model.variants[0].accuracy: must be between"),
                f.getMessage());
        ScenarioFileException g = assertThrows(ScenarioFileException.class,
                () -> parse(YAML.replace("family: resnet", "family: resnet\n      colour: red")));
        assertTrue(g.getMessage().contains("applications[0].model.colour: unknown key"), g.getMessage());
    }

    @Test
    void applicationsWithoutModelAreUnchanged() {
        Scenario s = new ScenarioLoader(null).loadDefault(List.of());
        s.applications().forEach(a -> assertNull(a.model()));
    }
}
