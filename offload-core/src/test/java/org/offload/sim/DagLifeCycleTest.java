package org.offload.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.offload.TestScenarios;
import org.offload.metrics.DagMetrics;
import org.offload.metrics.PartRecord;
import org.offload.metrics.SimulationResult;
import org.offload.metrics.TaskRecord;
import org.offload.model.Decision;
import org.offload.model.Partition;
import org.offload.model.Task;
import org.offload.model.Tier;
import org.offload.policy.OffloadPolicy;
import org.offload.policy.SystemView;
import org.offload.scenario.ApplicationSpec;
import org.offload.scenario.ArrivalSpec;
import org.offload.scenario.CloudSpec;
import org.offload.scenario.DagSpec;
import org.offload.scenario.DevicesSpec;
import org.offload.scenario.EdgeSpec;
import org.offload.scenario.LinkSpec;
import org.offload.scenario.MobilitySpec;
import org.offload.scenario.NetworkSpec;
import org.offload.scenario.PlacementSpec;
import org.offload.scenario.PowerSpec;
import org.offload.scenario.Range;
import org.offload.scenario.Scenario;
import org.offload.scenario.VmSpec;

/**
 * The {@code dag} life cycle in closed form (one device, one workflow every 50 s, constant links, so no two tasks
 * overlap): a chain takes the sum of its stages and of the transfers between its places, a fork-join the longer of
 * its branches plus the join; a whole decision runs it as a plain task of the same total work; and components are
 * conserved under load.
 */
class DagLifeCycleTest {
    private static final PowerSpec POWER = new PowerSpec(2.0, 1.3, 1.0);
    private static final PlacementSpec AREA = new PlacementSpec(PlacementSpec.Type.GRID, 1000, 1000);
    private static final double WLAN_BPS = 20e6, WLAN_PROP = 0.002, WAN_BPS = 50e6, WAN_PROP = 0.05;
    private static final double UP_KB = 500, DOWN_KB = 250;
    private static final double DEVICE_MIPS = 4000, EDGE_MIPS = 10_000, CLOUD_MIPS = 20_000;
    /** VM indices: the edge VM first, then the cloud VM. */
    private static final int EDGE = 0, CLOUD = 1, DEVICE = -1;

    /** a (1000 MI) -> b (3000 MI) -> c (2000 MI), 400 and 100 KB between them. */
    private static final DagSpec CHAIN = new DagSpec(List.of(component("a", 1000), component("b", 3000),
            component("c", 2000)), List.of(new DagSpec.Edge("a", "b", 400), new DagSpec.Edge("b", "c", 100)));
    /** s -> {x, y} -> j. */
    private static final DagSpec FORK_JOIN = new DagSpec(List.of(component("s", 1000), component("x", 4000),
            component("y", 2000), component("j", 1000)), List.of(new DagSpec.Edge("s", "x", 300),
            new DagSpec.Edge("s", "y", 200), new DagSpec.Edge("x", "j", 50), new DagSpec.Edge("y", "j", 80)));

    private static DagSpec.Component component(String name, double mi) {
        return new DagSpec.Component(name, mi, Double.NaN);
    }

    private static Scenario scenario(DagSpec dag, double lengthMi) {
        ApplicationSpec app = new ApplicationSpec("APP", 100,
                new ArrivalSpec(ArrivalSpec.Process.UNIFORM, 0, new Range(50, 50), 0, 0),
                ApplicationSpec.Distribution.FIXED, lengthMi, UP_KB, DOWN_KB, 0.5, 100, 0, 0, 0, 0, null, dag, null);
        DevicesSpec dev = new DevicesSpec(1, new VmSpec(1, DEVICE_MIPS, 0), AREA, MobilitySpec.NONE, POWER);
        EdgeSpec edge = new EdgeSpec(1, AREA, 1, 1, new VmSpec(1, EDGE_MIPS, 0), 0, 100);
        CloudSpec cloud = new CloudSpec(1, 1, new VmSpec(1, CLOUD_MIPS, 0), 100);
        NetworkSpec net = new NetworkSpec(NetworkSpec.Model.SHARED,
                new LinkSpec(Range.of(WLAN_BPS / 1e6), WLAN_PROP), new LinkSpec(Range.of(100), 0.005),
                new LinkSpec(Range.of(WAN_BPS / 1e6), WAN_PROP), 10, 10);
        return new Scenario("dag", 5, 425, 0, 60, dev, List.of(app), edge, cloud, net,
                Scenario.Scheduling.TIME_SHARED, "fixed");
    }

