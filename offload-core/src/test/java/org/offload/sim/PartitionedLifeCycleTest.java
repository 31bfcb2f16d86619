package org.offload.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.offload.TestScenarios;
import org.offload.metrics.PartRecord;
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
import org.offload.scenario.DevicesSpec;
import org.offload.scenario.EdgeSpec;
import org.offload.scenario.LinkSpec;
import org.offload.scenario.MobilitySpec;
import org.offload.scenario.NetworkSpec;
import org.offload.scenario.PartitionSpec;
import org.offload.scenario.PlacementSpec;
import org.offload.scenario.PowerSpec;
import org.offload.scenario.Range;
import org.offload.scenario.Scenario;
import org.offload.scenario.VmSpec;

/**
 * The {@code partial} and {@code dnn} life cycles in closed form (one device, one task every 50 s, constant links,
 * so no two tasks overlap): the extreme partitions equal a plain task's local and full-offload runs bit for bit,
 * interior ones take the sum of a chain's stages or the later of two parallel parts plus the aggregation; and tasks
 * are conserved when parts time out, fail or queue.
 */
class PartitionedLifeCycleTest {
    private static final PowerSpec POWER = new PowerSpec(2.0, 1.3, 1.0);
    private static final PlacementSpec AREA = new PlacementSpec(PlacementSpec.Type.GRID, 1000, 1000);
    private static final double WLAN_BPS = 20e6, WLAN_PROP = 0.002;
    private static final double LENGTH_MI = 10_000, UP_KB = 500, DOWN_KB = 250;
    private static final double DEVICE_MIPS = 4000, EDGE_MIPS = 10_000;
    private static final List<PartitionSpec.DnnLayer> LAYERS = List.of(
            new PartitionSpec.DnnLayer("conv1", 1000, 800), new PartitionSpec.DnnLayer("block1", 3000, 200),
            new PartitionSpec.DnnLayer("block2", 4000, 50), new PartitionSpec.DnnLayer("fc", 2000, 4));

    private static Scenario scenario(PartitionSpec kind) {
        ApplicationSpec app = new ApplicationSpec("APP", 100,
                new ArrivalSpec(ArrivalSpec.Process.UNIFORM, 0, new Range(50, 50), 0, 0),
                ApplicationSpec.Distribution.FIXED, LENGTH_MI, UP_KB, DOWN_KB, 0.5, 100, 0, 0, 0, 0, null, kind, null);
        DevicesSpec dev = new DevicesSpec(1, new VmSpec(1, DEVICE_MIPS, 0), AREA, MobilitySpec.NONE, POWER);
        EdgeSpec edge = new EdgeSpec(1, AREA, 1, 1, new VmSpec(1, EDGE_MIPS, 0), 0, 100);
        CloudSpec cloud = new CloudSpec(1, 1, new VmSpec(1, 20_000, 0), 100);
        NetworkSpec net = new NetworkSpec(NetworkSpec.Model.SHARED,
                new LinkSpec(Range.of(WLAN_BPS / 1e6), WLAN_PROP), new LinkSpec(Range.of(100), 0.005),
                new LinkSpec(Range.of(50), 0.05), 10, 10);
        return new Scenario("partitioned", 5, 425, 0, 60, dev, List.of(app), edge, cloud, net,
                Scenario.Scheduling.TIME_SHARED, "fixed");
    }

    private static List<TaskRecord> run(PartitionSpec kind, Decision d) {
        Recorder rec = new Recorder();
        OffloadSimulation.builder(scenario(kind)).policy("fixed", (task, view) -> d).taskListener(rec).build().run();
        assertEquals(8, rec.records.size(), "tasks at 50, 100, ..., 400");
        rec.records.forEach(r -> assertNull(r.failure(), r.toString()));
        return rec.records;
    }

    private static void assertSameTimes(List<TaskRecord> expected, List<TaskRecord> actual) {
        for (int i = 0; i < expected.size(); i++) {
            TaskRecord e = expected.get(i);
            TaskRecord a = actual.get(i);
            assertEquals(e.serviceTimeS(), a.serviceTimeS(), 0.0, a.toString());
            assertEquals(e.energyJ(), a.energyJ(), 0.0, a.toString());
            assertEquals(e.processingS(), a.processingS(), 0.0, a.toString());
        }
    }

    private static final PartitionSpec PARTIAL = new PartitionSpec.Partial(0.25);
    private static final PartitionSpec DNN = new PartitionSpec.Dnn("inline", LAYERS);

