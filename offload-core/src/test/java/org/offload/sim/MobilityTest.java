package org.offload.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.offload.TestScenarios;
import org.offload.engine.RandomStreams;
import org.offload.metrics.GroupMetrics;
import org.offload.metrics.TaskRecord;
import org.offload.mobility.RandomWaypointMobility;
import org.offload.model.FailureReason;
import org.offload.model.Tier;
import org.offload.policy.builtin.BuiltInPolicies;
import org.offload.scenario.NetworkSpec;
import org.offload.scenario.Scenario;
import org.offload.topology.Placement;
import org.offload.topology.Sites;

/** Coverage and mobility failures happen when, and only when, the geometry says so. */
@Tag("slow")
class MobilityTest {
    private static final int DEVICES = 200;
    private static final double COVERAGE = 250;

    static List<String> policies() {
        return List.copyOf(BuiltInPolicies.registry().entries().keySet());
    }

    private static long count(GroupMetrics g, FailureReason r) {
        return g.failuresByReason().getOrDefault(r.key(), 0L);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("policies")
    void withoutMobilityAndWithUnlimitedCoverageNothingFailsForCoverageOrMobility(String policy) {
        for (Scenario.Scheduling sch : Scenario.Scheduling.values()) {
            Scenario s = TestScenarios.seed003(DEVICES, 12, policy, sch, NetworkSpec.Model.SHARED, false);
            Recorder.Run run = Recorder.run(s);
            Invariants.checkAll(run);
            Invariants.assertNoReason(run.result().overall(), FailureReason.NO_COVERAGE, FailureReason.MOBILITY);
        }
    }

    @Test
    void randomWaypointWithLimitedCoverageCausesBothFailures() {
        for (String policy : List.of("edge-only", "cloud-only", "random", "round-robin")) {
            Scenario s = TestScenarios.withCoverage(TestScenarios.seed003(DEVICES, 13, policy,
                    Scenario.Scheduling.TIME_SHARED, NetworkSpec.Model.SHARED, true), COVERAGE);
            Recorder.Run run = Recorder.run(s);
            Invariants.checkAll(run);
            GroupMetrics o = run.result().overall();
            System.out.printf("%-12s mobile, coverage %.0f m: %s%n", policy, COVERAGE, o.failuresByReason());
            assertTrue(count(o, FailureReason.NO_COVERAGE) > 0, policy + ": " + o.failuresByReason());
            assertTrue(count(o, FailureReason.MOBILITY) > 0, policy + ": " + o.failuresByReason());
        }
    }

    @Test
    void randomWaypointWithUnlimitedCoverageCausesHandoverFailuresOnly() {
        Scenario s = TestScenarios.seed003(DEVICES, 14, "edge-only", Scenario.Scheduling.TIME_SHARED,
                NetworkSpec.Model.SHARED, true);
        Recorder.Run run = Recorder.run(s);
        GroupMetrics o = run.result().overall();
        assertEquals(0, count(o, FailureReason.NO_COVERAGE));
        assertTrue(count(o, FailureReason.MOBILITY) > 0, o.failuresByReason().toString());
    }

    @Test
    void localTasksNeedNeitherCoverageNorToStayPut() {
        Scenario s = TestScenarios.withCoverage(TestScenarios.seed003(DEVICES, 15, "local-only",
                Scenario.Scheduling.TIME_SHARED, NetworkSpec.Model.SHARED, true), COVERAGE);
        Recorder.Run run = Recorder.run(s);
        Invariants.assertNoReason(run.result().overall(), FailureReason.NO_COVERAGE, FailureReason.MOBILITY);
    }

    /** Static devices with limited coverage: exactly the tasks of uncovered devices fail with no_coverage. */
    @Test
    void staticDevicesOutOfCoverageAlwaysFailAndCoveredOnesNever() {
        Scenario s = TestScenarios.withCoverage(TestScenarios.seed003(DEVICES, 16, "edge-only"), COVERAGE);
        Recorder.Run run = Recorder.run(s);
        Sites sites = new Sites(Placement.place(s.edge().placement(), s.edge().sites(), true,
                new SplittableRandom(0), null), COVERAGE);
        double[][] dev = Placement.place(s.devices().placement(), DEVICES, false, new SplittableRandom(0), null);
        int uncoveredTasks = 0;
        for (TaskRecord t : run.records()) {
            boolean covered = sites.nearest(dev[t.device()][0], dev[t.device()][1]) >= 0;
            assertEquals(!covered, t.failure() == FailureReason.NO_COVERAGE, t.toString());
            assertNotEquals(FailureReason.MOBILITY, t.failure());
            if (!covered) {
                uncoveredTasks++;
            }
        }
        assertTrue(uncoveredTasks > 0, "the grid leaves some devices uncovered");
    }

    /**
     * Replays the devices' random-waypoint paths (same streams) and checks each failure against the geometry:
     * no_coverage when the device was out of range at generation; mobility when, at the start of the WLAN
     * download, the device was attached to another site (or none) than the one that carried the upload; and
     * completed edge tasks were downloaded through the upload site.
     */
    @Test
    void failuresAgreeWithReplayedDevicePaths() {
        Scenario s = TestScenarios.withCoverage(TestScenarios.seed003(DEVICES, 17, "edge-only",
                Scenario.Scheduling.TIME_SHARED, NetworkSpec.Model.SHARED, true), COVERAGE);
        Recorder.Run run = Recorder.run(s);
        Sites sites = new Sites(Placement.place(s.edge().placement(), s.edge().sites(), true,
                new SplittableRandom(0), null), COVERAGE);
        double[][] start = Placement.place(s.devices().placement(), DEVICES, false, new SplittableRandom(0), null);
        RandomWaypointMobility paths = new RandomWaypointMobility(s.devices().mobility(), start,
                s.devices().placement().widthM(), s.devices().placement().heightM(), new RandomStreams(s.seed()));
        // Positions must be asked for in time order per device.
        Map<Integer, TreeMap<Double, Integer>> siteAt = new HashMap<>();
        List<double[]> queries = new ArrayList<>();
        for (TaskRecord t : run.records()) {
            queries.add(new double[] {t.device(), t.createdS()});
            queries.add(new double[] {t.device(), t.endedS()});
            queries.add(new double[] {t.device(), t.endedS() - t.downloadS()});
        }
        queries.sort((a, b) -> a[0] != b[0] ? Double.compare(a[0], b[0]) : Double.compare(a[1], b[1]));
        double[] xy = new double[2];
        for (double[] q : queries) {
            int d = (int) q[0];
            paths.position(d, q[1], xy);
            siteAt.computeIfAbsent(d, k -> new TreeMap<>()).put(q[1], sites.nearest(xy[0], xy[1]));
        }
        int perSite = s.edge().hostsPerSite() * s.edge().vmsPerHost();
        int noCoverage = 0;
        int mobility = 0;
        int completed = 0;
        for (TaskRecord t : run.records()) {
            TreeMap<Double, Integer> at = siteAt.get(t.device());
            int born = at.get(t.createdS());
            if (t.failure() == FailureReason.NO_COVERAGE) {
                assertEquals(-1, born, t.toString());
                noCoverage++;
                continue;
            }
            assertTrue(t.tier() != Tier.EDGE || born >= 0, "covered at generation: " + t);
            if (t.failure() == FailureReason.MOBILITY) {
                assertNotEquals(born, (int) at.get(t.endedS()), "moved away before the download: " + t);
                mobility++;
            } else if (t.completed()) {
                assertEquals(born, t.vm() / perSite, "ran at the upload site: " + t);
                assertEquals(born, (int) at.get(t.endedS() - t.downloadS()), "downloaded through that site: " + t);
                completed++;
            }
        }
        System.out.printf("replayed paths: %d no_coverage, %d mobility, %d completed checked%n", noCoverage,
                mobility, completed);
        assertTrue(noCoverage > 0 && mobility > 0 && completed > 0, noCoverage + " no_coverage, " + mobility
                + " mobility, " + completed + " completed");
    }
}
