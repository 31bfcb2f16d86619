package org.offload.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code offload run} on an AIGC scenario, {@code offload train aigc} and {@code offload aigc sweep}, kept tiny. */
class AigcCommandTest {
    private static final String SCENARIO = "../scenarios/aigc.yaml";
    private static final String[] TINY = {"--set", "slots_per_episode=4", "--set", "eval_episodes=2"};

    @TempDir
    Path tmp;

    private static MainTest.Result offload(String... args) {
        return MainTest.offload(args);
    }

    private static String[] with(String[] a, String... b) {
        String[] out = new String[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    @Test
    void runDispatchesAigcScenarios() throws Exception {
        Path out = tmp.resolve("run");
        MainTest.Result r = offload(with(new String[] {"run", SCENARIO, "--policy", "greedy", "--out", out.toString()},
                TINY));
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("Policy            greedy"), r.out());
        assertTrue(Files.readString(out.resolve("summary.json")).contains("\"completion_rate\""),
                Files.readString(out.resolve("summary.json")));
        assertTrue(Files.isRegularFile(out.resolve("episodes.csv")), out.resolve("episodes.csv") + " is missing");
        assertTrue(Files.isRegularFile(out.resolve("scenario.yaml")), out.resolve("scenario.yaml") + " is missing");
    }

    @Test
    void badInputExitsWithTwo() throws Exception {
        // Checkpoints are bundled for 10 and 20 devices at 4 models, not for 7 devices.
        MainTest.Result r = offload("run", SCENARIO, "--policy", "maddpg-mato", "--devices", "7", "--out",
                tmp.toString());
        assertEquals(Main.BAD_INPUT, r.code());
        assertTrue(r.err().contains("no bundled maddpg-mato checkpoint") && r.err().contains("--model DIR")
                && r.err().contains("7 devices") && r.err().contains("aigc-maddpg-mato-d10-m4"), r.err());
        r = offload("run", SCENARIO, "--set", "edge.cache.capacity_models=x", "--out", tmp.toString());
        assertEquals(Main.BAD_INPUT, r.code());
        assertTrue(r.err().contains("edge.cache.capacity_models: expected an integer"), r.err());
        r = offload("train", "aigc", "--agent", "dqn", "--out", tmp.toString());
        assertEquals(Main.BAD_INPUT, r.code());
        Path file = Files.writeString(tmp.resolve("a-file"), "mine");
        r = offload("train", "aigc", "--agent", "maddpg-mato", "--episodes", "500", "--out", file.toString());
        assertEquals(Main.BAD_INPUT, r.code(), r.err());
        assertTrue(r.err().contains("is a file, not a directory") && !r.err().contains("episode"), r.err());
        for (String[] unused : new String[][] {{"--policy-option", "v=1"}, {"--duration", "60"}, {"--trace"},
                {"--remote", "http://127.0.0.1:1"}, {"--model", tmp.toString()}}) {
            r = offload(with(with(new String[] {"run", SCENARIO, "--policy", "greedy", "--out",
                    tmp.resolve("u").toString()}, unused), TINY));
            assertEquals(Main.BAD_INPUT, r.code(), String.join(" ", unused) + ": " + r.err());
            assertTrue(r.err().contains(unused[0]), r.err());
        }
        assertTrue(!Files.exists(tmp.resolve("u")), "nothing written");
    }

    @Test
    void trainThenRunTheCheckpoint() throws Exception {
        Path cp = tmp.resolve("cp");
        MainTest.Result r = offload("train", "aigc", "--agent", "maddpg-mato", "--episodes", "3", "--batch", "8",
                "--buffer", "40", "--devices", "3", "--set", "slots_per_episode=4", "--out", cp.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(Files.isRegularFile(cp.resolve("checkpoint.properties")),
                cp.resolve("checkpoint.properties") + " is missing");
        assertTrue(Files.isRegularFile(cp.resolve("actor-02.mlp")), cp.resolve("actor-02.mlp") + " is missing");
        assertTrue(Files.isRegularFile(cp.resolve("learning-curve.csv")),
                cp.resolve("learning-curve.csv") + " is missing");
        assertTrue(Files.isRegularFile(cp.resolve("learning-curve.png")),
                cp.resolve("learning-curve.png") + " is missing");
        r = offload(with(new String[] {"run", SCENARIO, "--policy", "maddpg-mato", "--model", cp.toString(),
                "--devices", "3", "--out", tmp.resolve("eval").toString()}, TINY));
        assertEquals(0, r.code(), r.err());
        // A checkpoint for 3 devices does not fit 10.
        r = offload(with(new String[] {"run", SCENARIO, "--policy", "maddpg-mato", "--model", cp.toString(),
                "--out", tmp.resolve("eval2").toString()}, TINY));
        assertEquals(Main.BAD_INPUT, r.code());
        assertTrue(r.err().contains("trained for 3 devices, 3 edge servers, 4 models")
                && r.err().contains("the scenario has 10 devices, 3 edge servers, 4 models"), r.err());
    }

    @Test
    void bundledCheckpointsRunWithoutTraining() throws Exception {
        // policy, then the run's scenario arguments: every checkpoint listed in the bundled index.txt
        String switching = "../scenarios/aigc-switching.yaml";
        String[][] runs = {{"maddpg-mato", SCENARIO}, {"maddpg-mato", SCENARIO, "--devices", "20"},
            {"maddpg-mato", switching}, {"maddpg-nomodel", SCENARIO}, {"saddpg", SCENARIO},
            {"maddpg-nomodel", switching}, {"saddpg", switching}};
        for (int k = 0; k < runs.length; k++) {
            String[] scenario = java.util.Arrays.copyOfRange(runs[k], 1, runs[k].length);
            Path out = tmp.resolve("bundled-" + k);
            MainTest.Result r = offload(with(with(new String[] {"run"}, scenario), with(new String[] {"--policy",
                    runs[k][0], "--out", out.toString()}, TINY)));
            assertEquals(0, r.code(), String.join(" ", runs[k]) + ": " + r.err());
            assertTrue(r.out().contains("Policy            " + runs[k][0]) && r.out().contains("Completion"),
                    r.out());
        }
    }

    /**
     * The same 'offload train aigc ... --gzip' command and seed writes the same checkpoint bytes, on a short run. (A
     * rerun of a whole shipped training diverged after 80 episodes; docs/aigc.md, "Shipped checkpoints".)
     */
    @Test
    void retrainingWritesTheSameBytes() throws Exception {
        // the agents of the bundled checkpoints; SADDPG writes one actor for all devices
        for (String agent : List.of("maddpg-mato", "maddpg-nomodel", "saddpg")) {
            List<Path> dirs = List.of(tmp.resolve(agent + "-a"), tmp.resolve(agent + "-b"));
            for (Path d : dirs) {
                MainTest.Result r = offload("train", "aigc", "--agent", agent, "--seed", "5", "--episodes", "3",
                        "--batch", "8", "--buffer", "40", "--devices", "3", "--set", "slots_per_episode=4", "--gzip",
                        "--out", d.toString());
                assertEquals(0, r.code(), agent + ": " + r.err());
            }
            List<String> files = agent.equals("saddpg") ? List.of("checkpoint.properties", "actor-00.mlp.gz")
                    : List.of("checkpoint.properties", "actor-00.mlp.gz", "actor-01.mlp.gz", "actor-02.mlp.gz");
            for (String f : files) {
                assertTrue(Files.isRegularFile(dirs.get(0).resolve(f)), agent + ": " + f + " is missing");
                assertTrue(java.util.Arrays.equals(Files.readAllBytes(dirs.get(0).resolve(f)),
                        Files.readAllBytes(dirs.get(1).resolve(f))), agent + ": " + f + " differs");
            }
            assertTrue(!Files.exists(dirs.get(0).resolve("actor-00.mlp")), "gzipped actors only");
        }
    }

    @Test
    void sweepWritesReport() throws Exception {
        Path out = tmp.resolve("sweep");
        MainTest.Result r = offload("aigc", "sweep", SCENARIO, "--out", out.toString(), "--models", "3",
                "--devices", "3", "--policies", "saddpg,random,greedy", "--replications", "2", "--eval-episodes", "1",
                "--episodes", "2", "--batch", "8", "--set", "slots_per_episode=3", "--set", "devices.count=3");
        assertEquals(0, r.code(), r.err());
        assertTrue(Files.isRegularFile(out.resolve("report.html")), out.resolve("report.html") + " is missing");
        assertTrue(Files.readString(out.resolve("aggregate.csv")).contains("saddpg"),
                Files.readString(out.resolve("aggregate.csv")));
        for (String ext : List.of("png", "svg", "pdf")) {
            assertTrue(Files.isRegularFile(out.resolve("charts/devices-completion_rate." + ext)),
                    out.resolve("charts/devices-completion_rate." + ext) + " is missing");
        }
        assertTrue(Files.isRegularFile(out.resolve("runs/saddpg/m3-d3/r1/checkpoint/checkpoint.properties")),
                "the trained checkpoint lies with its run");
        MainTest.Result again = offload("aigc", "sweep", SCENARIO, "--out", out.toString(), "--models", "3",
                "--devices", "3", "--policies", "saddpg,random,greedy", "--replications", "2", "--eval-episodes", "1",
                "--episodes", "2", "--batch", "8", "--set", "slots_per_episode=3", "--set", "devices.count=3",
                "--resume");
        assertEquals(0, again.code(), again.err());
        assertTrue(again.out().contains("0 executed, 12 resumed"), again.out());
    }
}
