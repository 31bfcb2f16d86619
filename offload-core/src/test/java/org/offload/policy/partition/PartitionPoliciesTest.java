package org.offload.policy.partition;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.offload.model.Decision;
import org.offload.model.Task;
import org.offload.policy.PolicyContext;
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
import org.offload.sim.OffloadSimulation;

/**
 * {@code neurosurgeon}'s split point against bandwidth, and {@code partial-optimal}'s closed-form ratio, on the idle
 * system of a one-device, one-edge-VM scenario (so the estimates are the stages' closed forms).
 */
class PartitionPoliciesTest {
    private static final PlacementSpec AREA = new PlacementSpec(PlacementSpec.Type.GRID, 100, 100);
    private static final double DEVICE_MIPS = 2000, EDGE_MIPS = 20_000;

    private static SystemView idle(PartitionSpec kind, double mi, double upKb, double wlanMbps) {
        ApplicationSpec app = new ApplicationSpec("APP", 100,
                new ArrivalSpec(ArrivalSpec.Process.POISSON, 1, null, 0, 0), ApplicationSpec.Distribution.FIXED, mi,
                upKb, 4, 0.5, 100, 0, 0, 0, 0, null, kind, null);
        DevicesSpec dev = new DevicesSpec(1, new VmSpec(1, DEVICE_MIPS, 0), AREA, MobilitySpec.NONE,
                new PowerSpec(2, 1.3, 1));
        NetworkSpec net = new NetworkSpec(NetworkSpec.Model.SHARED, new LinkSpec(Range.of(wlanMbps), 0.002),
                new LinkSpec(Range.of(1000), 0.005), new LinkSpec(Range.of(wlanMbps), 0.05), 10, 10);
        Scenario s = new Scenario("idle", 1, 10, 0, 0, dev, List.of(app),
                new EdgeSpec(1, AREA, 1, 1, new VmSpec(1, EDGE_MIPS, 0), 0, 100),
                new CloudSpec(1, 1, new VmSpec(1, 1000, 0), 100), net, Scenario.Scheduling.TIME_SHARED, "greedy");
        return OffloadSimulation.builder(s).build().view();
    }

    private static Task task(double mi, double upKb) {
        return new Task(0, 0, 0, 0, mi, upKb, 4, 0.5, 100, 0);
    }

    private static NeurosurgeonPolicy neurosurgeon(String objective) {
        return new NeurosurgeonPolicy(new PolicyContext(null, new SplittableRandom(1), Map.of("objective", objective)));
    }

    /** A chain whose activations shrink layer by layer, from an input larger than the first activation. */
    private static PartitionSpec.Dnn chain(long seed, int n) {
        SplittableRandom r = new SplittableRandom(seed);
        List<PartitionSpec.DnnLayer> layers = new ArrayList<>();
        double out = 400 + r.nextDouble(400);
        for (int i = 0; i < n; i++) {
            out *= 0.2 + 0.75 * r.nextDouble();
            layers.add(new PartitionSpec.DnnLayer("l" + i, 50 + r.nextDouble(2000), out));
        }
        return new PartitionSpec.Dnn("inline", layers);
    }

    /**
     * As the WLAN (and WAN) bandwidth falls, the chosen split never moves toward the server: with activations that
     * shrink along the chain, fewer bits per second favour later splits, and at last the device alone.
     */
    @Property(tries = 60)
    void theBestSplitMovesTowardTheDeviceAsBandwidthFalls(@ForAll long seed, @ForAll @IntRange(min = 2, max = 12) int n,
                                                         @ForAll @DoubleRange(min = 0.05, max = 500) double mbps) {
        PartitionSpec.Dnn dnn = chain(seed, n);
        double up = 1000;
        NeurosurgeonPolicy p = neurosurgeon("latency");
        int previous = -1;
        for (double f : new double[] {8, 4, 2, 1, 0.5, 0.25, 0.125}) {
            Decision d = p.decide(task(dnn.totalMi(), up), idle(dnn, dnn.totalMi(), up, mbps * f));
            int k = d.partition().split();
            assertTrue(k >= previous, "split " + k + " at " + mbps * f + " Mbps after " + previous + " at twice it");
            previous = k;
        }
    }

    @Test
    void extremesOfBandwidthGiveFullOffloadAndLocal() {
        PartitionSpec.Dnn dnn = chain(7, 8);
        NeurosurgeonPolicy p = neurosurgeon("latency");
        assertEquals(0, p.decide(task(dnn.totalMi(), 100), idle(dnn, dnn.totalMi(), 100, 10_000)).partition().split());
        Decision slow = p.decide(task(dnn.totalMi(), 100), idle(dnn, dnn.totalMi(), 100, 0.001));
        assertTrue(slow.isLocal(), slow.toString());
        assertEquals(8, slow.partition().split());
    }

    /** Neurosurgeon's latency objective picks the split with the least closed-form stage sum. */
    @Test
    void theChosenSplitIsTheLeastStageSum() {
        PartitionSpec.Dnn dnn = chain(3, 6);
        double mbps = 8;
        double best = Double.POSITIVE_INFINITY;
        int bestK = -1;
        for (int k = 0; k <= 6; k++) {
            double prefix = dnn.prefixMi(k);
            double t = prefix / DEVICE_MIPS;
            if (k < 6) {
                double kb = k == 0 ? 1000 : dnn.activationKb(k);
                t += kb * 8000 / (mbps * 1e6) + 0.002 + (dnn.totalMi() - prefix) / EDGE_MIPS + 4 * 8000 / (mbps * 1e6)
                        + 0.002;
            }
            if (t < best) {
                best = t;
                bestK = k;
            }
        }
        Decision d = neurosurgeon("latency").decide(task(dnn.totalMi(), 1000), idle(dnn, dnn.totalMi(), 1000, mbps));
        assertEquals(bestK, d.partition().split(), d.toString());
    }

    @Test
    void partialOptimalEqualisesBothParts() {
        PartitionSpec.Partial kind = new PartitionSpec.Partial(0);
        double mi = 20_000;
        double up = 500;
        SystemView view = idle(kind, mi, up, 20);
        Decision d = new PartialOptimalPolicy().decide(task(mi, up), view);
        double lambda = d.partition().localShare();
        double local = lambda * mi / DEVICE_MIPS;
        double remote = (1 - lambda) * up * 8000 / 20e6 + 0.002 + (1 - lambda) * mi / EDGE_MIPS + 4 * 8000 / 20e6
                + 0.002;
        assertEquals(local, remote, 1e-9, d.toString());
        assertTrue(lambda > 0 && lambda < 1, d.toString());
    }

    @Test
    void aLargeAggregationCostKeepsTheTaskWhole() {
        PartitionSpec.Partial kind = new PartitionSpec.Partial(100);
        SystemView view = idle(kind, 20_000, 500, 20);
        Decision d = new PartialOptimalPolicy().decide(task(20_000, 500), view);
        assertEquals(0.0, d.partition().localShare(), d.toString());
    }
}