    private static Scenario scenario(DagSpec dag) {
        return scenario(dag, dag == null ? CHAIN.totalMi() : dag.totalMi());
    }

    private static List<TaskRecord> run(DagSpec dag, Decision d) {
        Recorder rec = new Recorder();
        OffloadSimulation.builder(scenario(dag)).policy("fixed", (task, view) -> d).taskListener(rec).build().run();
        assertEquals(8, rec.records.size(), "tasks at 50, 100, ..., 400");
        rec.records.forEach(r -> assertNull(r.failure(), r.toString()));
        return rec.records;
    }

    private static double wlan(double kb) {
        return kb * 8000 / WLAN_BPS + WLAN_PROP;
    }

    private static double wan(double kb) {
        return kb * 8000 / WAN_BPS + WAN_PROP;
    }

    @Test
    void aChainTakesTheSumOfItsStagesAndTransfers() {
        // a on the device, b and c on the edge VM (no transfer between them), the result back over the WLAN.
        double expected = 1000 / DEVICE_MIPS + wlan(400) + 3000 / EDGE_MIPS + 2000 / EDGE_MIPS + wlan(DOWN_KB);
        double energy = POWER.computeW() * 1000 / DEVICE_MIPS + POWER.transmitW() * 400 * 8000 / WLAN_BPS
                + POWER.receiveW() * DOWN_KB * 8000 / WLAN_BPS;
        for (TaskRecord t : run(CHAIN, Decision.edge(EDGE).withPartition(Partition.placement(DEVICE, EDGE, EDGE)))) {
            assertEquals(expected, t.serviceTimeS(), 1e-9, t.toString());
            assertEquals(energy, t.energyJ(), 1e-9, t.toString());
        }
        // a on the edge, b in the cloud (the edge site's WAN between them), c on the device (WAN, then WLAN).
        double across = wlan(UP_KB) + 1000 / EDGE_MIPS + wan(400) + 3000 / CLOUD_MIPS + wan(100) + wlan(100)
                + 2000 / DEVICE_MIPS;
        for (TaskRecord t : run(CHAIN, Decision.edge(EDGE).withPartition(Partition.placement(EDGE, CLOUD, DEVICE)))) {
            assertEquals(across, t.serviceTimeS(), 1e-9, t.toString());
        }
    }

    @Test
    void aForkJoinTakesTheLongerBranchPlusTheJoin() {
        // s, x and j on the edge VM; y in the cloud, so the two branches run in parallel on different CPUs.
        double head = wlan(UP_KB) + 1000 / EDGE_MIPS;
        double branchX = 4000 / EDGE_MIPS;
        double branchY = wan(200) + 2000 / CLOUD_MIPS + wan(80);
        double tail = 1000 / EDGE_MIPS + wlan(DOWN_KB);
        Partition p = Partition.placement(EDGE, EDGE, CLOUD, EDGE);
        for (TaskRecord t : run(FORK_JOIN, Decision.edge(EDGE).withPartition(p))) {
            assertEquals(head + Math.max(branchX, branchY) + tail, t.serviceTimeS(), 1e-9, t.toString());
        }
        // The other branch the longer one: y on the device is now the slower of the two.
        Partition q = Partition.placement(EDGE, EDGE, DEVICE, EDGE);
        double branchYLocal = wlan(200) + 2000 / DEVICE_MIPS + wlan(80);
        for (TaskRecord t : run(FORK_JOIN, Decision.edge(EDGE).withPartition(q))) {
            assertEquals(head + Math.max(branchX, branchYLocal) + tail, t.serviceTimeS(), 1e-9, t.toString());
        }
    }

    /** Checks a component's trace record against its closed form. */
    private static void assertPart(PartRecord p, String name, Tier tier, int vm, double start, double end,
                                   double inKb, double outKb, double energy) {
        String m = p.toString();
        assertEquals("component:" + name, p.part(), m);
        assertEquals(tier, p.tier(), m);
        assertEquals(vm, p.vm(), m);
        assertEquals(start, p.startS(), 1e-9, m);
        assertEquals(end, p.endS(), 1e-9, m);
        assertEquals(inKb, p.uploadKb(), 1e-9, m);
        assertEquals(outKb, p.downloadKb(), 1e-9, m);
        assertEquals(energy, p.energyJ(), 1e-9, m);
        assertEquals("done", p.outcome(), m);
    }

