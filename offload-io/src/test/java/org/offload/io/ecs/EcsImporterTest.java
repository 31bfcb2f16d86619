package org.offload.io.ecs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.offload.io.ScenarioLoader;
import org.offload.scenario.ApplicationSpec;
import org.offload.scenario.ArrivalSpec;
import org.offload.scenario.MobilitySpec;
import org.offload.scenario.Scenario;

/** The importer reads EdgeCloudSim's sample_app1-5 configurations (credited copies in test resources). */
class EcsImporterTest {
    @TempDir
    Path tmp;

    static Path sample(int app) {
        try {
            return Path.of(EcsImporterTest.class.getResource("/edgecloudsim/sample_app" + app).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Scenario load(EcsImporter.Result r) {
        return new ScenarioLoader().parse(r.yaml(), "imported.yaml", List.of());
    }

    @Test
    void allFiveSampleAppsImportToValidScenariosWithASourceOnEveryValue() {
        for (int app = 1; app <= 5; app++) {
            EcsImporter.Result r = EcsImporter.importDirectory(sample(app));
            Scenario s = load(r);
            assertTrue(s.devices().count() > 0, "sample_app" + app);
            assertEquals(MobilitySpec.Type.NOMADIC, s.devices().mobility().type());
            for (ApplicationSpec a : s.applications()) {
                assertEquals(ArrivalSpec.OnOff.IDLE_ACTIVE, a.arrival().onOff(), "sample_app" + app + " " + a.name());
            }
            for (String line : r.yaml().split("\n")) {
                String t = line.strip();
                boolean value = !t.isEmpty() && !t.startsWith("#") && !t.endsWith(":") && !t.startsWith("- name:");
                if (value) {
                    assertTrue(t.contains(" # "), "sample_app" + app + ": no source comment on '" + t + "'");
                }
            }
            // every warning is also a comment in the file
            for (String w : r.warnings()) {
                assertTrue(r.yaml().contains("# WARNING " + w), w);
            }
        }
    }

    @Test
    void sampleApp4ValuesComeFromItsConfig() {
        EcsImporter.Result r = EcsImporter.importDirectory(sample(4));
        Scenario s = load(r);
        assertEquals(33 * 60, s.durationS());
        assertEquals(3 * 60, s.warmupS());
        assertEquals(200, s.devices().count());
        assertEquals(Scenario.Admission.ON_EXECUTE, s.admission());
        assertTrue(!s.devices().canComputeLocally(), "sample_app4 devices have no CPU");
        assertEquals(List.of(480.0, 300.0, 120.0), s.devices().mobility().dwellS());
        assertEquals(List.of(0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 2, 2, 2, 2), s.devices().mobility().attractiveness());
        assertEquals(14, s.edge().sites());
        assertEquals(8, s.edge().vmsPerHost());
        assertEquals(2, s.edge().vm().cores());
        assertEquals(10000, s.edge().vm().mips());
        assertEquals(4, s.cloud().vmsPerHost());
        assertEquals(4, s.cloud().vm().cores());
        assertEquals(100000, s.cloud().vm().mips());
        ApplicationSpec ar = s.applications().get(0);
        assertEquals("AUGMENTED_REALITY", ar.name());
        assertEquals(new ArrivalSpec(ArrivalSpec.Process.POISSON, 2, null, 40, 20, ArrivalSpec.OnOff.IDLE_ACTIVE),
                ar.arrival());
        assertEquals(9000, ar.lengthMi());
        assertEquals(1500, ar.uploadKb());
        assertEquals(0.6, ar.vmUtilizationCloud());
        // the MAN is 1300 x 1024 kbit/s (FuzzyExperimentalNetworkModel.MAN_BW), not 1300 Mbit/s
        assertEquals(1331.2, s.network().man().bandwidthMbps().min(), 1e-9);
        assertEquals(0.005, s.network().man().propagationS());
        assertTrue(r.yaml().contains("policies: [ecs-network-based, utilization-based, sonmez-fuzzy, flores, "
                + "ecs-hybrid]"), r.yaml());
        assertTrue(r.yaml().contains("devices: \"200..2400:200\""), r.yaml());
        assertTrue(r.warnings().stream().anyMatch(w -> w.contains("wan_propagation_delay")), r.warnings().toString());
    }

    @Test
    void settingsOffloadCannotExpressAreWarnings() {
        List<String> app5 = EcsImporter.importDirectory(sample(5)).warnings();
        for (String expected : List.of("PREDICTIVE", "GAME_THEORY", "MAB", "AI_BASED", "gsm_bandwidth",
                "wan_propogation_delay", "ITS_SCENARIO")) {
            assertTrue(app5.stream().anyMatch(w -> w.contains(expected)), expected + " in " + app5);
        }
        List<String> app1 = EcsImporter.importDirectory(sample(1)).warnings();
        assertTrue(app1.stream().anyMatch(w -> w.contains("NEXT_FIT")), app1.toString());
        assertTrue(app1.stream().anyMatch(w -> w.contains("SINGLE_TIER")), app1.toString());
    }

    private Path copyOf4() throws IOException {
        return copyOf4("cfg");
    }

    private Path copyOf4(String name) throws IOException {
        Path dir = Files.createDirectories(tmp.resolve(name));
        for (String f : List.of(EcsConfig.PROPERTIES, EcsConfig.APPLICATIONS, EcsConfig.EDGE_DEVICES)) {
            Files.copy(sample(4).resolve(f), dir.resolve(f));
        }
        return dir;
    }

    private static void replace(Path file, String from, String to) throws IOException {
        String text = Files.readString(file);
        assertTrue(text.contains(from), from);
        Files.writeString(file, text.replaceFirst(java.util.regex.Pattern.quote(from), to));
    }

    private static EcsImportException fails(Path dir) {
        return assertThrows(EcsImportException.class, () -> EcsImporter.importDirectory(dir));
    }

    @Test
    void badInputNamesFileAndPropertyOrElement() throws IOException {
        Path dir = copyOf4();
        Files.delete(dir.resolve(EcsConfig.EDGE_DEVICES));
        EcsImportException e = fails(dir);
        assertTrue(e.file().endsWith(EcsConfig.EDGE_DEVICES), e.getMessage());
        assertEquals("file not found", e.problem());
        e = fails(tmp.resolve("nowhere"));
        assertTrue(e.problem().startsWith("not a directory"), e.getMessage());
    }

    @Test
    void unknownPropertyIsAnErrorWithASuggestion() throws IOException {
        Path dir = copyOf4();
        replace(dir.resolve(EcsConfig.PROPERTIES), "warm_up_period=3", "warmup_period=3");
        EcsImportException e = fails(dir);
        assertTrue(e.file().endsWith(EcsConfig.PROPERTIES), e.getMessage());
        assertTrue(e.where().startsWith("property warmup_period (line "), e.getMessage());
        assertTrue(e.problem().contains("unknown property") && e.problem().contains("warm_up_period"),
                e.getMessage());
    }

    @Test
    void malformedXmlNamesLine() throws IOException {
        Path dir = copyOf4();
        replace(dir.resolve(EcsConfig.APPLICATIONS), "</task_length>", "</task_lenght>");
        EcsImportException e = fails(dir);
        assertTrue(e.file().endsWith(EcsConfig.APPLICATIONS), e.getMessage());
        assertTrue(e.where().startsWith("line "), e.getMessage());
        assertTrue(e.problem().startsWith("malformed XML"), e.getMessage());
    }

    @Test
    void unknownOrMissingElementsAndBadNumbersNameTheElement() throws IOException {
        Path dir = copyOf4();
        replace(dir.resolve(EcsConfig.APPLICATIONS), "<task_length>9000</task_length>",
                "<task_size>9000</task_size>");
        EcsImportException e = fails(dir);
        assertEquals("<application name=\"AUGMENTED_REALITY\">/<task_size>", e.where(), e.getMessage());
        assertTrue(e.problem().contains("unknown element"), e.getMessage());

        Path dir2 = copyOf4("cfg2");
        replace(dir2.resolve(EcsConfig.EDGE_DEVICES), "<mips>10000</mips>", "<mips>fast</mips>");
        e = fails(dir2);
        assertTrue(e.where().endsWith("<VM> #1/<mips>"), e.getMessage());
        assertEquals("expected a number, got 'fast'", e.problem());
    }

    @Test
    void externalEntitiesAreRefused() throws IOException {
        Path dir = copyOf4();
        Files.writeString(tmp.resolve("secret.txt"), "42");
        replace(dir.resolve(EcsConfig.APPLICATIONS), "<?xml version=\"1.0\"?>",
                "<?xml version=\"1.0\"?><!DOCTYPE applications [<!ENTITY x SYSTEM \"file://"
                        + tmp.resolve("secret.txt") + "\">]>");
        EcsImportException e = fails(dir);
        assertTrue(e.problem().contains("DOCTYPE"), e.getMessage());
    }
}
