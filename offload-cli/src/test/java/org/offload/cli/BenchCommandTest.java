package org.offload.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

/** {@code offload bench}: what it reports, not how fast anything is (speed is measured, never asserted). */
class BenchCommandTest {
    private static final String[] SHORT = {"--duration", "120", "--warmup", "20", "--min-seconds", "0"};

    private static MainTest.Result bench(String... args) {
        String[] all = new String[SHORT.length + args.length + 1];
        all[0] = "bench";
        System.arraycopy(SHORT, 0, all, 1, SHORT.length);
        System.arraycopy(args, 0, all, 1 + SHORT.length, args.length);
        return MainTest.offload(all);
    }

    /** The table row of {@code policy}, split into cells. */
    private static List<String> row(String out, String policy) {
        return out.lines().filter(l -> l.startsWith(policy + " ")).findFirst()
                .map(l -> Arrays.asList(l.trim().split("\\s+"))).orElseThrow(() -> new AssertionError(out));
    }

    @Test
    void replayReproducesEachRunAndReportsThePolicysShare() {
        // 600 devices overload the default scenario, so dl-tier defers tasks and the replay covers retries too.
        MainTest.Result r = bench("--devices", "600", "--policies", "least-utilised,dl-tier", "--replay");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("replay ns/task") && r.out().contains("x replay"), r.out());
        for (String policy : List.of("least-utilised", "dl-tier")) {
            List<String> cells = row(r.out(), policy);
            assertEquals(12, cells.size(), cells.toString());
            double nsPerTask = Double.parseDouble(cells.get(6));
            double replayNs = Double.parseDouble(cells.get(10));
            double factor = Double.parseDouble(cells.get(11));
            assertTrue(nsPerTask > 0 && replayNs > 0, cells.toString());
            assertEquals(nsPerTask / replayNs, factor, 0.01 + 0.01 * factor, cells.toString());
        }
    }

    @Test
    void withoutReplayTheTableHasNoReplayColumns() {
        MainTest.Result r = bench("--devices", "50", "--policies", "greedy");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("one JVM per configuration"), r.out());
        assertEquals(10, row(r.out(), "greedy").size());
        assertTrue(!r.out().contains("x replay"), r.out());
    }

    /** The ceiling columns: the bare loop's tasks/s and the ratio printed beside them, in forked and local mode. */
    @Test
    void ceilingPrintsTheBareLoopAndTheRatio() {
        for (String mode : List.of("--fork", "--no-fork")) {
            MainTest.Result r = bench("--devices", "50", "--policies", "greedy", "--ceiling", mode);
            assertEquals(0, r.code(), r.err());
            assertTrue(r.out().contains("x ceiling") && r.out().contains("bare event loop"), r.out());
            List<String> cells = row(r.out(), "greedy");
            assertEquals(12, cells.size(), cells.toString());
            double tasksPerS = Double.parseDouble(cells.get(4));
            double ceiling = Double.parseDouble(cells.get(10));
            assertTrue(ceiling > 0, cells.toString());
            assertEquals(tasksPerS / ceiling, Double.parseDouble(cells.get(11)), 0.006 + 0.01 * tasksPerS / ceiling,
                    cells.toString());
        }
    }

    /** Forked and in-process measurement simulate the same runs (tasks, failures); only the timings differ. */
    @Test
    void measuringInThisJvmSimulatesTheSameRuns() {
        MainTest.Result forked = bench("--devices", "50,80", "--policies", "greedy,dl-tier", "--replay");
        MainTest.Result local = bench("--devices", "50,80", "--policies", "greedy,dl-tier", "--replay", "--no-fork");
        assertEquals(0, forked.code(), forked.err());
        assertEquals(0, local.code(), local.err());
        assertTrue(local.out().contains("all in one JVM"), local.out());
        for (String policy : List.of("greedy", "dl-tier")) {
            List<String> a = rowsOf(forked.out(), policy);
            List<String> b = rowsOf(local.out(), policy);
            assertEquals(2, a.size(), forked.out());
            assertEquals(a, b, "policy, devices, tasks/run and failed %");
        }
    }

    @Test
    void severalJvmsPerConfigurationReportTheMedianOne() {
        MainTest.Result r = bench("--devices", "50", "--policies", "greedy", "--forks", "3");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("3 JVMs per configuration (median)"), r.out());
        List<String> cells = row(r.out(), "greedy");
        assertTrue(Integer.parseInt(cells.get(2)) >= 9, "runs are summed over the JVMs: " + cells);
    }

    /** Per row of {@code policy}: the cells that do not depend on timing (policy, devices, tasks/run, failed %). */
    private static List<String> rowsOf(String out, String policy) {
        return out.lines().filter(l -> l.startsWith(policy + " ")).map(l -> {
            String[] c = l.trim().split("\\s+");
            return c[0] + " " + c[1] + " " + c[3] + " " + c[8];
        }).toList();
    }

    @Test
    void unknownPoliciesAndBadDeviceCountsAreUsageErrors() {
        MainTest.Result r = bench("--devices", "50", "--policies", "no-such-policy");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("unknown policy 'no-such-policy'"), r.err());
        r = bench("--devices", "0");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("--devices"), r.err());
        r = bench("--devices", "50", "--forks", "0");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("--forks"), r.err());
    }
}
