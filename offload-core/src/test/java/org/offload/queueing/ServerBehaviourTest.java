package org.offload.queueing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.offload.engine.EventHandler;
import org.offload.engine.Simulation;

/** Hand-computed schedules for the three stations. */
class ServerBehaviourTest {
    static final class Item extends Work {
        final String name;

        Item(String name) {
            this.name = name;
        }

        @Override
        public String toString() {
            return name;
        }
    }

    /** Records when each item left its server. */
    static final class Done implements Server.Listener {
        final Simulation sim;
        final Map<String, Double> at = new LinkedHashMap<>();

        Done(Simulation sim) {
            this.sim = sim;
        }

        @Override
        public void onServed(Work w) {
            assertFalse(w.isInServer(), "an item is out of its server when the listener hears of it");
            at.put(w.toString(), sim.now());
        }
    }

    private static void at(Simulation sim, double t, Runnable r) {
        EventHandler h = (tag, data, stamp) -> r.run();
        sim.scheduleAt(t, h, 0, null, 0);
    }

    // ------------------------------------------------------------------ processor sharing

    @Test
    void psSharesOneUnitEquallyBetweenItems() {
        Simulation sim = new Simulation();
        Done done = new Done(sim);
        ProcessorSharingServer s = new ProcessorSharingServer(sim, 1, 10, done);
        s.add(new Item("a"), 10);
        s.add(new Item("b"), 20);
        assertEquals(2, s.inSystem());
        assertEquals(0, s.waiting());
        sim.runUntil(Double.POSITIVE_INFINITY);
        // Both at 5/s: a is done at 2 with b half done; b then runs alone at 10/s for 1 s.
        assertEquals(Map.of("a", 2.0, "b", 3.0), done.at);
        assertEquals(3.0, s.busyUnitSeconds(), 1e-12);
        assertEquals(0, s.inSystem());
    }

    @Test
    void psEstimateIsTheSojournAtTheRateAnotherItemWouldGet() {
        Simulation sim = new Simulation();
        ProcessorSharingServer s = new ProcessorSharingServer(sim, 2, 10, w -> { });
        assertEquals(1.0, s.estimateSojourn(10), 1e-12);
        s.add(new Item("a"), 100);
        assertEquals(1.0, s.estimateSojourn(10), 1e-12, "two units: a second item still gets a full unit");
        s.add(new Item("b"), 100);
        assertEquals(1.5, s.estimateSojourn(10), 1e-12, "three items on two units: 20/3 each");
    }

    /** Policies divide by {@code rateForNext()} instead of asking for each estimate: it must give the same bits. */
    @Test
    void psRateForNextGivesTheEstimateBitForBitAndQueuesHaveNone() {
        Simulation sim = new Simulation();
        ProcessorSharingServer s = new ProcessorSharingServer(sim, 3, 7_000, w -> { });
        for (int i = 0; i < 12; i++) {
            for (double amount : new double[] {1, 123.4, 9_876.5, 1e7 / 3}) {
                assertEquals(Double.doubleToRawLongBits(s.estimateSojourn(amount)),
                        Double.doubleToRawLongBits(amount / s.rateForNext()), i + " items, " + amount);
            }
            s.add(new Item("i" + i), 1000 + i);
        }
        assertEquals(Double.NaN, new FcfsServer(sim, 2, 10, w -> { }).rateForNext(),
                "an empty server has no next rate");
    }

    @Test
    void psWithTwoUnitsGivesEachOfThreeItemsTwoThirdsOfAUnit() {
        Simulation sim = new Simulation();
        Done done = new Done(sim);
        ProcessorSharingServer s = new ProcessorSharingServer(sim, 2, 10, done);
        s.add(new Item("a"), 10);
        s.add(new Item("b"), 10);
        s.add(new Item("c"), 10);
        sim.runUntil(Double.POSITIVE_INFINITY);
        assertEquals(3, done.at.size());
        done.at.values().forEach(t -> assertEquals(1.5, t, 1e-12));
        assertEquals(3.0, s.busyUnitSeconds(), 1e-12);
    }

    @Test
    void psWithFewerItemsThanUnitsServesEachAtFullRate() {
        Simulation sim = new Simulation();
        Done done = new Done(sim);
        ProcessorSharingServer s = new ProcessorSharingServer(sim, 4, 10, done);
        s.add(new Item("a"), 10);
        s.add(new Item("b"), 30);
        sim.runUntil(Double.POSITIVE_INFINITY);
        assertEquals(Map.of("a", 1.0, "b", 3.0), done.at);
        assertEquals(4.0, s.busyUnitSeconds(), 1e-12);
    }

