package org.offload.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.scheduler.SparkListenerExecutorRemoved;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.offload.experiment.SweepResult;
import org.offload.experiment.SweepRunner;
import org.offload.experiment.SweepSpec;
import org.offload.experiment.SweepSpecException;
import org.offload.experiment.engine.RunExecutor;
import org.offload.experiment.engine.RunOutput;
import org.offload.experiment.engine.ThreadPoolRunExecutor;
import org.offload.policy.learned.DlTierPolicy;

/**
 * The Spark engine against the thread engine on Spark's own local mode ({@code local[2]}, each task's closure
 * serialised and deserialised as for a remote executor): the same files, byte for byte apart from wall time, for
 * any number of runs per job; failures, resume and model files that travel with the runs.
 */
class SparkSweepTest {
    private static final List<String> SET = List.of("duration_s=60", "warmup_s=10");
    private static JavaSparkContext context;

    @TempDir
    Path tmp;

    @BeforeAll
    static void start() {
        context = new JavaSparkContext(new SparkConf().setMaster("local[2]").setAppName("SparkSweepTest")
                .set("spark.ui.enabled", "false").set("spark.driver.host", "127.0.0.1")
                .set("spark.driver.bindAddress", "127.0.0.1"));
        context.setLogLevel("WARN");
    }

    @AfterAll
    static void stop() {
        context.stop();
    }

    private static SweepResult sweep(SweepSpec spec, Path dir, RunExecutor executor, boolean resume)
            throws Exception {
        return SweepRunner.builder(spec, dir).executor(executor).resume(resume).build().run();
    }

    @Test
    void localTwoGivesTheThreadEnginesFilesByteForByteApartFromWallTime() throws Exception {
        SweepSpec spec = new SweepSpec(null, SET, List.of(20, 40),
                List.of("least-utilised", "greedy", "random", "dl-tier"), 2, 7, 2);
        Path threads = tmp.resolve("threads");
        sweep(spec, threads, new ThreadPoolRunExecutor(2), false);
        for (int runsPerJob : new int[] {1, 5, 16}) {
            Path spark = tmp.resolve("spark-" + runsPerJob);
            SweepResult r = sweep(spec, spark, new SparkRunExecutor(context, runsPerJob), false);
            assertEquals(16, r.executed());
            assertEquals(List.of(), r.failures());
            assertSameFiles(threads, spark);
        }
    }

    @Test
    void aSweepOverAScenarioKeyGivesTheThreadEnginesFiles() throws Exception {
        SweepSpec spec = new SweepSpec(null, SET, List.of(20), List.of("least-utilised", "edge-only"), 2, 7, 2,
                org.offload.experiment.SweepAxis.parse("network.wlan.bandwidth_mbps=5,50"));
        Path threads = tmp.resolve("threads");
        Path spark = tmp.resolve("spark");
        sweep(spec, threads, new ThreadPoolRunExecutor(2), false);
        SweepResult r = sweep(spec, spark, new SparkRunExecutor(context, 3), false);
        assertEquals(8, r.executed());
        assertEquals(List.of(), r.failures());
        assertTrue(Files.isRegularFile(spark.resolve("runs/edge-only/network.wlan.bandwidth_mbps=50/d20/r1/"
                + "summary.json")));
        assertSameFiles(threads, spark);
    }

    /**
     * The workflow policies run on executors as on threads: {@code nsga3-dag} (offload-moo, a PolicyProvider, with
     * jMetal's process-wide generator seeded per decision) and {@code heft} on {@code workflow.yaml}.
     */
    @Test
    void workflowPoliciesFromOffloadMooGiveTheThreadEnginesFiles() throws Exception {
        SweepSpec spec = new SweepSpec(Path.of("../scenarios/workflow.yaml"), List.of("duration_s=40", "warmup_s=10"),
                List.of(2, 4), List.of("nsga3-dag", "heft"), 1, 7, 2);
        Path threads = tmp.resolve("threads");
        Path spark = tmp.resolve("spark");
        // As the command line does: the built-in policies plus the PolicyProviders on the class path (offload-moo's).
        org.offload.policy.PolicyRegistry registry = org.offload.policy.builtin.BuiltInPolicies.registry()
                .addProviders(SparkSweepTest.class.getClassLoader());
        SweepRunner.builder(spec, threads).registry(registry).executor(new ThreadPoolRunExecutor(2)).build().run();
        SweepResult r = SweepRunner.builder(spec, spark).registry(registry).executor(new SparkRunExecutor(context, 2))
                .build().run();
        assertEquals(4, r.executed());
        assertEquals(List.of(), r.failures());
        assertTrue(Files.readString(spark.resolve("runs/nsga3-dag/d4/r0/summary.json")).contains("\"dag\""));
        assertSameFiles(threads, spark);
    }

