package org.offload.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.offload.profile.measure.Grid;
import org.offload.profile.measure.HardwareProfile;
import org.offload.profile.measure.ProfileRow;

/**
 * A tiny real profiling run (DJL, PyTorch CPU) writes a readable data set whose measurements behave as they must:
 * within one family on one hardware profile latency grows with FLOPs, and memory grows with the batch.
 */
class ProfileRunTest {
    @TempDir
    Path dir;

    @Test
    void tinyGridOnOneProfile() throws Exception {
        HardwareProfile one = new HardwareProfile("t-1", 1, null, false, "test");
        ProfileRun.Result r = ProfileRun.run(Grid.named("tiny"), List.of(one), 0.05, 1, dir, (d, t, l) -> { });
        assertEquals(7, r.rows().size(), "6 inference + 1 training configuration");
        ProfileDataset back = ProfileDataset.read(dir);
        assertEquals(r.rows().stream().map(ProfileRow::toCsv).toList(), back.rows().stream().map(ProfileRow::toCsv).toList());
        for (ProfileRow row : back.rows()) {
            assertTrue(row.latencyMeanMs() > 0 && row.latencyP95Ms() >= row.latencyP50Ms(), row.toCsv());
            assertTrue(row.repeats() >= 3, row.toCsv());
            assertTrue(row.energyJ() > 0, row.toCsv());
            assertTrue(row.params() > 0 && row.macs() > 0, row.toCsv());
        }

        // one family on one hardware profile: latency follows FLOPs (7 and 3 times more per step), median of the runs
        List<ProfileRow> mlp = back.rows().stream().filter(x -> x.family().equals("mlp") && x.inference())
                .sorted(Comparator.comparingLong(ProfileRow::flops)).toList();
        assertEquals(List.of(256.0, 1024.0, 2048.0), mlp.stream().map(ProfileRow::width).toList());
        for (int i = 1; i < mlp.size(); i++) {
            assertTrue(mlp.get(i).flops() > 3 * mlp.get(i - 1).flops(), "FLOPs of the grid");
            assertTrue(mlp.get(i).latencyP50Ms() > mlp.get(i - 1).latencyP50Ms(), "latency does not grow with "
                    + "FLOPs: " + mlp.get(i - 1).toCsv() + " then " + mlp.get(i).toCsv());
        }
        // memory grows with the batch: 16 images of 224x224 need more activation memory than one
        List<ProfileRow> mobile = back.rows().stream().filter(x -> x.family().equals("mobilenet_v2"))
                .sorted(Comparator.comparingInt(ProfileRow::batch)).toList();
        assertEquals(List.of(1, 16), mobile.stream().map(ProfileRow::batch).toList());
        assertTrue(mobile.get(1).memPeakAddedMb() > mobile.get(0).memPeakAddedMb() + 10, "peak memory added at "
                + "batch 16 " + mobile.get(1).memPeakAddedMb() + " MB, at batch 1 " + mobile.get(0).memPeakAddedMb()
                + " MB");

        assertTrue(Files.size(dir.resolve("latency-vs-flops.png")) > 1000,
                "latency-vs-flops.png has " + Files.size(dir.resolve("latency-vs-flops.png")) + " bytes");
        assertTrue(Files.size(dir.resolve("memory-vs-params.png")) > 1000,
                "memory-vs-params.png has " + Files.size(dir.resolve("memory-vs-params.png")) + " bytes");
        assertEquals(2, Files.readAllLines(dir.resolve(ProfileDataset.PREPROCESS_CSV)).size() - 1);
        assertTrue(back.metadata().path("host").path("cpu_model").isTextual(), back.metadata().toString());
    }
}
