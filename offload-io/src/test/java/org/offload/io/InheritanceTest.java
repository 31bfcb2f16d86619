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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.offload.scenario.ApplicationSpec;
import org.offload.scenario.MobilitySpec;
import org.offload.scenario.Range;
import org.offload.scenario.Scenario;

/** {@code extends:}: a scenario that states only what differs from another, with errors located in either file. */
class InheritanceTest {
    private final ScenarioLoader loader = new ScenarioLoader();
    private final Scenario defaults = loader.loadDefault(List.of());

    @TempDir
    Path dir;

    private Path write(String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
        return file;
    }

    private ScenarioFileException fails(Path file, String... overrides) {
        return assertThrows(ScenarioFileException.class, () -> loader.load(file, List.of(overrides)));
    }

    @Test
    void aBundledParentGivesEverythingTheFileDoesNotChange() throws IOException {
        Path file = write("busy.yaml", """
                extends: default
                duration_s: 600
                devices: {count: 400}
                applications:
                  - name: HEALTH_APP
                    upload_kb: 30
                """);
        Scenario s = loader.load(file);
        assertEquals("busy", s.name(), "a scenario is named after its own file, not its parent's name");
        assertEquals(600, s.durationS());
        assertEquals(defaults.warmupS(), s.warmupS());
        assertEquals(400, s.devices().count());
        assertEquals(defaults.devices().cpu(), s.devices().cpu(), "devices: merged key by key");
        assertEquals(defaults.applicationNames(), s.applicationNames(), "applications merged by name, in order");
        ApplicationSpec health = s.applications().get(1);
        assertEquals(30, health.uploadKb());
        assertEquals(defaults.applications().get(1).downloadKb(), health.downloadKb());
        assertEquals(defaults.edge(), s.edge());
        assertEquals(defaults.network(), s.network());
        assertEquals(defaults.withDevices(400).withDuration(600, defaults.warmupS()).applications().get(0),
                s.applications().get(0));
    }

    @Test
    void aParentPathIsRelativeToTheExtendingFileAndChainsResolve(@TempDir Path elsewhere) throws IOException {
        write("base/base.yaml", "extends: default\nname: base\nseed: 7\nnetwork: {model: mm1}\n");
        Path child = write("studies/mobile/child.yaml", """
                extends: ../../base/base.yaml
                devices:
                  mobility: {type: random_waypoint, speed_mps: [1, 2]}
                """);
        Scenario s = loader.load(child);
        assertEquals("child", s.name());
        assertEquals(7, s.seed());
        assertEquals(org.offload.scenario.NetworkSpec.Model.MM1, s.network().model());
        assertEquals(new MobilitySpec(MobilitySpec.Type.RANDOM_WAYPOINT, new Range(1, 2), Range.of(0)),
                s.devices().mobility());
    }

    @Test
    void errorsNameTheFileAndLineWhereTheBadValueIs() throws IOException {
        Path parent = write("parent.yaml", "extends: default\nedge: {sites: 0}\n");
        ScenarioFileException inParent = fails(write("child.yaml", "extends: parent.yaml\nduration_s: 600\n"));
        assertEquals(parent.toString(), inParent.file());
        assertEquals(2, inParent.line());
        assertEquals("edge.sites", inParent.key());
        Path child = write("child2.yaml", "extends: parent.yaml\nduration_s: 600\nedge:\n  sites: -1\n");
        ScenarioFileException inChild = fails(child);
        assertEquals(child.toString(), inChild.file());
        assertEquals(4, inChild.line());
        assertEquals(3, loader.load(write("fixed.yaml", "extends: parent.yaml\nedge: {sites: 3}\n")).edge().sites());
        ScenarioFileException bundled = fails(write("short.yaml", "extends: default\nduration_s: 100\n"));
        assertEquals("default.yaml (bundled)", bundled.file(), "the warm-up comes from the bundled default");
        assertEquals("warmup_s", bundled.key());
        assertEquals(31, bundled.line());
    }

    @Test
    void unknownKeysAreStillErrorsWithASuggestion() throws IOException {
        Path file = write("typo.yaml", "extends: default\nduraton_s: 600\n");
        ScenarioFileException e = fails(file);
        assertEquals(file + ":2: duraton_s: unknown key (did you mean 'duration_s'?); allowed keys here: name, seed, "
                + "duration_s, warmup_s, drain_s, policy, policy_options, scheduling, admission, devices, applications, edge, "
                + "cloud, network, qos, sweep", e.getMessage());
        ScenarioFileException inApp = fails(write("app.yaml", "extends: default\napplications:\n  - name: HEALTH_APP\n"
                + "    uplod_kb: 3\n"));
        assertEquals(4, inApp.line());
        assertEquals("applications[1].uplod_kb", inApp.key(), "the merged element's index, the file's line");
    }

    @Test
    void aNewApplicationIsAppendedAndTheSharesMustStillAddUp() throws IOException {
        Path file = write("more.yaml", """
                extends: default
                applications:
                  - name: ECG
                    usage_percent: 10
                    arrival: {process: poisson, mean_interarrival_s: 5}
                    task_length_mi: 1000
                    upload_kb: 10
                    download_kb: 1
                    delay_sensitivity: 0.9
                    max_delay_s: 1
                    vm_utilization: {edge: 5, cloud: 1, local: 20}
                """);
        ScenarioFileException e = fails(file);
        assertEquals("applications", e.key());
        assertEquals(file.toString(), e.file());
        assertEquals(2, e.line());
        assertTrue(e.problem().contains("add up to 100, got 110.0"), e.problem());
        Scenario s = loader.load(file, List.of("applications.INFOTAINMENT_APP.usage_percent=20"));
        assertEquals(List.of("AUGMENTED_REALITY", "HEALTH_APP", "HEAVY_COMP_APP", "INFOTAINMENT_APP", "ECG"),
                s.applicationNames());
    }

