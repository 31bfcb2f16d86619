package org.offload.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.offload.io.ScenarioFileException;

/** A sweep over a scenario key besides the devices ({@link SweepAxis}): parsing, the run plan, files, determinism. */
class SweepAxisTest {
    private static final String KEY = "network.wlan.bandwidth_mbps";

    @TempDir
    Path tmp;

    static SweepSpec spec(int threads) {
        return new SweepSpec(null, SweepRunnerTest.SHORT, List.of(30), List.of("least-utilised", "edge-only"), 2, 42,
                threads, SweepAxis.parse(KEY + "=2,20.0,2e2"));
    }

    @Test
    void valuesAreCanonicalNumbersInTheGivenOrder() {
        SweepAxis a = SweepAxis.parse(" " + KEY + " = 5, 2.50,1e1 ,0.000");
        assertEquals(KEY, a.key());
        assertEquals(List.of("5", "2.5", "10", "0"), a.values());
        assertEquals(KEY + "=2.5", a.override("2.5"));
    }

    @Test
    void badAxesAreRefusedNamingTheKeyAndWhatIsAllowed() {
        assertTrue(assertThrows(SweepSpecException.class, () -> SweepAxis.parse(KEY + "=2,fast")).getMessage()
                .contains("vary: " + KEY + ": 'fast' is not a number"));
        assertTrue(assertThrows(SweepSpecException.class, () -> SweepAxis.parse(KEY + "=2,2.0")).getMessage()
                .contains("2.0 is listed twice"));
        assertTrue(assertThrows(SweepSpecException.class, () -> SweepAxis.parse("devices.count=10,20")).getMessage()
                .contains("use --devices"));
        assertTrue(assertThrows(SweepSpecException.class, () -> SweepAxis.parse("policy=1")).getMessage()
                .contains("use --policies"));
        assertTrue(assertThrows(SweepSpecException.class, () -> SweepAxis.parse(KEY)).getMessage()
                .contains("expected KEY=V1,V2,..."));
    }

    @Test
    void thePlanIsPoliciesByValuesByDevicesByReplications() {
        SweepSpec s = new SweepSpec(null, List.of(), List.of(10, 20), List.of("a", "b"), 2, 7, 1,
                SweepAxis.parse("x.y=3,1"));
        List<RunPoint> p = s.points();
        assertEquals(16, s.runCount());
        assertEquals(16, p.size());
        assertEquals(new RunPoint("a", "x.y", "3", 10, 0, s.seedOf(0)), p.get(0));
        assertEquals(new RunPoint("a", "x.y", "1", 20, 1, s.seedOf(1)), p.get(7));
        assertEquals(Path.of("runs", "a", "x.y=3", "d10", "r0"), p.get(0).relativeDir());
        assertEquals(p.get(1).seed(), p.get(5).seed(), "common random numbers across values");
        assertNotEquals(p.get(0).point(), p.get(4).point());
    }

