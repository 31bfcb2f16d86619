package org.offload.queueing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.offload.engine.EventHandler;
import org.offload.engine.Simulation;

/**
 * {@link GpsServer} against the GPS closed form (Parekh &amp; Gallager 1993): while the set of busy flows is fixed,
 * busy flow {@code k} is served at {@code C * w_k / sum of busy w}, split equally among its items. Capacity 10
 * units/s; flow 0 (unsliced) weight 0.5, slice A (flow 1) 0.3, slice B (flow 2) 0.2.
 */
class GpsServerTest {
    private static final double[] WEIGHTS = {0.5, 0.3, 0.2};
    private static final double C = 10;

    private final Simulation sim = new Simulation();
    private final Map<String, Double> done = new LinkedHashMap<>();
    private final GpsServer gps = new GpsServer(sim, C, WEIGHTS, w -> done.put(w.toString(), sim.now()));

    @Test
    void aReservedSliceKeepsItsShareUnderSaturatingCompetingLoad() {
        for (int i = 0; i < 4; i++) {
            gps.add(new ServerBehaviourTest.Item("bulk" + i), 100, 0); // saturating unsliced traffic
        }
        gps.add(new ServerBehaviourTest.Item("b"), 100, 2);           // the other slice busy too
        assertEquals(3 / (C * 0.3), gps.estimateSojourn(3, 1), 1e-12, "estimate before it enters");
        gps.add(new ServerBehaviourTest.Item("a"), 3, 1);
        sim.runUntil(1.5);
        // Every flow busy: A is served at exactly its share, 0.3 * 10 = 3/s, whatever the 4 bulk items do.
        assertEquals(1.0, done.get("a"), 1e-9);
        double throughput = 3 / done.get("a");
        assertTrue(throughput >= 0.3 * C - 1e-9, "slice A's throughput " + throughput + " below its share");
    }

    @Test
    void unusedCapacityGoesToTheBusySlices() {
        gps.add(new ServerBehaviourTest.Item("bulk"), 100, 0);
        gps.add(new ServerBehaviourTest.Item("a"), 3, 1); // B idle: A gets 0.3 / (0.3 + 0.5) of the link
        sim.runUntil(2);
        assertEquals(3 / (C * 0.3 / 0.8), done.get("a"), 1e-9);

        Simulation alone = new Simulation();
        Map<String, Double> t = new LinkedHashMap<>();
        GpsServer idle = new GpsServer(alone, C, WEIGHTS, w -> t.put(w.toString(), alone.now()));
        idle.add(new ServerBehaviourTest.Item("a"), 3, 1); // everyone else idle: the whole link
        alone.runUntil(1);
        assertEquals(0.3, t.get("a"), 1e-12);
    }

    @Test
    void piecewiseScheduleWhenTheCompetingFlowEmpties() {
        gps.add(new ServerBehaviourTest.Item("bulk"), 2, 0);
        gps.add(new ServerBehaviourTest.Item("a"), 6, 1);
        sim.runUntil(5);
        // Until bulk leaves: bulk 10 * 0.5/0.8 = 6.25/s, A 3.75/s; bulk done at 2/6.25 = 0.32 with A at 1.2 of 6;
        // then A alone at 10/s for the remaining 4.8: done at 0.32 + 0.48 = 0.8.
        assertEquals(0.32, done.get("bulk"), 1e-9);
        assertEquals(0.8, done.get("a"), 1e-9);
        assertEquals(0.8, gps.busyUnitSeconds(), 1e-9);
        assertEquals(0, gps.inSystem());
    }

    @Test
    void itemsOfOneSliceShareItsRateEqually() {
        gps.add(new ServerBehaviourTest.Item("bulk"), 100, 0);
        gps.add(new ServerBehaviourTest.Item("b"), 100, 2);
        gps.add(new ServerBehaviourTest.Item("a1"), 3, 1);
        gps.add(new ServerBehaviourTest.Item("a2"), 3, 1);
        sim.runUntil(3);
        assertEquals(2.0, done.get("a1"), 1e-9);
        assertEquals(2.0, done.get("a2"), 1e-9);
    }

    @Test
    void removingTheLastItemOfAFlowReleasesItsShare() {
        ServerBehaviourTest.Item bulk = new ServerBehaviourTest.Item("bulk");
        gps.add(bulk, 100, 0);
        gps.add(new ServerBehaviourTest.Item("a"), 6, 1);
        EventHandler abort = (tag, data, stamp) -> assertEquals(0.5 * 6.25, gps.remove(bulk), 1e-9);
        sim.scheduleAt(0.5, abort, 0, null, 0);
        sim.runUntil(5);
        // A: 3.75/s for 0.5 s (1.875), then 10/s for 4.125: done at 0.9125.
        assertEquals(0.9125, done.get("a"), 1e-9);
    }

    @Test
    void aZeroWeightFlowRunsOnlyWhenTheSlicesAreIdle() {
        Simulation s = new Simulation();
        Map<String, Double> t = new LinkedHashMap<>();
        GpsServer full = new GpsServer(s, C, new double[] {0, 0.6, 0.4}, w -> t.put(w.toString(), s.now()));
        full.add(new ServerBehaviourTest.Item("rest"), 1, 0);
        full.add(new ServerBehaviourTest.Item("a"), 6, 1);
        s.runUntil(5);
        assertEquals(0.6, t.get("a"), 1e-9);
        assertEquals(0.7, t.get("rest"), 1e-9);
    }

    @Test
    void theUnslicedEstimateIsProcessorSharingOverAllItems() {
        gps.add(new ServerBehaviourTest.Item("bulk"), 100, 0);
        gps.add(new ServerBehaviourTest.Item("a"), 6, 1);
        assertEquals(Discipline.processorSharingS(5, C, 1, 2), gps.estimateSojourn(5), 0);
        assertEquals(5 / gps.rateForNext(), gps.estimateSojourn(5), 0);
        // A newcomer of the idle slice B: 0.2 / (0.5 + 0.3 + 0.2) of the link.
        assertEquals(5 / (C * 0.2), gps.estimateSojourn(5, 2), 1e-12);
        assertEquals(2, gps.inSystem());
        assertEquals(1, gps.inSystem(1));
    }
}