    @Test
    void aRunThatFailsLandsInFailuresAndTheOthersFinishAsOnThreads() throws Exception {
        // greedy takes no batch_window_s: its runs fail deterministically, dl-tier's finish
        SweepSpec spec = new SweepSpec(null, List.of("duration_s=30", "warmup_s=5",
                "policy_options.batch_window_s=0.5"), List.of(20), List.of("greedy", "dl-tier"), 2, 3, 2);
        Path threads = tmp.resolve("threads");
        Path spark = tmp.resolve("spark");
        SweepResult t = sweep(spec, threads, new ThreadPoolRunExecutor(2), false);
        SweepResult s = sweep(spec, spark, new SparkRunExecutor(context, 3), false);
        assertEquals(2, s.failures().size());
        assertEquals(t.failures().stream().map(f -> f.describe()).toList(),
                s.failures().stream().map(f -> f.describe()).toList());
        String failures = Files.readString(spark.resolve(SweepRunner.FAILURES_FILE));
        assertTrue(failures.startsWith("2 of 4 runs failed."), failures);
        assertTrue(failures.contains("batch_window_s"), failures);
        assertEquals(firstLines(threads.resolve(SweepRunner.FAILURES_FILE)),
                firstLines(spark.resolve(SweepRunner.FAILURES_FILE)));
        assertSameFiles(threads, spark);
    }

    @Test
    void resumeRunsOnlyTheMissingRunsOnSpark() throws Exception {
        SweepSpec spec = new SweepSpec(null, SET, List.of(20), List.of("least-utilised", "random"), 2, 5, 2);
        Path dir = tmp.resolve("s");
        sweep(spec, dir, new SparkRunExecutor(context, 2), false);
        String aggregate = Files.readString(dir.resolve("aggregate.csv"));
        Files.delete(dir.resolve("runs/random/d20/r1/summary.json"));
        SweepResult r = sweep(spec, dir, new SparkRunExecutor(context, 2), true);
        assertEquals(1, r.executed());
        assertEquals(3, r.resumed());
        assertEquals(WallTime.withoutWallColumns(aggregate), WallTime.withoutWallColumns(Files.readString(dir.resolve("aggregate.csv"))));
    }

    @Test
    void modelFilesTravelWithTheRunsAndAMissingOneIsRefusedBeforeAnythingIsWritten() throws Exception {
        Path model = tmp.resolve("oracle-tier.mlp");
        try (InputStream in = DlTierPolicy.class.getClassLoader()
                .getResourceAsStream(DlTierPolicy.TIER_ORACLE_RESOURCE)) {
            Files.copy(in, model);
        }
        List<String> set = new ArrayList<>(SET);
        set.add("policy_options.model=" + model);
        SweepSpec spec = new SweepSpec(null, set, List.of(30), List.of("dl-tier"), 2, 9, 2);
        Path threads = tmp.resolve("threads");
        Path spark = tmp.resolve("spark");
        sweep(spec, threads, new ThreadPoolRunExecutor(2), false);
        assertEquals(List.of(), sweep(spec, spark, new SparkRunExecutor(context, 1), false).failures());
        assertSameFiles(threads, spark);
        // a deserialised copy of the evaluator, as an executor JVM gets it, with the file gone: the bytes travelled
        Path copied = tmp.resolve("copied");
        Path away = tmp.resolve("moved-away.mlp");
        assertEquals(List.of(), sweep(spec, copied, copying(() -> move(model, away)), false).failures());
        move(away, model);
        assertSameFiles(threads, copied);
        // the oracle network is used: the same runs with the bundled expert network differ
        SweepSpec bundled = new SweepSpec(null, SET, List.of(30), List.of("dl-tier"), 2, 9, 2);
        sweep(bundled, tmp.resolve("bundled"), new SparkRunExecutor(context, 1), false);
        assertFalse(WallTime.withoutWallColumns(Files.readString(spark.resolve("sweep.csv")))
                .equals(WallTime.withoutWallColumns(Files.readString(tmp.resolve("bundled/sweep.csv")))));

        set.set(set.size() - 1, "policy_options.model=" + tmp.resolve("no-such.mlp"));
        SweepSpec missing = new SweepSpec(null, set, List.of(30), List.of("dl-tier"), 1, 9, 2);
        Path out = tmp.resolve("missing");
        SweepSpecException e = assertThrows(SweepSpecException.class,
                () -> sweep(missing, out, new SparkRunExecutor(context, 1), false));
        assertTrue(e.getMessage().contains("no-such.mlp: no such readable file"), e.getMessage());
        assertFalse(Files.exists(out));
    }

