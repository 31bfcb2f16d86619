package org.offload.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.offload.scenario.ApplicationSpec;
import org.offload.scenario.ArrivalSpec;
import org.offload.scenario.CascadeSpec;
import org.offload.scenario.MobilitySpec;
import org.offload.scenario.NetworkSpec;
import org.offload.scenario.PlacementSpec;
import org.offload.scenario.Range;
import org.offload.scenario.Scenario;

class ScenarioLoaderTest {
    private final ScenarioLoader loader = new ScenarioLoader();

    /** A minimal valid scenario; line numbers below refer to it. */
    static final String MINIMAL = """
            duration_s: 100
            devices:
              count: 10
              placement: {area_m: [100, 200]}
            applications:
              - name: A
                usage_percent: 60
                arrival: {process: poisson, mean_interarrival_s: 2}
                task_length_mi: 1000
                upload_kb: 10
                download_kb: 5
                delay_sensitivity: 0.5
                max_delay_s: 1
                vm_utilization: {edge: 5, cloud: 1}
              - name: B
                usage_percent: 40
                arrival: {process: uniform, interarrival_s: [0.3, 0.7]}
                task_length_mi: 2000
                upload_kb: 20
                download_kb: 10
                delay_sensitivity: 0.1
                max_delay_s: 5
                vm_utilization: {edge: 10, cloud: 2}
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

    private ScenarioFileException fails(String yaml, String... overrides) {
        return assertThrows(ScenarioFileException.class, () -> parse(yaml, overrides));
    }

    private static String replace(String yaml, String from, String to) {
        assertTrue(yaml.contains(from), from);
        return yaml.replace(from, to);
    }

    @Test
    void defaultScenarioHasTableOneAndTwoValues() {
        Scenario s = loader.loadDefault(List.of());
        assertEquals("default", s.name());
        assertEquals(1980, s.durationS());
        assertEquals(180, s.warmupS());
        assertEquals(200, s.devices().count());
        assertTrue(s.devices().canComputeLocally(), "the default devices have a CPU: " + s.devices().cpu());
        assertEquals(List.of("AUGMENTED_REALITY", "HEALTH_APP", "HEAVY_COMP_APP", "INFOTAINMENT_APP"),
                s.applicationNames());
        double[][] tableOne = { // length MI, delay sensitivity, upload KB, download KB, usage %
            {9000, 0.9, 1500, 25, 30}, {3000, 0.7, 20, 1250, 20}, {45000, 0.1, 2500, 200, 20},
            {15000, 0.3, 25, 1000, 30}};
        double[] poissonMeans = {2, 3, 20, 7};
        for (int i = 0; i < 4; i++) {
            ApplicationSpec a = s.applications().get(i);
            assertEquals(tableOne[i][0], a.lengthMi());
            assertEquals(tableOne[i][1], a.delaySensitivity());
            assertEquals(tableOne[i][2], a.uploadKb());
            assertEquals(tableOne[i][3], a.downloadKb());
            assertEquals(tableOne[i][4], a.usagePercent());
            assertEquals(ArrivalSpec.Process.POISSON, a.arrival().process());
            assertEquals(poissonMeans[i], a.arrival().meanInterarrivalS());
            assertEquals(ApplicationSpec.Distribution.EXPONENTIAL, a.distribution());
        }
        assertEquals(3, s.edge().sites());
        assertEquals(1, s.edge().hostsPerSite());
        assertEquals(8, s.edge().vmsPerHost());
        assertEquals(2, s.edge().vm().cores());
        assertEquals(10000, s.edge().vm().mips());
        assertEquals(24, s.edge().vmCount());
        assertEquals(1, s.cloud().hosts());
        assertEquals(4, s.cloud().vmsPerHost());
        assertEquals(4, s.cloud().vm().cores());
        assertEquals(20000, s.cloud().vm().mips());
        assertEquals(Range.of(264), s.network().wlan().bandwidthMbps());
        assertEquals(new Range(10, 100), s.network().wan().bandwidthMbps());
        assertEquals(Range.of(1300), s.network().man().bandwidthMbps());
        assertEquals(0.1, s.network().wan().propagationS());
        assertEquals(Scenario.Scheduling.TIME_SHARED, s.scheduling());
    }

    @Test
    void literalScenarioUsesUniformArrivals() {
        Scenario s = loader.loadResource("seed003-literal.yaml", List.of());
        for (ApplicationSpec a : s.applications()) {
            assertEquals(ArrivalSpec.Process.UNIFORM, a.arrival().process());
            assertEquals(new Range(0.3, 0.7), a.arrival().interarrivalS());
            assertEquals(0, a.arrival().activeS());
        }
        Scenario d = loader.loadDefault(List.of());
        assertEquals(d.edge(), s.edge());
        assertEquals(d.cloud(), s.cloud());
        assertEquals(d.network(), s.network());
        assertEquals(d.devices(), s.devices());
        for (int i = 0; i < d.applications().size(); i++) {
            ApplicationSpec a = d.applications().get(i);
            ApplicationSpec b = s.applications().get(i);
            assertEquals(new ApplicationSpec(a.name(), a.usagePercent(), b.arrival(), a.distribution(), a.lengthMi(),
                    a.uploadKb(), a.downloadKb(), a.delaySensitivity(), a.maxDelayS(), a.memoryMb(),
                    a.vmUtilizationEdge(), a.vmUtilizationCloud(), a.vmUtilizationLocal()), b);
        }
    }

    @Test
    void defaultsApplyToOptionalKeys() {
        Scenario s = parse(MINIMAL);
        assertEquals("x", s.name());
        assertEquals(1, s.seed());
        assertEquals(0, s.warmupS());
        assertNull(s.devices().cpu());
        assertEquals(MobilitySpec.NONE, s.devices().mobility());
        assertEquals(new PlacementSpec(PlacementSpec.Type.GRID, 100, 200), s.edge().placement());
        assertEquals(NetworkSpec.Model.SHARED, s.network().model());
        assertEquals(0, s.network().wlan().propagationS());
        assertEquals(100, s.cloud().utilizationLimitPercent());
        assertEquals(1, s.cloud().hosts());
    }

    @Test
    void loadsFromFileAndReportsItsPath(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("bad.yaml");
        Files.writeString(file, replace(MINIMAL, "count: 10", "count: ten"));
        ScenarioFileException e = assertThrows(ScenarioFileException.class, () -> loader.load(file));
        assertEquals(file.toString() + ":3: devices.count: expected an integer, got 'ten'", e.getMessage());
        Files.writeString(file, MINIMAL);
        assertEquals(10, loader.load(file).devices().count());
    }

    @Test
    void policyOptionsAreReadInFileOrderAsText() {
        Scenario s = parse(MINIMAL + "policy_options: {order: ascending, batch_window_s: 0.05, flag: true}\n");
        assertEquals(List.of("order", "batch_window_s", "flag"), List.copyOf(s.policyOptions().keySet()));
        assertEquals("0.05", s.policyOptions().get("batch_window_s"));
        assertEquals("true", s.policyOptions().get("flag"));
        assertEquals(Map.of(), parse(MINIMAL).policyOptions());
        ScenarioFileException e = fails(MINIMAL + "policy_options: {model: [a, b]}\n");
        assertEquals("policy_options.model", e.key());
        assertTrue(e.problem().startsWith("expected text or a number"), e.problem());
        assertEquals("--set: policy_options.x: expected text or a number, got a mapping",
                fails(MINIMAL, "policy_options.x={a: 1}").getMessage());
    }

    @Test
    void aDeviceCpuIsAMappingOrNone() {
        ScenarioFileException e = fails(MINIMAL, "devices.cpu=nothing");
        assertEquals("--set: devices.cpu: expected {cores, mips, memory_mb} or none, got 'nothing'", e.getMessage());
        assertNull(parse(MINIMAL, "devices.cpu=none").devices().cpu());
    }

    @Test
    void euaPlacementTakesNoAreaAndEdgeSitesFollowIt() {
        Scenario s = parse(replace(MINIMAL, "placement: {area_m: [100, 200]}", "placement: {type: eua}"));
        assertEquals(PlacementSpec.eua(), s.devices().placement());
        assertEquals(PlacementSpec.eua(), s.edge().placement());
    }

    @Test
    void euaPlacementRejectsAnArea() {
        ScenarioFileException e = fails(replace(MINIMAL, "placement: {area_m: [100, 200]}",
                "placement: {type: eua, area_m: 1000}"));
        assertEquals(4, e.line());
        assertEquals("devices.placement.area_m", e.key());
        assertTrue(e.problem().contains("does not apply to type eua"), e.problem());
    }

    @Test
    void unknownTopLevelKey() {
        ScenarioFileException e = fails(MINIMAL + "colour: blue\n");
        assertEquals(35, e.line());
        assertEquals("colour", e.key());
        assertTrue(e.problem().contains("allowed keys here: name, seed, duration_s"), e.problem());
    }

    @Test
    void unknownKeyInsideApplication() {
        ScenarioFileException e = fails(replace(MINIMAL, "    upload_kb: 20\n", "    uplod_kb: 20\n"));
        assertEquals(19, e.line());
        assertEquals("applications[1].uplod_kb", e.key());
        assertTrue(e.problem().contains("upload_kb"), e.problem());
    }

    @Test
    void statusUpdateApplications() {
        Scenario s = parse(replace(MINIMAL, "    vm_utilization: {edge: 5, cloud: 1}\n",
                "    vm_utilization: {edge: 5, cloud: 1}\n    status_update: {superseded: drop}\n"));
        assertTrue(s.applications().get(0).statusUpdate().dropsSuperseded());
        assertFalse(s.applications().get(1).isStatusUpdate());
        s = parse(MINIMAL, "applications.B.status_update={}");
        assertFalse(s.applications().get(1).statusUpdate().dropsSuperseded(), "superseded defaults to keep");
        ScenarioFileException e = fails(replace(MINIMAL, "    vm_utilization: {edge: 5, cloud: 1}\n",
                "    vm_utilization: {edge: 5, cloud: 1}\n    status_update: {superseded: newest}\n"));
        assertEquals("scenarios/x.yaml:15: applications[0].status_update.superseded: unknown value 'newest'; "
                + "allowed values: keep, drop", e.getMessage());
        e = fails(replace(MINIMAL, "    vm_utilization: {edge: 5, cloud: 1}\n",
                "    vm_utilization: {edge: 5, cloud: 1}\n    status_update: {drop: true}\n"));
        assertEquals("applications[0].status_update.drop", e.key());
        assertTrue(e.problem().contains("allowed keys here: superseded"), e.problem());
    }

    @Test
    void cascadeApplications() {
        String cascade = "    vm_utilization: {edge: 5, cloud: 1}\n    cascade: {threshold: 0.6, edge_confidence_a: 4,"
                + " cloud_accuracy: 0.95, features_kb: 200}\n";
        Scenario s = parse(replace(MINIMAL, "    vm_utilization: {edge: 5, cloud: 1}\n", cascade));
        assertEquals(new CascadeSpec(0.6, 4, 0.95, 200), s.applications().get(0).cascade());
        assertEquals(null, s.applications().get(1).cascade());
        ScenarioFileException e = fails(replace(MINIMAL, "    vm_utilization: {edge: 5, cloud: 1}\n",
                cascade.replace("threshold: 0.6", "threshold: 1.5")));
        assertEquals("applications[0].cascade.threshold", e.key());
        assertEquals("must be between 0.0 and 1.0, got 1.5", e.problem());
        assertTrue(e.getMessage().startsWith("scenarios/x.yaml:15: "), e.getMessage());
        e = fails(replace(MINIMAL, "    vm_utilization: {edge: 5, cloud: 1}\n",
                cascade.replace("features_kb: 200", "features_kb: 200, thresold: 0.5")));
        assertEquals("applications[0].cascade.thresold", e.key());
        assertTrue(e.problem().contains("allowed keys here: threshold, edge_confidence_a, cloud_accuracy, features_kb"),
                e.problem());
        e = fails(replace(MINIMAL, "    vm_utilization: {edge: 5, cloud: 1}\n",
                cascade.replace("threshold: 0.6, ", "")));
        assertEquals("applications[0].cascade.threshold", e.key());
    }

    @Test
    void wrongType() {
        ScenarioFileException e = fails(replace(MINIMAL, "task_length_mi: 2000", "task_length_mi: abc"));
        assertEquals("scenarios/x.yaml:18: applications[1].task_length_mi: expected a number, got 'abc'",
                e.getMessage());
        e = fails(replace(MINIMAL, "sites: 2", "sites: 2.5"));
        assertEquals("edge.sites", e.key());
        assertEquals("expected an integer, got 2.5", e.problem());
        e = fails(replace(MINIMAL, "  vm: {cores: 2, mips: 10000, memory_mb: 4096}", "  vm: 7"));
        assertEquals("scenarios/x.yaml:27: edge.vm: expected a mapping of keys to values, got 7", e.getMessage());
    }

    @Test
    void outOfRangeValueFromRecordGetsFullPath() {
        ScenarioFileException e = fails(replace(MINIMAL, "task_length_mi: 2000", "task_length_mi: -5"));
        assertEquals("scenarios/x.yaml:18: applications[1].task_length_mi: must be a number > 0, got -5.0",
                e.getMessage());
        e = fails(replace(MINIMAL, "vm: {cores: 2,", "vm: {cores: 0,"));
        assertEquals("edge.vm.cores", e.key());
        assertEquals(27, e.line());
        e = fails(replace(MINIMAL, "wan: {bandwidth_mbps: [10, 50]", "wan: {bandwidth_mbps: [50, 10]"));
        assertEquals("network.wan.bandwidth_mbps", e.key());
        assertEquals(34, e.line());
    }

    @Test
    void missingRequiredKey() {
        ScenarioFileException e = fails(replace(MINIMAL, "    max_delay_s: 5\n", ""));
        assertEquals("applications[1].max_delay_s", e.key());
        assertEquals("is required", e.problem());
        assertEquals(15, e.line());
        e = fails(replace(MINIMAL, "duration_s: 100\n", ""));
        assertEquals("scenarios/x.yaml: duration_s: is required", e.getMessage());
    }

    @Test
    void usageMustSumToHundred() {
        ScenarioFileException e = fails(replace(MINIMAL, "usage_percent: 40", "usage_percent: 30"));
        assertEquals("applications", e.key());
        assertEquals(5, e.line());
        assertTrue(e.problem().contains("add up to 100, got 90.0"), e.problem());
    }

    @Test
    void badEnumListsAllowedValues() {
        ScenarioFileException e = fails(replace(MINIMAL, "process: poisson", "process: gaussian"));
        assertEquals("applications[0].arrival.process", e.key());
        assertEquals(8, e.line());
        assertEquals("unknown value 'gaussian'; allowed values: poisson, uniform", e.problem());
        Scenario s = parse(MINIMAL + "scheduling: FCFS\n", "devices.mobility.type=Random-Waypoint",
                "devices.mobility.speed_mps=[1, 2]");
        assertEquals(Scenario.Scheduling.FCFS, s.scheduling());
        assertEquals(MobilitySpec.Type.RANDOM_WAYPOINT, s.devices().mobility().type());
    }

    @Test
    void edgeCloudSimSemanticsAreOptions() {
        Scenario s = parse(replace(replace(MINIMAL, "mean_interarrival_s: 2}",
                        "mean_interarrival_s: 2, active_s: 40, idle_s: 20, on_off: idle_active}"),
                "placement: {area_m: [100, 200]}",
                "placement: {area_m: [100, 200]}\n  mobility: {type: nomadic, dwell_s: [480, 300], attractiveness: [1, 0]}"));
        assertEquals(ArrivalSpec.OnOff.IDLE_ACTIVE, s.applications().get(0).arrival().onOff());
        assertEquals(Scenario.Admission.ON_DECIDE, s.admission());
        assertEquals(Scenario.Admission.ON_EXECUTE, parse(MINIMAL, "admission=on_execute").admission());
        assertEquals(ArrivalSpec.OnOff.EXPONENTIAL, s.applications().get(1).arrival().onOff());
        assertEquals(MobilitySpec.nomadic(List.of(480.0, 300.0), List.of(1, 0)), s.devices().mobility());
        // one level per edge site, named with the file's line
        ScenarioFileException e = fails(replace(MINIMAL, "placement: {area_m: [100, 200]}",
                "placement: {area_m: [100, 200]}\n  mobility: {type: nomadic, dwell_s: [480], attractiveness: [0]}"));
        assertTrue(e.getMessage().contains("attractiveness") && e.getMessage().contains("one level per edge site (2)"),
                e.getMessage());
        e = fails(replace(MINIMAL, "placement: {area_m: [100, 200]}",
                "placement: {area_m: [100, 200]}\n  mobility: {type: nomadic, dwell_s: [480], speed_mps: 1}"));
        assertEquals("devices.mobility.speed_mps", e.key());
        assertEquals(5, e.line());
        e = fails(replace(MINIMAL, "mean_interarrival_s: 2}", "mean_interarrival_s: 2, on_off: fixed}"));
        assertEquals("applications[0].arrival.on_off", e.key());
        assertTrue(e.problem().contains("exponential, idle_active"), e.problem());
    }

    @Test
    void malformedYamlGivesLine() {
        ScenarioFileException e = fails(replace(MINIMAL, "  count: 10\n", "  count: [10\n"));
        assertEquals("", e.key());
        assertTrue(e.line() >= 3 && e.line() <= 4, "line " + e.line());
        assertTrue(e.getMessage().startsWith("scenarios/x.yaml:" + e.line() + ": invalid YAML: "), e.getMessage());
        e = fails("duration_s: 100\n  devices: 3\n");
        assertEquals(2, e.line());
        e = fails("duration_s: 100\nduration_s: 200\n");
        assertEquals("duration_s", e.key());
        assertEquals(2, e.line());
    }

    @Test
    void overrideNumericByIndexAndByName() {
        Scenario s = parse(MINIMAL, "devices.count=50", "applications[1].upload_kb=33",
                "applications.A.download_kb=7.5", "network.wlan.bandwidth_mbps={min: 5, max: 9}", "seed=42",
                "devices.cpu={cores: 1, mips: 1000, memory_mb: 512}", "applications[0].vm_utilization.local=10",
                "applications.1.vm_utilization.local=20");
        assertEquals(50, s.devices().count());
        assertEquals(33, s.applications().get(1).uploadKb());
        assertEquals(7.5, s.applications().get(0).downloadKb());
        assertEquals(new Range(5, 9), s.network().wlan().bandwidthMbps());
        assertEquals(42, s.seed());
        assertEquals(1000, s.devices().cpu().mips());
        assertEquals(20, s.applications().get(1).vmUtilizationLocal());
        assertNull(loader.loadDefault(List.of("devices.cpu=none")).devices().cpu());
    }

    @Test
    void overrideErrorsNameTheKeyAndSet() {
        ScenarioFileException e = fails(MINIMAL, "edge.vm.colour=red");
        assertEquals("--set", e.file());
        assertEquals(-1, e.line());
        assertEquals("edge.vm.colour", e.key());
        assertTrue(e.getMessage().startsWith("--set: edge.vm.colour: unknown key; allowed keys here: cores"),
                e.getMessage());
        e = fails(MINIMAL, "nosuch.key=1");
        assertTrue(e.getMessage().startsWith("--set: nosuch: unknown key; allowed keys here: name,"), e.getMessage());
        e = fails(MINIMAL, "applications.C.upload_kb=1");
        assertEquals("--set", e.file());
        assertTrue(e.problem().contains("names: A, B"), e.problem());
        e = fails(MINIMAL, "applications[5].upload_kb=1");
        assertEquals("--set", e.file());
        assertEquals("--set: applications[99999999999].upload_kb: index 99999999999 is out of range",
                fails(MINIMAL, "applications[99999999999].upload_kb=1").getMessage());
        assertEquals("--set: applications.99999999999: index 99999999999 is out of range; applications has 2"
                + " elements (0-based)", fails(MINIMAL, "applications.99999999999.upload_kb=1").getMessage());
        ScenarioFileException both = fails(MINIMAL, "applications[1].arrival.interarrival_s[0]=9");
        assertEquals("scenarios/x.yaml", both.file());
        assertTrue(both.problem().endsWith("(after --set applications[1].arrival.interarrival_s[0])"), both.problem());
        e = fails(MINIMAL, "applications[1].task_length_mi=-5");
        assertEquals("--set: applications[1].task_length_mi: must be a number > 0, got -5.0", e.getMessage());
        e = fails(MINIMAL, "devices.count");
        assertEquals("--set", e.file());
        e = fails(MINIMAL, "devices.count.x=1");
        assertEquals("--set", e.file());
        assertEquals("devices.count", e.key());
    }

    @Test
    void localUtilizationRequiredWhenDevicesCompute() {
        ScenarioFileException e = fails(MINIMAL, "devices.cpu={cores: 1, mips: 1000, memory_mb: 512}");
        assertEquals("applications[0].vm_utilization.local", e.key());
        assertEquals(14, e.line());
    }
}