    /**
     * Each component's trace row holds its stage times in closed form: a chain's components start when the previous
     * one's output has arrived and end after their work; the task's service time is the last component's finish
     * plus its result's transfer, minus the arrival; the components' energies add up to the task's.
     */
    @Test
    void aChainsComponentRowsHoldItsStageTimes() {
        double airUp = 400 * 8000 / WLAN_BPS, airDown = DOWN_KB * 8000 / WLAN_BPS;
        for (TaskRecord t : run(CHAIN, Decision.edge(EDGE).withPartition(Partition.placement(DEVICE, EDGE, EDGE)))) {
            double c0 = t.createdS();
            double aEnd = c0 + 1000 / DEVICE_MIPS;
            double bStart = aEnd + wlan(400);
            double bEnd = bStart + 3000 / EDGE_MIPS;
            double cEnd = bEnd + 2000 / EDGE_MIPS;
            List<PartRecord> parts = t.parts();
            assertEquals(3, parts.size(), t.toString());
            assertPart(parts.get(0), "a", Tier.LOCAL, DEVICE, c0, aEnd, 0, 400, POWER.computeW() * 1000 / DEVICE_MIPS);
            assertPart(parts.get(1), "b", Tier.EDGE, EDGE, bStart, bEnd, 400, 0, POWER.transmitW() * airUp);
            assertPart(parts.get(2), "c", Tier.EDGE, EDGE, bEnd, cEnd, 0, DOWN_KB, POWER.receiveW() * airDown);
            assertEquals(cEnd - c0, t.serviceTimeS() - wlan(DOWN_KB), 1e-9, "makespan = last finish - arrival");
            assertEquals(t.energyJ(), parts.stream().mapToDouble(PartRecord::energyJ).sum(), 1e-9);
        }
    }

    /** A fork-join's rows: both branches start when the head's output arrives, the join when the later one's does. */
    @Test
    void aForkJoinsComponentRowsHoldItsStageTimes() {
        for (TaskRecord t : run(FORK_JOIN, Decision.edge(EDGE).withPartition(
                Partition.placement(EDGE, EDGE, CLOUD, EDGE)))) {
            double sStart = t.createdS() + wlan(UP_KB);
            double sEnd = sStart + 1000 / EDGE_MIPS;
            double xEnd = sEnd + 4000 / EDGE_MIPS;
            double yStart = sEnd + wan(200);
            double yEnd = yStart + 2000 / CLOUD_MIPS;
            double jStart = Math.max(xEnd, yEnd + wan(80));
            double jEnd = jStart + 1000 / EDGE_MIPS;
            List<PartRecord> parts = t.parts();
            assertEquals(4, parts.size(), t.toString());
            assertPart(parts.get(0), "s", Tier.EDGE, EDGE, sStart, sEnd, UP_KB, 200,
                    POWER.transmitW() * UP_KB * 8000 / WLAN_BPS);
            assertPart(parts.get(1), "x", Tier.EDGE, EDGE, sEnd, xEnd, 0, 0, 0);
            assertPart(parts.get(2), "y", Tier.CLOUD, CLOUD, yStart, yEnd, 200, 80, 0);
            assertPart(parts.get(3), "j", Tier.EDGE, EDGE, jStart, jEnd, 80, DOWN_KB,
                    POWER.receiveW() * DOWN_KB * 8000 / WLAN_BPS);
            assertEquals(jEnd - t.createdS(), t.serviceTimeS() - wlan(DOWN_KB), 1e-9, "makespan = join's finish");
            assertEquals(t.energyJ(), parts.stream().mapToDouble(PartRecord::energyJ).sum(), 1e-9);
        }
    }

