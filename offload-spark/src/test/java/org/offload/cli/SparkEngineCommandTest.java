package org.offload.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.offload.spark.WallTime;

/** {@code offload sweep --engine spark} with the offload-spark jar on the class path, as a user runs it. */
class SparkEngineCommandTest {
    @TempDir
    Path tmp;

    private record Result(int code, String out, String err) {
    }

    private static Result offload(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.execute(new PrintWriter(out), new PrintWriter(err), args);
        return new Result(code, out.toString(), err.toString());
    }

    @Test
    void sweepRunsOnSparkAndSaysSo() throws Exception {
        Path out = tmp.resolve("s");
        Result r = offload("sweep", "--devices", "20", "--policies", "greedy,random", "--duration", "30",
                "--warmup", "5", "--engine", "spark", "--master", "local[2]", "--no-report", "--quiet",
                "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("failed; ") && r.out().contains(" on Spark 4.0.1 (local[2], 2 cores)"), r.out());
        assertTrue(Files.readString(out.resolve("sweep.json")).contains("Spark 4.0.1 (local[2]"));
        assertTrue(Files.isRegularFile(out.resolve("runs/random/d20/r0/summary.json")));
    }

    @Test
    void anUnreachableMasterIsAUsageErrorAndNothingIsWritten() {
        Path out = tmp.resolve("s");
        Result r = offload("sweep", "--devices", "20", "--policies", "greedy", "--duration", "30", "--warmup", "5", "--engine",
                "spark", "--master", "spark://127.0.0.1:1", "--out", out.toString());
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("--master: spark://127.0.0.1:1: cannot connect to 127.0.0.1:1"), r.err());
        assertFalse(Files.exists(out));
    }

    @Test
    void aPolicyOptionAPolicyDoesNotTakeFailsItsRunsWithExitOne() throws Exception {
        Path out = tmp.resolve("s");
        Result r = offload("sweep", "--devices", "20", "--policies", "greedy,dl-tier", "--duration", "30",
                "--warmup", "5", "--set", "policy_options.batch_window_s=0.5", "--engine", "spark", "--master",
                "local[2]", "--no-report", "--quiet", "--out", out.toString());
        assertEquals(1, r.code(), r.err());
        assertTrue(r.err().contains("1 of 2 runs failed"), r.err());
        assertTrue(Files.readString(out.resolve("failures.txt")).contains("batch_window_s"));
        assertTrue(Files.isRegularFile(out.resolve("runs/dl-tier/d20/r0/summary.json")));
    }

    @Test
    void theAigcSweepOnSparkGivesTheThreadEnginesTables() throws Exception {
        Path threads = tmp.resolve("threads");
        Path spark = tmp.resolve("spark");
        String scenario = Path.of("..", "scenarios", "aigc.yaml").toString();
        String[] common = {"aigc", "sweep", scenario, "--models", "3", "--devices", "3", "--policies",
            "saddpg,random,greedy", "--replications", "2", "--eval-episodes", "1", "--episodes", "2", "--batch", "8",
            "--set", "slots_per_episode=3", "--set", "devices.count=3", "--out"};
        Result t = offload(concat(common, threads.toString(), "--threads", "2"));
        assertEquals(0, t.code(), t.err());
        Result s = offload(concat(common, spark.toString(), "--engine", "spark", "--master", "local[2]"));
        assertEquals(0, s.code(), s.err());
        for (String table : new String[] {"sweep.csv", "aggregate.csv"}) {
            assertEquals(WallTime.withoutWallColumns(Files.readString(threads.resolve(table))),
                    WallTime.withoutWallColumns(Files.readString(spark.resolve(table))), table);
        }
    }

    private static String[] concat(String[] a, String... b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