    @Test
    void extremeRatiosAreExactlyLocalAndFullOffloadOfAPlainTask() {
        List<TaskRecord> local = run(null, Decision.LOCAL);
        List<TaskRecord> edge = run(null, Decision.edge(0));
        assertSameTimes(local, run(PARTIAL, Decision.edge(0).withPartition(Partition.ratio(1))));
        assertSameTimes(edge, run(PARTIAL, Decision.edge(0).withPartition(Partition.ratio(0))));
        assertSameTimes(edge, run(PARTIAL, Decision.edge(0)));
        assertSameTimes(local, run(PARTIAL, Decision.LOCAL));
    }

    @Test
    void extremeSplitsAreExactlyLocalAndFullOffloadOfAPlainTask() {
        List<TaskRecord> local = run(null, Decision.LOCAL);
        List<TaskRecord> edge = run(null, Decision.edge(0));
        assertSameTimes(local, run(DNN, Decision.edge(0).withPartition(Partition.split(LAYERS.size()))));
        assertSameTimes(edge, run(DNN, Decision.edge(0).withPartition(Partition.split(0))));
        assertSameTimes(edge, run(DNN, Decision.edge(0)));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3})
    void aSplitChainTakesTheSumOfItsStages(int k) {
        double prefix = LAYERS.subList(0, k).stream().mapToDouble(PartitionSpec.DnnLayer::mi).sum();
        double activation = LAYERS.get(k - 1).outputKb();
        double expected = prefix / DEVICE_MIPS + activation * 8000 / WLAN_BPS + WLAN_PROP
                + (LENGTH_MI - prefix) / EDGE_MIPS + DOWN_KB * 8000 / WLAN_BPS + WLAN_PROP;
        for (TaskRecord t : run(DNN, Decision.edge(0).withPartition(Partition.split(k)))) {
            assertEquals(expected, t.serviceTimeS(), 1e-9, t.toString());
            double energy = POWER.computeW() * prefix / DEVICE_MIPS
                    + POWER.transmitW() * activation * 8000 / WLAN_BPS + POWER.receiveW() * DOWN_KB * 8000 / WLAN_BPS;
            assertEquals(energy, t.energyJ(), 1e-9, t.toString());
        }
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.1, 0.5, 0.9})
    void aPartialTaskEndsWithItsLaterPartPlusTheAggregation(double lambda) {
        double local = lambda * LENGTH_MI / DEVICE_MIPS;
        double remote = (1 - lambda) * UP_KB * 8000 / WLAN_BPS + WLAN_PROP + (1 - lambda) * LENGTH_MI / EDGE_MIPS
                + DOWN_KB * 8000 / WLAN_BPS + WLAN_PROP;
        for (TaskRecord t : run(PARTIAL, Decision.edge(0).withPartition(Partition.ratio(lambda)))) {
            assertEquals(Math.max(local, remote) + 0.25, t.serviceTimeS(), 1e-9, t.toString());
        }
    }

    @Test
    void eachPartRecordsWhereAndWhenItRanAndWhatItMoved() {
        double prefix = LAYERS.get(0).mi() + LAYERS.get(1).mi();
        for (TaskRecord t : run(DNN, Decision.edge(0).withPartition(Partition.split(2)))) {
            assertEquals(2, t.parts().size(), t.toString());
            PartRecord dev = t.parts().get(0);
            PartRecord vm = t.parts().get(1);
            assertEquals("device:layers 1-2", dev.part());
            assertEquals(Tier.LOCAL, dev.tier());
            assertEquals(-1, dev.vm());
            assertEquals(t.createdS(), dev.startS(), 1e-9, "the prefix starts when the task is decided");
            assertEquals(t.createdS() + prefix / DEVICE_MIPS, dev.endS(), 1e-9);
            assertEquals("vm:layers 3-4", vm.part());
            assertEquals(Tier.EDGE, vm.tier());
            assertEquals(0, vm.vm());
            assertEquals(dev.endS(), vm.startS(), 0.0, "the activation's upload starts when the prefix ends");
            assertEquals(t.endedS(), vm.endS(), 0.0, "a chain ends with its VM part");
            assertEquals(LAYERS.get(1).outputKb(), vm.uploadKb(), 0.0);
            assertEquals(DOWN_KB, vm.downloadKb(), 0.0);
        }
        for (TaskRecord t : run(PARTIAL, Decision.edge(0).withPartition(Partition.ratio(0.3)))) {
            PartRecord dev = t.parts().get(0);
            PartRecord vm = t.parts().get(1);
            assertEquals("device:share 0.3", dev.part());
            assertEquals("vm:share 0.7", vm.part());
            assertEquals(dev.startS(), vm.startS(), 0.0, "the two parts start together");
            assertEquals(0.3 * LENGTH_MI / DEVICE_MIPS, dev.endS() - dev.startS(), 1e-9);
            assertEquals(t.endedS() - 0.25, Math.max(dev.endS(), vm.endS()), 1e-9, "then the aggregation");
            assertEquals(0.7 * UP_KB, vm.uploadKb(), 1e-9);
        }
        run(null, Decision.edge(0)).forEach(t -> assertEquals(List.of(), t.parts(), "a plain task has no parts"));
        run(DNN, Decision.edge(0)).forEach(t -> assertEquals(List.of(), t.parts(), "a whole dnn task has none"));
    }

    @Test
    void theResultCountsSplitsSharesAndKilobytesMoved() {
        Decision d = Decision.edge(0).withPartition(Partition.split(2));
        var r = OffloadSimulation.builder(scenario(DNN)).policy("fixed", (task, view) -> d).build().run();
        assertEquals(java.util.Map.of(2, 8L), r.partitions().dnnSplitPoints());
        assertEquals(8 * LAYERS.get(1).outputKb(), r.partitions().uploadedKb(), 1e-9);
        assertEquals(8 * DOWN_KB, r.partitions().downloadedKb(), 1e-9);
        Decision half = Decision.edge(0).withPartition(Partition.ratio(0.5));
        var p = OffloadSimulation.builder(scenario(PARTIAL)).policy("fixed", (task, view) -> half).build().run();
        assertEquals(java.util.Map.of(0.5, 8L), p.partitions().partialLocalShares());
        assertEquals(8 * UP_KB / 2, p.partitions().uploadedKb(), 1e-9);
        assertNull(OffloadSimulation.builder(scenario(null)).policy("fixed", (task, view) -> d.withPartition(
                Partition.WHOLE)).build().run().partitions(), "plain scenarios report no partitions");
    }

    @Test
    void aPartitionThatDoesNotFitTheKindIsAPolicyBug() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> run(DNN, Decision.edge(0).withPartition(Partition.split(5))));
        assertEquals("policy fixed chose partition split 5 for task 0; allowed: a split point in 0..4", e.getMessage());
        assertThrows(IllegalStateException.class, () -> run(null, Decision.edge(0).withPartition(Partition.ratio(0.5))));
        assertThrows(IllegalStateException.class, () -> run(PARTIAL, Decision.edge(0).withPartition(Partition.split(1))));
    }

    /** Random partitions of both kinds under load, with short deadlines and no drain: every task ends once. */
    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void tasksAreConservedUnderLoad(long seed) {
        Scenario base = TestScenarios.withTimes(TestScenarios.seed003(60, seed, "random-partitions"), 120, 20, 2);
        List<ApplicationSpec> apps = base.applications();
        List<ApplicationSpec> kinds = List.of(apps.get(0).withPartition(PARTIAL), apps.get(1).withPartition(
                new PartitionSpec.Dnn("inline", LAYERS)), apps.get(2).withPartition(new PartitionSpec.Partial(0)),
                apps.get(3));
        Scenario s = TestScenarios.withApplications(base, kinds);
        SplittableRandom rnd = new SplittableRandom(seed);
        OffloadPolicy p = (Task task, SystemView view) -> {
            int site = view.deviceSite(task.device());
            if (site < 0) {
                return Decision.LOCAL;
            }
            Decision d = rnd.nextBoolean() ? Decision.edge(view.firstEdgeVm(site) + rnd.nextInt(view.edgeVmsPerSite()))
                    : Decision.cloud(view.firstCloudVm() + rnd.nextInt(view.cloudVmCount()));
            return switch (task.app()) {
                case 0, 2 -> d.withPartition(Partition.ratio(rnd.nextInt(5) / 4.0));
                case 1 -> d.withPartition(Partition.split(rnd.nextInt(LAYERS.size() + 1)));
                default -> d;
            };
        };
        Recorder rec = new Recorder();
        var r = OffloadSimulation.builder(s).policy("random-partitions", p).taskListener(rec).build().run();
        Invariants.checkCounts(r);
        assertEquals(r.tasksGeneratedTotal(), rec.records.size(), "every task ends exactly once");
        assertEquals(rec.records.size(), rec.records.stream().mapToLong(TaskRecord::id).distinct().count());
    }
}