    @Test
    void aWholeDecisionRunsTheWorkflowLikeAPlainTaskOfItsTotalWork() {
        List<TaskRecord> plainEdge = run(null, Decision.edge(EDGE));
        List<TaskRecord> plainLocal = run(null, Decision.LOCAL);
        List<TaskRecord> dagEdge = run(CHAIN, Decision.edge(EDGE));
        List<TaskRecord> dagLocal = run(CHAIN, Decision.LOCAL);
        for (int i = 0; i < 8; i++) {
            assertEquals(plainEdge.get(i).serviceTimeS(), dagEdge.get(i).serviceTimeS(), 1e-9);
            assertEquals(plainEdge.get(i).energyJ(), dagEdge.get(i).energyJ(), 1e-9);
            assertEquals(plainLocal.get(i).serviceTimeS(), dagLocal.get(i).serviceTimeS(), 1e-9);
            assertEquals(plainLocal.get(i).energyJ(), dagLocal.get(i).energyJ(), 1e-9);
        }
        // A placement with every component in the same place is the whole decision, bit for bit.
        List<TaskRecord> placed = run(CHAIN, Decision.edge(EDGE).withPartition(Partition.placement(EDGE, EDGE, EDGE)));
        for (int i = 0; i < 8; i++) {
            assertEquals(dagEdge.get(i).serviceTimeS(), placed.get(i).serviceTimeS(), 0.0);
        }
    }

    /** On an idle system HEFT's predicted schedule length is the simulated makespan of the placement it chose. */
    @Test
    void heftPredictsTheMakespanItGetsOnAnIdleSystem() {
        for (DagSpec dag : List.of(CHAIN, scaled(CHAIN, 4), scaled(CHAIN, 0.05))) {
            List<Double> predicted = new java.util.ArrayList<>();
            List<List<Integer>> placements = new java.util.ArrayList<>();
            OffloadPolicy heft = new org.offload.policy.partition.HeftPolicy();
            OffloadPolicy recording = (task, view) -> {
                predicted.add(org.offload.policy.partition.WorkflowProblem.of(view, task, dag).heft().makespan());
                Decision d = heft.decide(task, view);
                placements.add(d.partition().placement());
                return d;
            };
            Recorder rec = new Recorder();
            OffloadSimulation.builder(scenario(dag)).policy("heft", recording).taskListener(rec).build().run();
            assertEquals(8, rec.records.size());
            for (int i = 0; i < 8; i++) {
                assertNull(rec.records.get(i).failure());
                assertEquals(predicted.get(i), rec.records.get(i).serviceTimeS(), 1e-9, placements.get(i).toString());
            }
        }
    }

    @Test
    void theResultReportsMakespanPlacementsAndKilobytes() {
        Decision d = Decision.edge(EDGE).withPartition(Partition.placement(DEVICE, EDGE, EDGE));
        SimulationResult r = OffloadSimulation.builder(scenario(CHAIN)).policy("fixed", (task, view) -> d).build()
                .run();
        DagMetrics m = r.partitions().dag();
        assertNotNull(m);
        assertEquals(8, m.tasks());
        assertEquals(8, m.completed());
        assertEquals(24, m.componentsDone());
        assertEquals(0, m.componentsAborted() + m.componentsNeverStarted());
        assertEquals(8, m.onDevice());
        assertEquals(16, m.onEdge());
        assertEquals(0, m.onCloud());
        assertEquals(8 * (400 + DOWN_KB), m.transferredKb(), 1e-9);
        double expected = 1000 / DEVICE_MIPS + wlan(400) + 3000 / EDGE_MIPS + 2000 / EDGE_MIPS + wlan(DOWN_KB);
        assertEquals(expected, m.makespanMeanS(), 1e-9);
        assertNull(OffloadSimulation.builder(scenario(null)).policy("fixed", (task, view) -> Decision.edge(EDGE))
                .build().run().partitions(), "plain scenarios report no partitions");
    }

