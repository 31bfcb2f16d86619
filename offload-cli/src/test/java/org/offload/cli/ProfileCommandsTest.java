package org.offload.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** offload profile demand / tradeoff and run with the profile policies, end to end on small settings. */
class ProfileCommandsTest {
    @TempDir
    Path tmp;

    @Test
    void demandTableTradeoffAndRun() throws Exception {
        MainTest.Result d = MainTest.offload("profile", "demand");
        assertEquals(0, d.code(), d.err());
        assertTrue(d.out().contains("resnet50") && d.out().contains("predictor:gbt"), d.out());

        Path out = tmp.resolve("tradeoff");
        MainTest.Result t = MainTest.offload("profile", "tradeoff", "--devices", "20", "--v", "0,1",
                "--replications", "1", "--set", "duration_s=60", "--set", "warmup_s=10", "--out", out.toString());
        assertEquals(0, t.code(), t.err());
        assertTrue(Files.exists(out.resolve("tradeoff.csv")), out.resolve("tradeoff.csv") + " is missing");
        assertTrue(Files.exists(out.resolve("tradeoff.html")), out.resolve("tradeoff.html") + " is missing");
        assertEquals(1 + 4, Files.readAllLines(out.resolve("tradeoff.csv")).size(), "2 V values + 2 baselines");

        MainTest.Result r = MainTest.offload("run", "../scenarios/profile.yaml", "--policy", "accuracy-aware",
                "--policy-option", "v=1", "--duration", "60", "--warmup", "10", "--out", tmp.resolve("run").toString());
        assertEquals(0, r.code(), r.err());
        String summary = Files.readString(tmp.resolve("run/summary.json"));
        assertTrue(summary.contains("\"mean_accuracy\": 0.7"), summary);
    }

    @Test
    void badArgumentsExit2() {
        assertEquals(2, MainTest.offload("profile", "--grid", "huge").code());
        assertEquals(2, MainTest.offload("profile", "--hardware", "gpu-9", "--grid", "tiny").code());
        assertEquals(2, MainTest.offload("profile", "tradeoff", "--replications", "0").code());
        assertEquals(2, MainTest.offload("profile", "evaluate", "--data", tmp.resolve("none").toString()).code());
        for (String[] bad : new String[][] {{"--budget", "-1"}, {"--budget", "0"}, {"--wait-load", "-2"},
                {"--wait-max", "NaN"}}) {
            MainTest.Result r = MainTest.offload("profile", "--grid", "tiny", "--out", tmp.resolve("p").toString(),
                    bad[0], bad[1]);
            assertEquals(2, r.code(), String.join(" ", bad) + ": " + r.err());
            assertTrue(r.err().contains(bad[0] + ": expected"), r.err());
        }
        assertTrue(!Files.exists(tmp.resolve("p")), "nothing written");
    }
}
