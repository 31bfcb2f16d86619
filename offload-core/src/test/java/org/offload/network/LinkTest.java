package org.offload.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.offload.TestScenarios;
import org.offload.engine.EventHandler;
import org.offload.engine.Simulation;
import org.offload.queueing.Server;
import org.offload.queueing.Work;
import org.offload.scenario.LinkSpec;
import org.offload.scenario.NetworkSpec;
import org.offload.scenario.Range;

class LinkTest {
    static final class Transfer extends Work {
        final String name;

        Transfer(String name) {
            this.name = name;
        }
    }

    private static NetworkSpec network(NetworkSpec.Model model, LinkSpec link, double periodS, double windowS) {
        return new NetworkSpec(model, link, link, link, periodS, windowS);
    }

    private static Server.Listener recordTo(Map<String, Double> done, Simulation sim) {
        return w -> done.put(((Transfer) w).name, sim.now());
    }

    @Test
    void aSingleTransferOnAConstantSharedLinkTakesBitsOverCapacity() {
        Simulation sim = new Simulation();
        Map<String, Double> done = new LinkedHashMap<>();
        LinkSpec spec = new LinkSpec(Range.of(8), 0.05);
        Link link = new Link("wlan0", sim, spec, network(NetworkSpec.Model.SHARED, spec, 1, 10),
                new SplittableRandom(1), recordTo(done, sim));
        double bits = 12e6;
        assertEquals(bits / 8e6 + 0.05, link.estimateDelayS(bits), 1e-12, "transfer plus propagation");
        assertTrue(link.admits(1e12), "a shared link never refuses");
        link.start(new Transfer("a"), bits);
        assertEquals(1, link.activeTransfers());
        sim.runUntil(Double.POSITIVE_INFINITY);
        // Propagation is the caller's business: the link reports the end of the transfer itself.
        assertEquals(Map.of("a", 1.5), done);
        assertEquals(1.5, link.busySeconds(), 1e-12);
        assertEquals(8.0, link.bandwidthMbps());
        assertEquals(0.05, link.propagationS());
        assertEquals("wlan0", link.name());
        assertEquals(0, sim.pendingEvents(), "a constant link schedules no bandwidth updates");
    }

    @Test
    void concurrentTransfersShareTheCapacity() {
        Simulation sim = new Simulation();
        Map<String, Double> done = new LinkedHashMap<>();
        LinkSpec spec = new LinkSpec(Range.of(8), 0);
        Link link = new Link("man", sim, spec, network(NetworkSpec.Model.SHARED, spec, 1, 10),
                new SplittableRandom(1), recordTo(done, sim));
        link.start(new Transfer("a"), 4e6);
        link.start(new Transfer("b"), 8e6);
        assertEquals(3.0, link.estimateDelayS(8e6), 1e-12, "a third transfer would get a third of the capacity");
        sim.runUntil(Double.POSITIVE_INFINITY);
        assertEquals(1.0, done.get("a"), 1e-12);
        assertEquals(1.5, done.get("b"), 1e-12);
    }

    @Test
    void abortedTransfersNeverComplete() {
        Simulation sim = new Simulation();
        Map<String, Double> done = new LinkedHashMap<>();
        LinkSpec spec = new LinkSpec(Range.of(8), 0);
        for (NetworkSpec.Model model : NetworkSpec.Model.values()) {
            done.clear();
            NetworkSpec net = network(model, spec, 1, 10);
            NetworkModel m = NetworkModel.of(TestScenarios.withNetwork(TestScenarios.seed003(10, 1, "greedy"), net));
            Link link = new Link("x", LinkKind.WLAN, sim, spec, net, m, new SplittableRandom(1), recordTo(done, sim));
            Transfer a = new Transfer("a");
            link.start(a, 8e6);
            link.start(new Transfer("b"), 8e6);
            EventHandler abort = (t, d, s) -> link.abort(a);
            sim.schedule(0.5, abort, 0, null, 0);
            sim.runUntil(Double.POSITIVE_INFINITY);
            assertEquals(Set.of("b"), done.keySet(), model.toString());
        }
    }

    @Test
    void mm1LinkTakesSizeOverCapacityTimesOneMinusLoadAndRefusesAtFullLoad() {
        Simulation sim = new Simulation();
        Map<String, Double> done = new LinkedHashMap<>();
        LinkSpec spec = new LinkSpec(Range.of(8), 0.1);
        Link link = new Link("wan0", sim, spec, network(NetworkSpec.Model.MM1, spec, 1, 10),
                new SplittableRandom(1), recordTo(done, sim));
        double capacityBits = 8e6 * 10; // C * window
        double bits = 8e6;
        assertEquals(bits / (8e6 * (1 - bits / capacityBits)) + 0.1, link.estimateDelayS(bits), 1e-12);
        assertTrue(link.admits(capacityBits * 0.999), "a transfer just below the window's capacity is admitted");
        assertFalse(link.admits(capacityBits), "rho would reach 1");
        link.start(new Transfer("a"), bits);
        sim.runUntil(Double.POSITIVE_INFINITY);
        assertEquals(bits / (8e6 * 0.9), done.get("a"), 1e-12);
    }

    /**
     * A bandwidth range is redrawn uniformly every period from the link's own stream; a transfer's duration
     * follows the piecewise-constant capacity.
     */
    @Test
    void variableBandwidthIsRedrawnEveryPeriodAndTransfersFollowIt() {
        Simulation sim = new Simulation();
        Map<String, Double> done = new LinkedHashMap<>();
        LinkSpec spec = new LinkSpec(new Range(10, 100), 0);
        long seed = 77;
        Link link = new Link("wlan1", sim, spec, network(NetworkSpec.Model.SHARED, spec, 0.5, 10),
                new SplittableRandom(seed), recordTo(done, sim));
        SplittableRandom replay = new SplittableRandom(seed);
        List<Double> expectedMbps = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            expectedMbps.add(10 + 90 * replay.nextDouble());
        }
        double bits = 200e6;
        link.start(new Transfer("a"), bits);
        List<Double> seenMbps = new ArrayList<>();
        Set<Double> distinct = new HashSet<>();
        for (int i = 0; i < 20; i++) {
            sim.runUntil(i * 0.5 + 0.25);
            seenMbps.add(link.bandwidthMbps());
            distinct.add(link.bandwidthMbps());
            assertTrue(link.bandwidthMbps() >= 10 && link.bandwidthMbps() <= 100, "bandwidth " + link.bandwidthMbps());
        }
        for (int i = 0; i < 20; i++) {
            assertEquals(expectedMbps.get(i), seenMbps.get(i), 1e-9, "capacity in period " + i);
        }
        assertTrue(distinct.size() > 15, "distinct.size() = " + distinct.size());
        // Expected finish: integrate the replayed capacities over 0.5 s periods.
        double left = bits;
        double t = 0;
        int period = 0;
        while (true) {
            double bps = expectedMbps.get(period) * 1e6;
            if (left <= bps * 0.5) {
                t += left / bps;
                break;
            }
            left -= bps * 0.5;
            t += 0.5;
            period++;
        }
        sim.runUntil(30);
        assertEquals(t, done.get("a"), 1e-9);
    }
}
