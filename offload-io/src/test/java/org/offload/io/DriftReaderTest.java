package org.offload.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.offload.model.Tier;
import org.offload.scenario.DriftSpec;
import org.offload.scenario.LearningCurve;
import org.offload.scenario.Scenario;

/** The {@code drift} block of an application: read as written, defaults, and bad input naming file, line and key. */
class DriftReaderTest {
    private final ScenarioLoader loader = new ScenarioLoader();

    /** A scenario with one continual-learning application; line numbers below refer to it. */
    private static final String SCENARIO = """
            duration_s: 600
            devices:
              count: 10
              placement: {area_m: [100, 200]}
            applications:
              - name: CAMERA
                usage_percent: 100
                arrival: {process: poisson, mean_interarrival_s: 2}
                task_length_mi: 1000
                upload_kb: 10
                download_kb: 5
                delay_sensitivity: 0.5
                max_delay_s: 1
                vm_utilization: {edge: 5, cloud: 1}
                drift:
                  accuracy: {max: 0.92, b: 2.0, c: 0.5, floor: 0.1}
                  initial_samples: 4000
                  rate_per_s: 0.001
                  events: [{at_s: 100, severity: 0.8}]
                  task_change: {at_s: 300, meta_factor: 4}
                  sample: {kb: 60, value_k: 1}
                  upload: {policy: budgeted, period_s: 60, budget_kb: 600}
                  retrain: {tier: cloud, mi_per_sample: 1000, base_mi: 20000, model_kb: 5000, vm_utilization: 20}
                  series_s: 30
            edge:
              sites: 2
              vms_per_host: 4
              vm: {cores: 2, mips: 10000, memory_mb: 4096}
            cloud:
              vms_per_host: 2
              vm: {cores: 4, mips: 20000, memory_mb: 8192}
            network:
              wlan: {bandwidth_mbps: 100}
              man: {bandwidth_mbps: 1000}
              wan: {bandwidth_mbps: [10, 50], propagation_s: 0.1}
            """;

    private Scenario parse(String yaml, String... overrides) {
        return loader.parse(yaml, "scenarios/x.yaml", List.of(overrides));
    }

    private ScenarioFileException fails(String from, String to) {
        assertTrue(SCENARIO.contains(from), from);
        return assertThrows(ScenarioFileException.class, () -> parse(SCENARIO.replace(from, to)));
    }

    @Test
    void readsTheBlockAsWritten() {
        DriftSpec d = parse(SCENARIO).applications().get(0).drift();
        assertEquals(new LearningCurve(0.92, 2, 0.5, 0.1), d.curve());
        assertEquals(4000, d.initialSamples());
        assertEquals(0.001, d.ratePerS());
        assertEquals(List.of(new DriftSpec.Event(100, 0.8)), d.events());
        assertEquals(new DriftSpec.TaskChange(300, 4), d.taskChange());
        assertEquals(60, d.sampleKb());
        assertEquals(1, d.valueK());
        assertEquals(DriftSpec.Upload.Policy.BUDGETED, d.upload().policy());
        assertEquals(600, d.upload().budgetKb());
        assertTrue(Double.isNaN(d.upload().budgetJ()));
        assertEquals(new DriftSpec.Retrain(Tier.CLOUD, 1000, 20000, 5000, 20, 0), d.retrain());
        assertEquals(30, d.seriesS());
        DriftSpec minimal = parse(SCENARIO.replace("      rate_per_s: 0.001\n", "")
                .replace("      events: [{at_s: 100, severity: 0.8}]\n", "")
                .replace("      task_change: {at_s: 300, meta_factor: 4}\n", "")
                .replace("      series_s: 30\n", "")
                .replace("sample: {kb: 60, value_k: 1}", "sample: {kb: 60}")).applications().get(0).drift();
        assertEquals(0, minimal.ratePerS());
        assertEquals(List.of(), minimal.events());
        assertNull(minimal.taskChange());
        assertEquals(0, minimal.valueK());
        assertEquals(6, minimal.seriesS(), "duration / 100");
        assertEquals(DriftSpec.Upload.Policy.SELECTIVE, parse(SCENARIO,
                "applications.CAMERA.drift.upload.policy=selective", "applications.CAMERA.drift.upload.threshold=0.7")
                .applications().get(0).drift().upload().policy());
    }

    @Test
    void aNegativeDriftRateNamesFileLineAndKey() {
        ScenarioFileException e = fails("rate_per_s: 0.001", "rate_per_s: -0.001");
        assertEquals("scenarios/x.yaml:18: applications[0].drift.rate_per_s: must be a number >= 0, got -0.001",
                e.getMessage());
    }

    @Test
    void anUnknownUploadPolicyNamesTheAllowedOnes() {
        ScenarioFileException e = fails("policy: budgeted", "policy: sometimes");
        assertEquals("applications[0].drift.upload.policy", e.key());
        assertEquals(22, e.line());
        assertTrue(e.problem().contains("allowed values: none, periodic, selective, budgeted"), e.problem());
    }

    @Test
    void aBudgetOfZeroOrLessIsRefused() {
        ScenarioFileException e = fails("budget_kb: 600", "budget_kb: 0");
        assertEquals("scenarios/x.yaml:22: applications[0].drift.upload.budget_kb: must be a number > 0, got 0.0",
                e.getMessage());
        e = fails("budget_kb: 600", "budget_j: -1");
        assertEquals("applications[0].drift.upload.budget_j", e.key());
        assertEquals("must be a number > 0, got -1.0", e.problem());
        e = fails(", budget_kb: 600", "");
        assertEquals("applications[0].drift.upload.budget_kb", e.key());
        assertEquals("is required for policy budgeted (or budget_j)", e.problem());
    }

    @Test
    void otherBadValuesNameTheirKey() {
        assertEquals("applications[0].drift.events[0].severity", fails("severity: 0.8", "severity: 1").key());
        assertEquals("applications[0].drift.task_change.meta_factor",
                fails("meta_factor: 4", "meta_factor: 0.5").key());
        assertEquals("applications[0].drift.accuracy.max", fails("floor: 0.1", "floor: 0.95").key());
        assertEquals("applications[0].drift.retrain.tier", fails("tier: cloud", "tier: local").key());
        assertEquals("applications[0].drift.upload.threshold",
                fails("policy: budgeted", "policy: selective").key());
        ScenarioFileException e = fails("series_s: 30", "series_s: 30\n      rate: 1");
        assertEquals("applications[0].drift.rate", e.key());
        assertTrue(e.problem().startsWith("unknown key") && e.problem().contains("rate_per_s"), e.problem());
    }

    @Test
    void theShippedScenarioLoads() {
        Path file = Path.of("../scenarios/drift.yaml");
        assertTrue(Files.exists(file), file.toAbsolutePath().toString());
        Scenario s = loader.load(file, List.of());
        assertEquals(DriftSpec.Upload.Policy.PERIODIC, s.applications().get(0).drift().upload().policy());
    }
}