    @Test
    void psRemoveReturnsTheWorkServedAndSpeedsUpTheOthers() {
        Simulation sim = new Simulation();
        Done done = new Done(sim);
        ProcessorSharingServer s = new ProcessorSharingServer(sim, 1, 10, done);
        Item a = new Item("a");
        Item b = new Item("b");
        s.add(a, 10);
        s.add(b, 20);
        double[] served = new double[1];
        at(sim, 1, () -> served[0] = s.remove(b));
        sim.runUntil(Double.POSITIVE_INFINITY);
        assertEquals(5.0, served[0], 1e-12);
        assertFalse(b.isInServer(), "a removed item has left the server");
        assertEquals(Map.of("a", 1.5), done.at);
        assertThrows(IllegalStateException.class, () -> s.remove(b));
        assertThrows(IllegalStateException.class, () -> s.remove(a));
    }

    @Test
    void psRateChangeAppliesFromNowOn() {
        Simulation sim = new Simulation();
        Done done = new Done(sim);
        ProcessorSharingServer s = new ProcessorSharingServer(sim, 1, 10, done);
        s.add(new Item("a"), 10);
        at(sim, 0.5, () -> s.setRate(5));
        sim.runUntil(Double.POSITIVE_INFINITY);
        assertEquals(Map.of("a", 1.5), done.at);
        assertEquals(5.0, s.rate());
        assertThrows(IllegalArgumentException.class, () -> s.setRate(0));
    }

    @Test
    void psListenerMayAddWorkToTheSameServer() {
        Simulation sim = new Simulation();
        List<String> log = new ArrayList<>();
        ProcessorSharingServer[] s = new ProcessorSharingServer[1];
        s[0] = new ProcessorSharingServer(sim, 1, 1, w -> {
            log.add(w + "@" + sim.now());
            if (!w.toString().startsWith("next")) {
                s[0].add(new Item("next-" + w), 1);
            }
        });
        s[0].add(new Item("a"), 1);
        s[0].add(new Item("b"), 1);
        sim.runUntil(Double.POSITIVE_INFINITY);
        // a and b finish together at 2; their two follow-ups share the unit and finish together at 4.
        assertEquals(List.of("a@2.0", "b@2.0", "next-a@4.0", "next-b@4.0"), log);
    }

    /**
     * Items that finish together must leave together, but an item with work left must not be completed early.
     * The server's completion test uses a tolerance of 1e-9 times the current virtual time (attained service per
     * item since the server was built), which grows without bound: after 1e8 work units of history, an item
     * 0.05 units from done is completed 0.1 s early.
     */
    @Test
    void psDoesNotCompleteItemsEarlyAfterALongHistory() {
        Simulation sim = new Simulation();
        Done done = new Done(sim);
        ProcessorSharingServer s = new ProcessorSharingServer(sim, 1, 1, done);
        s.add(new Item("history"), 1e8); // one long item: virtual time reaches 1e8
        sim.runUntil(Double.POSITIVE_INFINITY);
        double t0 = sim.now();
        s.add(new Item("a"), 1.0);
        s.add(new Item("b"), 1.05);
        sim.runUntil(Double.POSITIVE_INFINITY);
        // Shared until a is done at t0 + 2; b then has 0.05 left, alone at rate 1.
        assertEquals(2.0, done.at.get("a") - t0, 1e-6);
        assertEquals(2.05, done.at.get("b") - t0, 1e-6, "b finished with work left");
    }

    // ------------------------------------------------------------------ FCFS

    @Test
    void fcfsServesInArrivalOrderOnTheFirstFreeUnit() {
        Simulation sim = new Simulation();
        Done done = new Done(sim);
        FcfsServer s = new FcfsServer(sim, 2, 10, done);
        Item[] items = {new Item("a"), new Item("b"), new Item("c"), new Item("d")};
        s.add(items[0], 10);
        s.add(items[1], 20);
        s.add(items[2], 30);
        s.add(items[3], 40);
        assertEquals(4, s.inSystem());
        assertEquals(2, s.waiting());
        sim.runUntil(Double.POSITIVE_INFINITY);
        assertEquals(Map.of("a", 1.0, "b", 2.0, "c", 4.0, "d", 6.0), done.at);
        assertEquals(1.0, items[2].startedS(), 1e-12);
        assertEquals(2.0, items[3].startedS(), 1e-12);
        assertEquals(0.0, items[3].enteredS(), 1e-12);
        assertEquals(10.0, s.busyUnitSeconds(), 1e-12);
        assertEquals(0, s.inSystem());
    }

