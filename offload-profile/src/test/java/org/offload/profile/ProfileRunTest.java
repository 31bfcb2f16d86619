package org.offload.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.offload.profile.measure.Grid;
import org.offload.profile.measure.HardwareProfile;
import org.offload.profile.measure.ProfileRow;

/** A tiny real profiling run (DJL, PyTorch CPU) writes a readable data set with sane measurements. */
class ProfileRunTest {
    @TempDir
    Path dir;

    @Test
    void tinyGridOnOneProfile() throws Exception {
        HardwareProfile one = new HardwareProfile("t-1", 1, null, false, "test");
        ProfileRun.Result r = ProfileRun.run(Grid.named("tiny"), List.of(one), 0.05, 1, dir, (d, t, l) -> { });
        assertEquals(4, r.rows().size(), "3 inference + 1 training configuration");
        ProfileDataset back = ProfileDataset.read(dir);
        assertEquals(r.rows().stream().map(ProfileRow::toCsv).toList(), back.rows().stream().map(ProfileRow::toCsv).toList());
        for (ProfileRow row : back.rows()) {
            assertTrue(row.latencyMeanMs() > 0 && row.latencyP95Ms() >= row.latencyP50Ms(), row.toCsv());
            assertTrue(row.repeats() >= 3, row.toCsv());
            assertTrue(row.energyJ() > 0, row.toCsv());
            assertTrue(row.params() > 0 && row.macs() > 0, row.toCsv());
        }
        assertTrue(Files.size(dir.resolve("latency-vs-flops.png")) > 1000,
                "latency-vs-flops.png has " + Files.size(dir.resolve("latency-vs-flops.png")) + " bytes");
        assertTrue(Files.size(dir.resolve("memory-vs-params.png")) > 1000,
                "memory-vs-params.png has " + Files.size(dir.resolve("memory-vs-params.png")) + " bytes");
        assertEquals(2, Files.readAllLines(dir.resolve(ProfileDataset.PREPROCESS_CSV)).size() - 1);
        assertTrue(back.metadata().path("host").path("cpu_model").isTextual(), back.metadata().toString());
    }
}
