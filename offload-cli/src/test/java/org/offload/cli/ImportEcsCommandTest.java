package org.offload.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code offload import-ecs}: writes a scenario that runs; bad input exits 2 and writes nothing. */
class ImportEcsCommandTest {
    /** EdgeCloudSim's sample_app4 config, the credited copy in offload-io's test resources. */
    private static final Path SAMPLE_APP4 = Path.of("../offload-io/src/test/resources/edgecloudsim/sample_app4");
    private static final List<String> FILES = List.of("default_config.properties", "applications.xml",
            "edge_devices.xml");

    @TempDir
    Path tmp;

    private Path copy() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("cfg"));
        for (String f : FILES) {
            Files.copy(SAMPLE_APP4.resolve(f), dir.resolve(f));
        }
        return dir;
    }

    @Test
    void importsSampleApp4AndTheResultRuns() throws IOException {
        Path scenario = tmp.resolve("app4.yaml");
        MainTest.Result r = MainTest.offload("import-ecs", copy().toString(), "--out", scenario.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().contains("offload: warning: "), r.err());
        assertTrue(Files.readString(scenario).contains("on_off: idle_active"));
        MainTest.Result v = MainTest.offload("validate", scenario.toString());
        assertEquals(0, v.code(), v.err());
        assertTrue(v.out().contains("sweep block ok"), v.out());
        MainTest.Result run = MainTest.offload("run", scenario.toString(), "--duration", "200", "--warmup", "20",
                "--devices", "50", "--out", tmp.resolve("run").toString(), "--quiet");
        assertEquals(0, run.code(), run.err());
        // without --out the scenario goes to standard output
        MainTest.Result stdout = MainTest.offload("import-ecs", tmp.resolve("cfg").toString());
        assertEquals(0, stdout.code(), stdout.err());
        assertEquals(Files.readString(scenario), stdout.out());
    }

    @Test
    void badInputExitsTwoNamingFileAndPropertyAndWritesNothing() throws IOException {
        Path dir = copy();
        Path scenario = tmp.resolve("out.yaml");
        Path props = dir.resolve("default_config.properties");
        Files.writeString(props, Files.readString(props) + "\nmobility_model=NOMADIC\n");
        MainTest.Result r = MainTest.offload("import-ecs", dir.toString(), "--out", scenario.toString());
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("default_config.properties: property mobility_model (line "), r.err());
        assertFalse(Files.exists(scenario), "nothing written");

        Files.writeString(props, Files.readString(props).replace("mobility_model=NOMADIC", ""));
        Files.writeString(dir.resolve("edge_devices.xml"), "<edge_devices><datacenter>");
        r = MainTest.offload("import-ecs", dir.toString(), "--out", scenario.toString());
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("edge_devices.xml: line 1, column "), r.err());
        assertFalse(Files.exists(scenario), "nothing written");

        Files.delete(dir.resolve("applications.xml"));
        r = MainTest.offload("import-ecs", dir.toString(), "--out", scenario.toString());
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("applications.xml: file not found"), r.err());
        assertFalse(Files.exists(scenario), "nothing written");
    }
}