    @Test
    void fcfsRemovingAWaitingItemSkipsIt() {
        Simulation sim = new Simulation();
        Done done = new Done(sim);
        FcfsServer s = new FcfsServer(sim, 2, 10, done);
        Item c = new Item("c");
        s.add(new Item("a"), 10);
        s.add(new Item("b"), 20);
        s.add(c, 30);
        s.add(new Item("d"), 40);
        double[] served = {-1};
        at(sim, 0.5, () -> served[0] = s.remove(c));
        sim.runUntil(Double.POSITIVE_INFINITY);
        assertEquals(0.0, served[0]);
        assertEquals(Map.of("a", 1.0, "b", 2.0, "d", 5.0), done.at);
        assertEquals(0, s.waiting());
    }

    @Test
    void fcfsRemovingARunningItemFreesItsUnitForTheNext() {
        Simulation sim = new Simulation();
        Done done = new Done(sim);
        FcfsServer s = new FcfsServer(sim, 2, 10, done);
        Item a = new Item("a");
        s.add(a, 10);
        s.add(new Item("b"), 20);
        s.add(new Item("c"), 30);
        s.add(new Item("d"), 40);
        double[] served = {-1};
        at(sim, 0.5, () -> served[0] = s.remove(a));
        sim.runUntil(Double.POSITIVE_INFINITY);
        assertEquals(5.0, served[0], 1e-12);
        // c starts at 0.5 on a's unit and ends at 3.5; d starts at 2 when b ends and ends at 6.
        assertEquals(Map.of("b", 2.0, "c", 3.5, "d", 6.0), done.at);
        assertEquals(0.5 + 2 + 3 + 4, s.busyUnitSeconds(), 1e-12);
    }

    /**
     * {@link Server#estimateSojourn} is documented as the expected time until an item arriving now would finish.
     * For FCFS that is fully determined by the state (later arrivals queue behind it): with both units busy
     * until 1 and 3 and nobody waiting, a 1 s item starts at 1 and is done at 2. The implementation returns
     * max(earliest finish, mean remaining work per unit) + service = max(1, 2) + 1 = 3.
     */
    @Test
    void fcfsEstimateWithNobodyWaitingIsTheEarliestFreeUnitPlusService() {
        Simulation sim = new Simulation();
        FcfsServer s = new FcfsServer(sim, 2, 10, w -> { });
        assertEquals(1.0, s.estimateSojourn(10), 1e-12);
        s.add(new Item("a"), 10);
        assertEquals(1.0, s.estimateSojourn(10), 1e-12, "a free unit: service time only");
        s.add(new Item("b"), 30);
        assertEquals(2.0, s.estimateSojourn(10), 1e-12, "units free at 1 and 3, nobody waiting");
    }

    @Test
    void fcfsEstimateWithAQueueIsBetweenTheObviousBounds() {
        Simulation sim = new Simulation();
        FcfsServer s = new FcfsServer(sim, 2, 10, w -> { });
        s.add(new Item("a"), 10);
        s.add(new Item("b"), 30);
        s.add(new Item("c"), 50);
        // Exact: c starts at 1 (ends 6), the newcomer starts at 3 and ends at 4.
        double estimate = s.estimateSojourn(10);
        assertTrue(estimate >= 4.0 - 1e-12 && estimate <= 3 + 5 + 1 + 1e-12, "estimate " + estimate);
        assertThrows(UnsupportedOperationException.class, () -> s.setRate(3));
    }

    /**
     * The Server contract allows an item to re-enter a station after it was removed. FcfsServer leaves a removed
     * waiting item in its deque (lazy deletion, checked through {@code inServer}) unless nobody else waits; if
     * the item is added again before that stale entry is polled, the stale entry is taken as live: the item jumps
     * the queue, and its second entry later starts it a second time while it is still running on another unit.
     */
    @Test
    void fcfsItemRemovedWhileWaitingAndAddedAgainRejoinsAtTheBack() {
        Simulation sim = new Simulation();
        Done done = new Done(sim);
        FcfsServer s = new FcfsServer(sim, 2, 10, done);
        Item b = new Item("b");
        s.add(new Item("a"), 10); // unit 0, done at 1
        s.add(new Item("x"), 20); // unit 1, done at 2
        s.add(b, 50);              // waits
        s.add(new Item("d"), 10); // waits
        s.remove(b);
        s.add(b, 50);              // waits behind d
        assertEquals(2, s.waiting());
        sim.runUntil(Double.POSITIVE_INFINITY);
        // d starts at 1 (done 2), b starts at 2 (done 7).
        assertEquals(Map.of("a", 1.0, "x", 2.0, "d", 2.0, "b", 7.0), done.at);
        assertEquals(0, s.inSystem());
        assertEquals(0, s.waiting());
        assertEquals(1 + 2 + 1 + 5, s.busyUnitSeconds(), 1e-12);
        // Both units are free again: two new items run at once.
        s.add(new Item("e"), 10);
        s.add(new Item("f"), 10);
        assertEquals(0, s.waiting());
    }