    @Test
    void eachRunsResultReachesTheDriverWhenItsTaskEndsAndTheListenerSeesEveryStart() throws Exception {
        // runs 0 and 1 share a job; run 1 waits (up to 60 s) for the file the driver writes on run 0's result
        Path signal = tmp.resolve("run-0-arrived");
        String where = signal.toString();
        List<Integer> runs = List.of(0, 1, 2, 3, 4);
        Set<Integer> started = ConcurrentHashMap.newKeySet();
        Map<Integer, Double> finished = new ConcurrentHashMap<>();
        RunExecutor.Evaluator<Integer> evaluator = run -> {
            double saw = run;
            if (run == 1) {
                long until = System.nanoTime() + 60_000_000_000L;
                while (!Files.exists(Path.of(where)) && System.nanoTime() < until) {
                    Thread.sleep(20);
                }
                saw = Files.exists(Path.of(where)) ? 100 : -1;
            }
            return new RunOutput(Map.of(), new double[] {saw});
        };
        new SparkRunExecutor(context, 2).execute(runs, evaluator, new RunExecutor.Completion() {
            @Override
            public void started(int index) {
                assertTrue(started.add(index), "started twice: " + index);
            }

            @Override
            public void finished(int index, RunOutput output, Throwable error) {
                assertEquals(null, error);
                if (index == 0) {
                    try {
                        Files.writeString(signal, "0");
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                }
                finished.put(index, output.values()[0]);
            }
        });
        assertEquals(Map.of(0, 0.0, 1, 100.0, 2, 2.0, 3, 3.0, 4, 4.0), finished);
        assertEquals(Set.of(0, 1, 2, 3, 4), started);
    }

    @Test
    void aLostExecutorIsReported() {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        new ProgressListener((i, o, e) -> { }, new java.io.PrintStream(bytes, true))
                .onExecutorRemoved(new SparkListenerExecutorRemoved(0, "3", "worker lost"));
        assertEquals("offload sweep: Spark executor 3 removed (worker lost); Spark retries its tasks\n",
                bytes.toString());
    }

    @Test
    void unusableMastersAreRefusedAtOnce() {
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class, () -> Masters.check("lcoal[2]"));
        assertTrue(bad.getMessage().contains("'lcoal[2]' is not a Spark master URL"), bad.getMessage());
        IllegalArgumentException down = assertThrows(IllegalArgumentException.class,
                () -> Masters.check("spark://127.0.0.1:1"));
        assertTrue(down.getMessage().startsWith("spark://127.0.0.1:1: cannot connect to 127.0.0.1:1"),
                down.getMessage());
        assertEquals("local[*]", Masters.check("local[*]"));
        assertEquals("local-cluster[2,1,512]", Masters.check("local-cluster[2,1,512]"));
    }

    /** The thread engine on a serialised and deserialised copy of the evaluator; {@code afterCopy} runs in between. */
    private static RunExecutor copying(Runnable afterCopy) {
        ThreadPoolRunExecutor pool = new ThreadPoolRunExecutor(2);
        return new RunExecutor() {
            @Override
            public <K> void execute(List<K> runs, Evaluator<K> evaluator, Completion completion)
                    throws InterruptedException {
                Evaluator<K> copy;
                try {
                    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
                        out.writeObject(evaluator);
                    }
                    try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
                        @SuppressWarnings("unchecked")
                        Evaluator<K> read = (Evaluator<K>) in.readObject();
                        copy = read;
                    }
                } catch (IOException | ClassNotFoundException e) {
                    throw new AssertionError(e);
                }
                afterCopy.run();
                pool.execute(runs, copy, completion);
            }

            @Override
            public String describe() {
                return pool.describe() + ", evaluator copied";
            }
        };
    }

    private static void move(Path from, Path to) {
        try {
            Files.move(from, to);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** sweep.csv, aggregate.csv (wall-time columns left out) and every run's files (wall-time lines left out). */
    static void assertSameFiles(Path expected, Path actual) throws IOException {
        for (String table : List.of("sweep.csv", "aggregate.csv")) {
            assertEquals(WallTime.withoutWallColumns(Files.readString(expected.resolve(table))),
                    WallTime.withoutWallColumns(Files.readString(actual.resolve(table))), table);
        }
        Map<String, String> a = runFiles(expected);
        Map<String, String> b = runFiles(actual);
        assertFalse(a.isEmpty());
        assertEquals(a, b);
    }

    private static Map<String, String> runFiles(Path dir) throws IOException {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(dir.resolve("runs"))) {
            for (Path f : walk.filter(Files::isRegularFile).toList()) {
                out.put(dir.relativize(f).toString(), String.join("\n", Files.readString(f).lines()
                        .filter(l -> !l.contains("\"wall_time_s\"") && !l.contains("\"tasks_per_wall_second\""))
                        .toList()));
            }
        }
        return out;
    }

    private static List<String> firstLines(Path failures) throws IOException {
        return Files.readString(failures).lines().filter(l -> !l.startsWith("  ") || l.startsWith("  directory:")
                || !l.startsWith("   ")).filter(l -> !l.startsWith("  \tat") && !l.startsWith("  Caused")
                && !l.startsWith("  \t...")).toList();
    }
}
