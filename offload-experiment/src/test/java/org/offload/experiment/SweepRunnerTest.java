package org.offload.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.offload.policy.PolicyRegistry;
import org.offload.policy.builtin.BuiltInPolicies;

class SweepRunnerTest {
    /** A short run of the default scenario. */
    static final List<String> SHORT = List.of("duration_s=90", "warmup_s=15");

    @TempDir
    Path tmp;

    static SweepSpec spec(List<String> policies, int threads) {
        return new SweepSpec(null, SHORT, SweepSpec.parseDevices("20..60:20"), policies, 2, 42, threads);
    }

    /** The file's lines with every column whose header starts with {@code wall_time_s} removed. */
    static List<String> withoutWallTime(Path csv) throws Exception {
        List<List<String>> rows = SweepCsv.parse(Files.readString(csv, StandardCharsets.UTF_8));
        List<String> header = rows.get(0);
        List<Integer> keep = IntStream.range(0, header.size())
                .filter(i -> !header.get(i).startsWith("wall_time_s")).boxed().toList();
        assertTrue(keep.size() < header.size(), "no wall_time_s column in " + csv);
        assertTrue(header.get(header.size() - 1).startsWith("wall_time_s"), "wall time is not last in " + csv);
        return rows.stream().map(r -> keep.stream().map(r::get).collect(Collectors.joining(","))).toList();
    }

    static final class Counting implements SweepListener {
        final List<RunPoint> started = Collections.synchronizedList(new ArrayList<>());

        @Override
        public void runStarted(RunPoint point) {
            started.add(point);
        }
    }

    @Test
    void resultsDoNotDependOnTheThreadCount() throws Exception {
        List<String> policies = List.of("least-utilised", "random");
        Path one = tmp.resolve("t1");
        Path two = tmp.resolve("t2");
        SweepResult r1 = SweepRunner.builder(spec(policies, 1), one).build().run();
        SweepResult r2 = SweepRunner.builder(spec(policies, 2), two).build().run();
        assertEquals(List.of(), r1.failures());
        assertEquals(List.of(), r2.failures());
        assertEquals(12, r1.runs().size());
        assertEquals(12, r1.executed());
        for (String f : List.of(SweepCsv.RUNS_FILE, SweepCsv.AGGREGATE_FILE)) {
            List<String> a = withoutWallTime(one.resolve(f));
            assertEquals(a, withoutWallTime(two.resolve(f)), f);
        }
        assertEquals(13, withoutWallTime(one.resolve(SweepCsv.RUNS_FILE)).size());
        assertEquals(7, withoutWallTime(one.resolve(SweepCsv.AGGREGATE_FILE)).size());
        assertTrue(Files.isRegularFile(one.resolve("runs/random/d40/r1/summary.json")),
                one.resolve("runs/random/d40/r1/summary.json") + " is missing");
        assertTrue(Files.isRegularFile(one.resolve("runs/random/d40/r1/scenario.yaml")),
                one.resolve("runs/random/d40/r1/scenario.yaml") + " is missing");
        assertTrue(Files.isRegularFile(one.resolve(SweepManifest.FILE_NAME)),
                one.resolve(SweepManifest.FILE_NAME) + " is missing");
        assertFalse(Files.exists(one.resolve(SweepRunner.FAILURES_FILE)),
                one.resolve(SweepRunner.FAILURES_FILE) + " should not exist");

        List<AggregateRow> read = SweepCsv.readAggregate(one.resolve(SweepCsv.AGGREGATE_FILE));
        assertEquals(r1.aggregate().size(), read.size());
        for (int i = 0; i < read.size(); i++) {
            AggregateRow a = r1.aggregate().get(i);
            AggregateRow b = read.get(i);
            assertEquals(a.policy() + a.devices() + a.n(), b.policy() + b.devices() + b.n());
            for (Metric m : Metric.values()) {
                assertEquals(a.estimate(m).mean(), b.estimate(m).mean(), 0.0, m.column());
                assertEquals(a.estimate(m).ci95High(), b.estimate(m).ci95High(), 0.0, m.column());
            }
        }
        SweepManifest manifest = SweepManifest.read(one.resolve(SweepManifest.FILE_NAME));
        assertEquals(spec(policies, 1), manifest.spec());
        assertEquals("default", manifest.scenarioName());
    }