    @Test
    void stationsRejectBadParameters() {
        Simulation sim = new Simulation();
        assertThrows(IllegalArgumentException.class, () -> new FcfsServer(sim, 0, 1, w -> { }));
        assertThrows(IllegalArgumentException.class, () -> new FcfsServer(sim, 1, 0, w -> { }));
        assertThrows(IllegalArgumentException.class, () -> new ProcessorSharingServer(sim, 0, 1, w -> { }));
        assertThrows(IllegalArgumentException.class, () -> new ProcessorSharingServer(sim, 1, -1, w -> { }));
    }

    // ------------------------------------------------------------------ M/M/1 delay

    /**
     * The documented estimator: rho = (EWMA of offered bits, window W, including the new transfer) / (C W);
     * the transfer takes size / (C (1 - rho)), whatever else is in transit.
     */
    @Test
    void mm1DelayIsSizeOverCapacityTimesOneMinusEstimatedLoad() {
        Simulation sim = new Simulation();
        Done done = new Done(sim);
        double c = 1000;
        double window = 10;
        Mm1DelayServer s = new Mm1DelayServer(sim, c, window, done);
        assertEquals(0.0, s.utilisation());
        assertEquals(0.2, s.utilisationWith(2000), 1e-15);
        assertEquals(2000 / (c * 0.8), s.estimateSojourn(2000), 1e-12);
        s.add(new Item("a"), 2000);
        assertEquals(0.2, s.utilisation(), 1e-15);
        double[] rhoB = new double[1];
        at(sim, 1, () -> {
            s.add(new Item("b"), 3000);
            rhoB[0] = s.utilisation();
        });
        double[] rhoAt5 = new double[1];
        at(sim, 5, () -> rhoAt5[0] = s.utilisationWith(0));
        sim.runUntil(Double.POSITIVE_INFINITY);
        double offeredAt1 = 2000 * Math.exp(-1 / window) + 3000;
        assertEquals(offeredAt1 / (c * window), rhoB[0], 1e-12);
        assertEquals(2000 / (c * (1 - 0.2)), done.at.get("a"), 1e-12, "a is not slowed down by b");
        assertEquals(1 + 3000 / (c * (1 - offeredAt1 / (c * window))), done.at.get("b"), 1e-12);
        assertEquals(offeredAt1 * Math.exp(-4 / window) / (c * window), rhoAt5[0], 1e-12);
        assertEquals(0, s.inSystem());
        assertEquals(1, s.servers());
    }

    @Test
    void mm1RemovedTransfersNeverComplete() {
        Simulation sim = new Simulation();
        Done done = new Done(sim);
        Mm1DelayServer s = new Mm1DelayServer(sim, 1000, 10, done);
        Item a = new Item("a");
        s.add(a, 2000);
        assertEquals(1, s.inSystem());
        at(sim, 1, () -> assertEquals(0.0, s.remove(a)));
        sim.runUntil(Double.POSITIVE_INFINITY);
        assertEquals(Map.of(), done.at, "completions after the removal");
        assertEquals(0, s.inSystem());
        assertThrows(IllegalStateException.class, () -> s.remove(a));
    }

    /**
     * The busy integral is documented as the integral of the estimated utilisation over time; it must not depend
     * on how often somebody asks for it. The implementation multiplies each elapsed interval by the utilisation at
     * its end (after decay), so asking rarely under-counts.
     */
    @Test
    void mm1BusyIntegralDoesNotDependOnHowOftenItIsRead() {
        double c = 1000;
        double window = 10;
        double[] busy = new double[2];
        for (int variant = 0; variant < 2; variant++) {
            Simulation sim = new Simulation();
            Mm1DelayServer s = new Mm1DelayServer(sim, c, window, w -> { });
            s.add(new Item("a"), 2000);
            if (variant == 1) {
                for (int i = 1; i <= 1000; i++) {
                    at(sim, i * 0.1, s::busyUnitSeconds);
                }
            }
            sim.runUntil(100);
            busy[variant] = s.busyUnitSeconds();
        }
        double exact = 0.2 * window * (1 - Math.exp(-100 / window));
        assertEquals(exact, busy[1], 0.02 * exact, "read every 0.1 s (a fine Riemann sum)");
        assertEquals(busy[1], busy[0], 0.02 * exact, "read once at the end");
    }
}