    @Test
    void replaceListsKeysWhoseValueReplacesTheParentsWhole() throws IOException {
        Path file = write("one.yaml", """
                extends:
                  scenario: default
                  replace: [applications]
                applications:
                  - name: ONLY
                    usage_percent: 100
                    arrival: {process: poisson, mean_interarrival_s: 5}
                    task_length_mi: 1000
                    upload_kb: 10
                    download_kb: 1
                    delay_sensitivity: 0.9
                    max_delay_s: 1
                    vm_utilization: {edge: 5, cloud: 1, local: 20}
                """);
        assertEquals(List.of("ONLY"), loader.load(file).applicationNames());
        ScenarioFileException e = fails(write("bad.yaml", "extends: {scenario: default, replace: [aplications]}\n"
                + "duration_s: 600\n"));
        assertEquals("extends.replace", e.key());
        assertEquals(1, e.line());
        assertTrue(e.problem().startsWith("'aplications' is not a key this file gives"), e.problem());
        ScenarioFileException k = fails(write("badkey.yaml", "extends: {scenario: default, replce: [x]}\n"));
        assertEquals("unknown key (did you mean 'replace'?); allowed keys here: scenario, replace", k.problem());
    }

    @Test
    void otherListsAndNumbersReplaceAndNullRemoves() throws IOException {
        Scenario s = loader.load(write("net.yaml", """
                extends: default
                network:
                  wan: {bandwidth_mbps: [5, 50]}
                devices: {cpu: ~}
                """));
        assertEquals(new Range(5, 50), s.network().wan().bandwidthMbps());
        assertEquals(defaults.network().wan().propagationS(), s.network().wan().propagationS());
        assertNull(s.devices().cpu(), "null removes the parent's value: devices without a CPU");
    }

    @Test
    void cyclesAndMissingParentsAreClearErrors() throws IOException {
        Path a = write("a.yaml", "extends: b.yaml\nduration_s: 10\n");
        Path b = write("b.yaml", "extends: a.yaml\n");
        ScenarioFileException cycle = fails(a);
        assertEquals(b + ":1: extends: extends itself: " + a + " -> " + b + " -> " + a, cycle.getMessage());
        Path self = write("self.yaml", "extends: ./self.yaml\n");
        assertEquals(self + ":1: extends: extends itself: " + self + " -> " + self, fails(self).getMessage());
        Path orphan = write("orphan.yaml", "duration_s: 10\nextends: gone.yaml\n");
        assertEquals(orphan + ":2: extends: cannot read " + dir.resolve("gone.yaml") + ": no such file",
                fails(orphan).getMessage());
        Path typo = write("typo.yaml", "extends: defualt\n");
        ScenarioFileException e = fails(typo);
        assertTrue(e.getMessage().startsWith(typo + ":1: extends: no bundled scenario 'defualt' (did you mean "
                + "'default'?); bundled: "), e.getMessage());
        assertTrue(e.problem().contains("default, ") && e.problem().endsWith("(a file is named by a path such as "
                + "./defualt.yaml)"), e.problem());
        ScenarioFileException text = assertThrows(ScenarioFileException.class,
                () -> loader.parse("extends: ../x.yaml\n", "x (bundled)", List.of()));
        assertEquals("extends", text.key());
    }

    @Test
    void theEffectiveScenarioIsSelfContained(@TempDir Path elsewhere) throws IOException {
        write("base.yaml", "extends: default\nseed: 9\n# a comment the copy need not keep\n");
        Path child = write("child.yaml", "extends: base.yaml\nduration_s: 700\napplications:\n"
                + "  - {name: HEALTH_APP, upload_kb: 31}\n");
        Scenario original = loader.load(child, List.of("devices.count=50"));
        String effective = ResultWriter.effectiveScenarioYaml(original.name(), child.toString(),
                Files.readString(child), List.of("devices.count=50"));
        assertTrue(effective.contains("# Extends: base.yaml (merged in below, so this file stands alone)"),
                effective);
        assertFalse(effective.contains("\nextends:"), effective);
        Path copy = elsewhere.resolve("scenario.yaml");
        Files.writeString(copy, effective);
        assertEquals(original, loader.load(copy), "the copy loads, away from its parents, into the same scenario");
        String noOverrides = ResultWriter.effectiveScenarioYaml("child", child.toString(), Files.readString(child),
                List.of());
        Files.writeString(copy, noOverrides);
        assertEquals(loader.load(child), loader.load(copy));
    }

    @Test
    void theBundledScenariosAreListedByName() {
        List<String> names = ScenarioLoader.bundledScenarios();
        assertTrue(names.containsAll(List.of("default", "seed003-literal", "profile", "aigc")), names.toString());
        assertTrue(Inheritance.isBundledName("default"), "a name without folder or .yaml is a bundled scenario");
        assertFalse(Inheritance.isBundledName("default.yaml"), "a .yaml ending makes it a path");
        assertFalse(Inheritance.isBundledName("../default"), "a folder makes it a path");
    }
}