    @Test
    void noIntervalInTheAggregateLeavesItsMetricsRange() throws Exception {
        Path dir = tmp.resolve("ranges");
        SweepResult r = SweepRunner.builder(new SweepSpec(null, SHORT, List.of(20, 200), List.of("random", "edge-only"),
                2, 42, 2), dir).build().run();
        int checked = 0;
        for (AggregateRow row : SweepCsv.readAggregate(dir.resolve(SweepCsv.AGGREGATE_FILE))) {
            for (Metric m : Metric.values()) {
                Estimate e = row.estimate(m);
                if (Double.isFinite(e.mean())) {
                    assertTrue(m.range().contains(e.ci95Low()) && m.range().contains(e.ci95High()),
                            row.policy() + "/" + row.devices() + " " + m.column() + ": " + e);
                    checked++;
                }
            }
        }
        assertTrue(checked > 100, "checked " + checked);
        assertEquals(4, r.aggregate().size());
    }

    @Test
    void commonRandomNumbersAcrossPolicies() throws Exception {
        SweepResult r = SweepRunner.builder(spec(List.of("least-utilised", "random"), 2), tmp.resolve("crn"))
                .build().run();
        Map<String, Double> generated = new HashMap<>();
        for (RunResult run : r.runs()) {
            String key = run.point().devices() + "/" + run.point().replication();
            Double before = generated.putIfAbsent(key, run.value(Metric.TASKS_GENERATED));
            if (before != null) {
                assertEquals(before, run.value(Metric.TASKS_GENERATED), key);
            }
        }
    }

    @Test
    void resumeRerunsOnlyMissingRuns() throws Exception {
        Path dir = tmp.resolve("resume");
        SweepSpec spec = spec(List.of("least-utilised", "greedy"), 2);
        SweepRunner.builder(spec, dir).build().run();
        List<String> fresh = withoutWallTime(dir.resolve(SweepCsv.AGGREGATE_FILE));
        List<String> freshRuns = withoutWallTime(dir.resolve(SweepCsv.RUNS_FILE));

        Path victim = dir.resolve("runs/greedy/d40/r1/summary.json");
        Files.delete(victim);
        FileTime old = FileTime.fromMillis(1_000_000_000_000L);
        List<Path> others;
        try (Stream<Path> s = Files.walk(dir.resolve("runs"))) {
            others = s.filter(p -> p.getFileName().toString().equals("summary.json")).toList();
        }
        for (Path p : others) {
            Files.setLastModifiedTime(p, old);
        }

        Counting counting = new Counting();
        SweepResult resumed = SweepRunner.builder(spec, dir).resume(true).listener(counting).build().run();
        assertEquals(List.of(new RunPoint("greedy", 40, 1, spec.seedOf(1))), counting.started);
        assertEquals(1, resumed.executed());
        assertEquals(11, resumed.resumed());
        assertTrue(Files.isRegularFile(victim), victim + " is missing");
        for (Path p : others) {
            assertEquals(old, Files.getLastModifiedTime(p), p.toString());
        }
        assertEquals(fresh, withoutWallTime(dir.resolve(SweepCsv.AGGREGATE_FILE)));
        assertEquals(freshRuns, withoutWallTime(dir.resolve(SweepCsv.RUNS_FILE)));

        Counting none = new Counting();
        SweepRunner.builder(spec, dir).resume(true).listener(none).build().run();
        assertEquals(List.of(), none.started);
    }

    @Test
    void aFolderHoldingAnotherSweepsRunsIsRefusedWithoutResumeOrForce() throws Exception {
        Path dir = tmp.resolve("refuse");
        SweepRunner.builder(new SweepSpec(null, SHORT, List.of(20), List.of("random", "greedy"), 1, 42, 1), dir)
                .build().run();
        SweepSpec other = new SweepSpec(null, SHORT, List.of(20), List.of("random"), 1, 7, 1);
        SweepSpecException e = assertThrows(SweepSpecException.class,
                () -> SweepRunner.builder(other, dir).build().run());
        assertTrue(e.getMessage().contains("holds 2 runs of an earlier sweep") && e.getMessage().contains("--resume")
                && e.getMessage().contains("--force"), e.getMessage());
        assertTrue(Files.isRegularFile(dir.resolve("runs/greedy/d20/r0/summary.json")), "nothing was deleted");
    }