    @Test
    void aPlacementThatDoesNotFitIsAPolicyBug() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> run(CHAIN, Decision.edge(EDGE).withPartition(Partition.placement(EDGE, EDGE))));
        assertEquals("policy fixed chose edge vm 0 placement [0, 0] for task 0; allowed for a dag of 3 components: "
                + "a whole decision or a placement of 3 entries, each a VM index 0..1 or -1 (the device)",
                e.getMessage());
        assertThrows(IllegalStateException.class,
                () -> run(CHAIN, Decision.edge(EDGE).withPartition(Partition.placement(EDGE, 7, EDGE))));
        assertThrows(IllegalStateException.class,
                () -> run(CHAIN, Decision.edge(EDGE).withPartition(Partition.split(1))));
    }

    /** Random placements per component under load, short deadlines and a 2 s drain: tasks and components end once. */
    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void tasksAndComponentsAreConservedUnderLoad(long seed) {
        Scenario base = TestScenarios.withTimes(TestScenarios.seed003(60, seed, "random-placements"), 120, 0, 2);
        List<ApplicationSpec> apps = base.applications();
        ApplicationSpec a1 = apps.get(1);
        ApplicationSpec dagApp = new ApplicationSpec(a1.name(), a1.usagePercent(), a1.arrival(), a1.distribution(),
                FORK_JOIN.totalMi() * 3, a1.uploadKb(), a1.downloadKb(), a1.delaySensitivity(), 0.8,
                a1.memoryMb(), a1.vmUtilizationEdge(), a1.vmUtilizationCloud(), a1.vmUtilizationLocal(), null,
                scaled(FORK_JOIN, 3), null);
        Scenario s = TestScenarios.withApplications(base, List.of(apps.get(0), dagApp, apps.get(2), apps.get(3)));
        SplittableRandom rnd = new SplittableRandom(seed);
        OffloadPolicy p = (Task task, SystemView view) -> {
            int site = view.deviceSite(task.device());
            if (site < 0) {
                return Decision.LOCAL;
            }
            Decision d = Decision.edge(view.firstEdgeVm(site));
            if (task.app() != 1) {
                return d;
            }
            int[] where = new int[FORK_JOIN.componentCount()];
            for (int i = 0; i < where.length; i++) {
                where[i] = rnd.nextInt(view.vmCount() + 1) - 1;
            }
            return d.withPartition(Partition.placement(where));
        };
        Recorder rec = new Recorder();
        SimulationResult r = OffloadSimulation.builder(s).policy("random-placements", p).taskListener(rec).build().run();
        Invariants.checkCounts(r);
        assertEquals(r.tasksGeneratedTotal(), rec.records.size(), "every task ends exactly once");
        assertEquals(rec.records.size(), rec.records.stream().mapToLong(TaskRecord::id).distinct().count());
        DagMetrics m = r.partitions().dag();
        long dagTasks = rec.records.stream().filter(t -> t.app().equals(a1.name())).count();
        assertEquals(dagTasks, m.tasks(), "every workflow task is decided at once, measured and counted");
        assertEquals(4 * m.tasks(), m.componentsDone() + m.componentsAborted() + m.componentsNeverStarted(),
                "every component ends exactly once");
        assertEquals(4 * m.tasks(), m.onDevice() + m.onEdge() + m.onCloud());
        assertTrue(m.componentsAborted() > 0 && m.componentsNeverStarted() > 0 && m.completed() > 0
                && m.completed() < m.tasks(), "the load exercises every ending: " + m);
        // The trace: every component of every workflow task has exactly one row, with the ending counted above.
        java.util.Map<String, Long> outcomes = new java.util.TreeMap<>();
        for (TaskRecord t : rec.records) {
            if (!t.app().equals(a1.name())) {
                assertEquals(List.of(), t.parts(), "plain tasks have no part rows");
                continue;
            }
            assertEquals(List.of("component:s", "component:x", "component:y", "component:j"),
                    t.parts().stream().map(PartRecord::part).toList(), t.toString());
            double energy = 0;
            for (PartRecord c : t.parts()) {
                outcomes.merge(c.outcome(), 1L, Long::sum);
                energy += c.energyJ();
                assertTrue(t.completed() ? c.outcome().equals("done") : !Double.isNaN(t.endedS()), c.toString());
                if (c.outcome().equals("never_started")) {
                    assertTrue(Double.isNaN(c.startS()) && Double.isNaN(c.endS()), c.toString());
                } else {
                    assertTrue(c.startS() >= t.createdS() && c.startS() <= c.endS() && c.endS() <= t.endedS(),
                            c.toString());
                }
                if (c.outcome().equals("aborted")) {
                    assertEquals(t.endedS(), c.endS(), 0.0, "an aborted component leaves its CPU when the task ends");
                }
            }
            assertEquals(t.energyJ(), energy, 1e-9 * Math.max(1, t.energyJ()), t.toString());
        }
        assertEquals(java.util.Map.of("aborted", m.componentsAborted(), "done", m.componentsDone(), "never_started",
                m.componentsNeverStarted()), outcomes);
    }

    private static DagSpec scaled(DagSpec d, double f) {
        return new DagSpec(d.components().stream().map(c -> new DagSpec.Component(c.name(), c.mi() * f,
                c.memoryMb())).toList(), d.edges());
    }
}
