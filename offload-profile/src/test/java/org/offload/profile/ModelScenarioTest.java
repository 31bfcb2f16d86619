package org.offload.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.offload.io.ScenarioFileException;
import org.offload.io.ScenarioLoader;
import org.offload.metrics.SimulationResult;
import org.offload.metrics.TaskRecord;
import org.offload.model.Tier;
import org.offload.profile.arch.Arch;
import org.offload.profile.arch.Family;
import org.offload.scenario.ApplicationSpec;
import org.offload.scenario.ModelVariant;
import org.offload.scenario.Scenario;
import org.offload.sim.OffloadSimulation;

/** Scenarios that name an AI model: the predicted demand reaches the simulator; accuracy-aware vs largest model. */
class ModelScenarioTest {
    private static final ScenarioLoader LOADER = new ScenarioLoader();

    private static Scenario bundled(String... overrides) {
        return LOADER.loadResource("profile.yaml", List.of(overrides));
    }

    @Test
    void loaderFillsTheDemandTableFromThePredictor() {
        Scenario s = bundled();
        ApplicationSpec app = s.applications().get(0);
        assertTrue(app.hasModel(), app.name() + " names an AI model");
        List<ModelVariant> v = app.model().variants();
        assertEquals(List.of("resnet18", "resnet34", "resnet50"), v.stream().map(ModelVariant::name).toList());
        for (ModelVariant x : v) {
            assertEquals("predictor:gbt", x.demand().source());
        }
        assertTrue(v.get(2).demand().edgeMi() > v.get(0).demand().edgeMi(), "ResNet-50 needs more work than ResNet-18");
        assertEquals(2, app.model().defaultVariant(), "the most accurate variant is the default");
        // The application's nominal length and memory are the default variant's on an edge VM.
        assertEquals(v.get(2).demand().edgeMi(), app.lengthMi(), 1e-9);

        // The table is the predictor's latency on one edge core, scaled to the VM's MIPS.
        ProfileDemandResolver r = new ProfileDemandResolver();
        double[] d = r.demandOn(Arch.forVariant(Family.RESNET, "resnet18", 224), s.edge().vm());
        assertEquals(d[0], v.get(0).demand().edgeMi(), 1e-9);
        assertEquals(d[1], v.get(0).demand().edgeMemoryMb(), 1e-9);
    }

    @Test
    void predictedDemandReachesTheSimulator() {
        // One device, rare tasks: every task runs alone, so its processing time is exactly work / MIPS.
        Scenario s = bundled("devices.count=1", "applications[0].arrival.mean_interarrival_s=5", "duration_s=200",
                "warmup_s=0");
        ModelVariant r18 = s.applications().get(0).model().variant(0);
        for (String variant : new String[] {"resnet18", "largest"}) {
            List<TaskRecord> records = new ArrayList<>();
            SimulationResult res = OffloadSimulation.builder(s.withPolicy("profile-aware"))
                    .policyOptions(Map.of("variant", variant)).taskListener(records::add).build().run();
            ModelVariant used = variant.equals("largest") ? s.applications().get(0).model().variant(2) : r18;
            assertFalse(records.isEmpty(), variant + ": no task ended");
            int checked = 0;
            for (TaskRecord t : records) {
                boolean alone = records.stream().noneMatch(o -> o != t && o.createdS() < t.endedS()
                        && t.createdS() < o.endedS());
                if (!t.completed() || !alone) {
                    continue;
                }
                double mips = t.tier() == Tier.LOCAL ? s.devices().cpu().mips()
                        : t.tier() == Tier.EDGE ? s.edge().vm().mips() : s.cloud().vm().mips();
                assertEquals(used.demand().lengthMi(t.tier()) / mips, t.processingS(), 1e-9, t.toString());
                checked++;
            }
            assertTrue(checked > 10, "completed tasks: " + checked);
            assertEquals(used.accuracy(), res.overall().meanAccuracy(), 1e-12);
        }
    }

    @Test
    void accuracyAwareMeetsDeadlinesAtLeastAsOftenAsTheLargestModel() {
        for (int devices : new int[] {180, 300}) {
            Scenario s = bundled("devices.count=" + devices, "duration_s=240", "warmup_s=30");
            SimulationResult largest = OffloadSimulation.builder(s.withPolicy("profile-aware"))
                    .policyOptions(Map.of("variant", "largest")).build().run();
            SimulationResult aware = OffloadSimulation.builder(s.withPolicy("accuracy-aware")).build().run();
            assertTrue(aware.overall().deadlineMetRate() >= largest.overall().deadlineMetRate(),
                    devices + " devices: accuracy-aware " + aware.overall().deadlineMetRate() + " vs largest "
                            + largest.overall().deadlineMetRate());
            assertTrue(aware.overall().meanAccuracy() > 0.6976, "above the smallest model's accuracy");
        }
    }

    @Test
    void unknownVariantIsReportedAtItsLine() {
        String yaml = """
                duration_s: 10
                devices: {count: 1, placement: {area_m: 100}}
                applications:
                  - name: A
                    usage_percent: 100
                    arrival: {process: poisson, mean_interarrival_s: 1}
                    upload_kb: 10
                    download_kb: 1
                    delay_sensitivity: 0.5
                    max_delay_s: 1
                    vm_utilization: {edge: 10, cloud: 5}
                    model:
                      family: resnet
                      variants:
                        - {name: resnet18, accuracy: 0.69}
                        - {name: resnet19, accuracy: 0.7}
                edge: {sites: 1, vms_per_host: 1, vm: {cores: 1, mips: 1000, memory_mb: 1000}}
                cloud: {vms_per_host: 1, vm: {cores: 1, mips: 1000, memory_mb: 1000}}
                network: {wlan: {bandwidth_mbps: 10}, man: {bandwidth_mbps: 10}, wan: {bandwidth_mbps: 10}}
                """;
        ScenarioFileException e = assertThrows(ScenarioFileException.class, () -> LOADER.parse(yaml, "m.yaml", List.of()));
        assertTrue(e.getMessage().startsWith("m.yaml:16: applications[0].model.variants[1].name: unknown resnet variant"),
                e.getMessage());
        ScenarioFileException f = assertThrows(ScenarioFileException.class,
                () -> LOADER.parse(yaml.replace("family: resnet", "family: vgg"), "m.yaml", List.of()));
        assertTrue(f.getMessage().startsWith("m.yaml:13: applications[0].model.family: unknown model family 'vgg'"),
                f.getMessage());
    }
}