    @Test
    void withForceASweepReplacesTheRunsOfAnEarlierOne() throws Exception {
        Path dir = tmp.resolve("again");
        SweepRunner.builder(new SweepSpec(null, SHORT, List.of(20, 40), List.of("random", "greedy"), 1, 42, 1), dir)
                .build().run();
        Path note = Files.writeString(dir.resolve("notes.txt"), "the user's");
        SweepRunner.builder(new SweepSpec(null, SHORT, List.of(20), List.of("random"), 1, 42, 1), dir).force(true)
                .build().run();
        List<Path> summaries;
        try (Stream<Path> s = Files.walk(dir.resolve("runs"))) {
            summaries = s.filter(p -> p.getFileName().toString().equals("summary.json")).map(dir::relativize)
                    .toList();
        }
        assertEquals(List.of(Path.of("runs/random/d20/r0/summary.json")), summaries);
        assertFalse(Files.exists(dir.resolve("runs/greedy")), "emptied run folders are removed");
        assertTrue(Files.isRegularFile(note), "files outside the run folders are kept");
        assertFalse(Files.exists(dir.resolve("runs/random/d40")), "the other runs' folders are removed");
    }

    @Test
    void resumeRefusesRunsOfAnotherSweep() throws Exception {
        Path dir = tmp.resolve("other");
        SweepSpec spec = new SweepSpec(null, SHORT, List.of(20), List.of("random"), 1, 42, 1);
        SweepRunner.builder(spec, dir).build().run();
        SweepSpec otherSeed = new SweepSpec(null, SHORT, List.of(20), List.of("random"), 1, 43, 1);
        SweepSpecException e = assertThrows(SweepSpecException.class,
                () -> SweepRunner.builder(otherSeed, dir).resume(true).build().run());
        assertTrue(e.getMessage().contains("runs/random/d20/r0"), e.getMessage());
        SweepSpec longer = new SweepSpec(null, List.of("duration_s=90", "warmup_s=15", "drain_s=60"), List.of(20),
                List.of("random"), 1, 42, 1);
        e = assertThrows(SweepSpecException.class, () -> SweepRunner.builder(longer, dir).resume(true).build().run());
        assertTrue(e.getMessage().contains("scenario.yaml differs"), e.getMessage());
    }

    @Test
    void aFailingRunIsRecordedAndTheOthersComplete() throws Exception {
        PolicyRegistry registry = BuiltInPolicies.registry().register("explode", "throws on its 10th task", c -> {
            int[] n = {0};
            return (task, view) -> {
                if (++n[0] == 10) {
                    throw new IllegalStateException("boom");
                }
                return BuiltInPolicies.registry().create("random", c).decide(task, view);
            };
        });
        Path dir = tmp.resolve("fail");
        SweepSpec spec = new SweepSpec(null, SHORT, List.of(20, 40), List.of("random", "explode"), 2, 42, 2);
        Counting counting = new Counting();
        SweepResult r = SweepRunner.builder(spec, dir).registry(registry).listener(counting).build().run();
        assertFalse(r.succeeded(), "the exploding policy's runs fail");
        assertEquals(8, counting.started.size());
        assertEquals(4, r.runs().size());
        assertEquals(4, r.failures().size());
        assertTrue(r.failures().stream().allMatch(f -> f.point().policy().equals("explode")), r.failures().toString());
        String failures = Files.readString(dir.resolve(SweepRunner.FAILURES_FILE));
        assertTrue(failures.startsWith("4 of 8 runs failed."), failures);
        assertTrue(failures.contains("policy=explode devices=40 replication=1 seed=" + spec.seedOf(1)
                + ": java.lang.IllegalStateException: boom"), failures);
        List<AggregateRow> agg = SweepCsv.readAggregate(dir.resolve(SweepCsv.AGGREGATE_FILE));
        assertEquals(List.of(2, 2, 0, 0), agg.stream().map(AggregateRow::n).toList());
        assertEquals(4, SweepManifest.read(dir.resolve(SweepManifest.FILE_NAME)).failures().size());

        SweepSpec ok = new SweepSpec(null, SHORT, List.of(20, 40), List.of("random"), 2, 42, 2);
        assertEquals(List.of(), SweepRunner.builder(ok, dir).force(true).build().run().failures());
        assertFalse(Files.exists(dir.resolve(SweepRunner.FAILURES_FILE)),
                dir.resolve(SweepRunner.FAILURES_FILE) + " should not exist");
    }

    @Test
    void unknownPoliciesAreRejectedBeforeAnyRun() {
        Path dir = tmp.resolve("unknown");
        SweepSpecException e = assertThrows(SweepSpecException.class,
                () -> SweepRunner.builder(spec(List.of("random", "nope"), 1), dir).build().run());
        assertTrue(e.getMessage().startsWith("unknown policy 'nope'"), e.getMessage());
        assertFalse(Files.exists(dir), dir + " should not exist");
    }
}