    @Test
    void filesCarryTheAxisAndDoNotDependOnTheThreadCountOrResume() throws Exception {
        Path one = tmp.resolve("t1");
        Path four = tmp.resolve("t4");
        SweepResult r1 = SweepRunner.builder(spec(1), one).build().run();
        SweepRunner.builder(spec(4), four).build().run();
        assertEquals(List.of(), r1.failures());
        assertEquals(12, r1.executed());
        for (String f : List.of(SweepCsv.RUNS_FILE, SweepCsv.AGGREGATE_FILE)) {
            assertEquals(SweepRunnerTest.withoutWallTime(one.resolve(f)), SweepRunnerTest.withoutWallTime(four
                    .resolve(f)), f);
        }
        List<String> agg = SweepRunnerTest.withoutWallTime(one.resolve(SweepCsv.AGGREGATE_FILE));
        assertTrue(agg.get(0).startsWith("policy," + KEY + ",devices,n,"), agg.get(0));
        assertTrue(agg.get(1).startsWith("least-utilised,2,30,2,"), agg.get(1));
        assertTrue(agg.get(6).startsWith("edge-only,200,30,2,"), agg.get(6));
        Path run = one.resolve("runs/edge-only/" + KEY + "=20/d30/r1");
        assertTrue(Files.readString(run.resolve("scenario.yaml"), StandardCharsets.UTF_8).contains(KEY + "=20"));
        // the value reaches the simulation: a slower WLAN lengthens edge-only's network delay
        List<AggregateRow> rows = SweepCsv.readAggregate(one.resolve(SweepCsv.AGGREGATE_FILE));
        assertEquals("2", rows.get(3).axisValue());
        double slow = rows.get(3).estimate(Metric.NETWORK_DELAY_MEAN).mean();
        double fast = rows.get(5).estimate(Metric.NETWORK_DELAY_MEAN).mean();
        assertTrue(slow > 2 * fast, slow + " vs " + fast);
        assertEquals(KEY, SweepCsv.readRuns(one.resolve(SweepCsv.RUNS_FILE)).get(0).point().axisKey());
        assertEquals(spec(1), SweepManifest.read(one.resolve(SweepManifest.FILE_NAME)).spec());

        Files.delete(run.resolve("summary.json"));
        SweepResult resumed = SweepRunner.builder(spec(2), one).resume(true).build().run();
        assertEquals(1, resumed.executed());
        assertEquals(11, resumed.resumed());
        assertEquals(SweepRunnerTest.withoutWallTime(four.resolve(SweepCsv.RUNS_FILE)),
                SweepRunnerTest.withoutWallTime(one.resolve(SweepCsv.RUNS_FILE)));

        SweepSpec other = new SweepSpec(null, SweepRunnerTest.SHORT, List.of(30), List.of("least-utilised",
                "edge-only"), 2, 42, 1, SweepAxis.parse(KEY + "=2,20,300"));
        assertEquals(12, SweepRunner.builder(other, one).resume(true).build().run().resumed() + 4,
                "the runs at 2 and 20 are kept, those at 300 run");
    }

    @Test
    void aValueTheKeyDoesNotAllowFailsBeforeAnyRun() {
        SweepSpec bad = new SweepSpec(null, SweepRunnerTest.SHORT, List.of(30), List.of("edge-only"), 1, 42, 1,
                SweepAxis.parse("network.wlan.bandwidth_mbpz=2"));
        Path dir = tmp.resolve("bad");
        ScenarioFileException e = assertThrows(ScenarioFileException.class,
                () -> SweepRunner.builder(bad, dir).build().run());
        assertTrue(e.getMessage().contains("bandwidth_mbpz: unknown key"), e.getMessage());
        assertTrue(!Files.exists(dir.resolve("runs")), "nothing written");
    }

    @Test
    void aSweepFileVariesOneKey() throws Exception {
        Path f = tmp.resolve("s.yaml");
        Files.writeString(f, "devices: 30\nvary: {key: " + KEY + ", values: [2, 5.0, 10]}\n");
        assertEquals(SweepAxis.parse(KEY + "=2,5,10"), SweepSpecFile.read(f).vary());
        Files.writeString(f, "vary: [{key: a, values: [1]}, {key: b, values: [2]}]\n");
        assertTrue(assertThrows(SweepSpecException.class, () -> SweepSpecFile.read(f)).getMessage()
                .contains("vary: one axis is supported besides the devices"));
        Files.writeString(f, "vary: {key: a, value: [1]}\n");
        assertTrue(assertThrows(SweepSpecException.class, () -> SweepSpecFile.read(f)).getMessage()
                .contains("vary.value: unknown key; allowed keys: key, values"));
        Files.writeString(f, "vary: {key: a, values: [1, x]}\n");
        assertTrue(assertThrows(SweepSpecException.class, () -> SweepSpecFile.read(f)).getMessage()
                .contains(f + ": vary: a: 'x' is not a number"));
    }
}
