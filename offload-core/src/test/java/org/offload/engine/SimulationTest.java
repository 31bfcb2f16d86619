package org.offload.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class SimulationTest {
    private static EventHandler logTo(List<String> log, Simulation sim) {
        return (tag, data, stamp) -> log.add(data + "@" + sim.now());
    }

    @Test
    void runUntilProcessesEventsUpToAndIncludingTheLimitThenMovesTheClockThere() {
        Simulation sim = new Simulation();
        List<String> log = new ArrayList<>();
        EventHandler h = logTo(log, sim);
        sim.schedule(1, h, 0, "a", 0);
        sim.schedule(2, h, 0, "b", 0);
        sim.schedule(2, h, 0, "c", 0);
        sim.schedule(3, h, 0, "d", 0);
        sim.runUntil(2);
        assertEquals(List.of("a@1.0", "b@2.0", "c@2.0"), log);
        assertEquals(2.0, sim.now());
        assertEquals(3, sim.eventsProcessed());
        assertEquals(1, sim.pendingEvents());

        sim.runUntil(2.5);
        assertEquals(2.5, sim.now(), "the clock moves to the limit when no event is due");
        assertEquals(3, log.size());

        sim.schedule(0.25, h, 0, "e", 0); // at 2.75, before d
        sim.runUntil(10);
        assertEquals(List.of("a@1.0", "b@2.0", "c@2.0", "e@2.75", "d@3.0"), log);
        assertEquals(10.0, sim.now());
        assertEquals(0, sim.pendingEvents());
        assertEquals(5, sim.eventsProcessed());
    }

    @Test
    void runUntilNeverMovesTheClockBackwards() {
        Simulation sim = new Simulation();
        sim.runUntil(5);
        assertEquals(5.0, sim.now());
        sim.runUntil(3);
        assertEquals(5.0, sim.now());
        List<String> log = new ArrayList<>();
        sim.schedule(1, logTo(log, sim), 0, "x", 0);
        sim.runUntil(4);
        assertTrue(log.isEmpty(), "an event at 6 is after the limit 4");
        assertEquals(5.0, sim.now());
    }

    @Test
    void runUntilInfinityDrainsTheQueueAndLeavesTheClockAtTheLastEvent() {
        Simulation sim = new Simulation();
        List<String> log = new ArrayList<>();
        sim.schedule(7, logTo(log, sim), 0, "x", 0);
        sim.runUntil(Double.POSITIVE_INFINITY);
        assertEquals(List.of("x@7.0"), log);
        assertEquals(7.0, sim.now());
    }

    @Test
    void stopReturnsAfterTheCurrentEventAndKeepsTheClockThere() {
        Simulation sim = new Simulation();
        List<String> log = new ArrayList<>();
        EventHandler h = (tag, data, stamp) -> {
            log.add(data + "@" + sim.now());
            if ("stop".equals(data)) {
                sim.stop();
            }
        };
        sim.schedule(1, h, 0, "a", 0);
        sim.schedule(2, h, 0, "stop", 0);
        sim.schedule(2, h, 0, "same-time", 0);
        sim.schedule(3, h, 0, "b", 0);
        sim.runUntil(100);
        assertEquals(List.of("a@1.0", "stop@2.0"), log);
        assertEquals(2.0, sim.now(), "a stopped run does not jump to the limit");
        assertEquals(2, sim.pendingEvents());
        sim.runUntil(100);
        assertEquals(List.of("a@1.0", "stop@2.0", "same-time@2.0", "b@3.0"), log);
        assertEquals(100.0, sim.now());
    }

    @Test
    void stopBeforeRunUntilDoesNotPreventTheNextRun() {
        Simulation sim = new Simulation();
        List<String> log = new ArrayList<>();
        sim.schedule(1, logTo(log, sim), 0, "a", 0);
        sim.stop();
        sim.runUntil(5);
        assertEquals(List.of("a@1.0"), log);
    }

    @Test
    void zeroDelayEventsRunAfterEventsAlreadyDueAtTheSameTime() {
        Simulation sim = new Simulation();
        List<String> log = new ArrayList<>();
        EventHandler h = new EventHandler() {
            @Override
            public void onEvent(int tag, Object data, long stamp) {
                log.add(data + "@" + sim.now());
                if ("first".equals(data)) {
                    sim.schedule(0, this, 0, "child", 0);
                }
            }
        };
        sim.schedule(1, h, 0, "first", 0);
        sim.schedule(1, h, 0, "second", 0);
        sim.runUntil(1);
        assertEquals(List.of("first@1.0", "second@1.0", "child@1.0"), log);
    }

    @Test
    void rejectsEventsInThePast() {
        Simulation sim = new Simulation();
        EventHandler h = (tag, data, stamp) -> { };
        assertThrows(IllegalArgumentException.class, () -> sim.schedule(-1e-12, h, 0, null, 0));
        assertThrows(IllegalArgumentException.class, () -> sim.schedule(Double.NaN, h, 0, null, 0));
        sim.runUntil(3);
        assertThrows(IllegalArgumentException.class, () -> sim.scheduleAt(2.999, h, 0, null, 0));
        assertThrows(IllegalArgumentException.class, () -> sim.scheduleAt(Double.NaN, h, 0, null, 0));
        sim.scheduleAt(3, h, 0, null, 0);
        assertEquals(1, sim.pendingEvents());
    }

    /** A self-rescheduling random process whose trace depends only on its own stream. */
    private static final class Process implements EventHandler {
        final Simulation sim;
        final SplittableRandom random;
        final List<String> trace = new ArrayList<>();
        final String name;

        Process(Simulation sim, long seed, String name, int parallel) {
            this.sim = sim;
            this.random = new SplittableRandom(seed);
            this.name = name;
            for (int i = 0; i < parallel; i++) {
                sim.schedule(random.nextDouble(), this, i, name + i, i);
            }
        }

        @Override
        public void onEvent(int tag, Object data, long stamp) {
            trace.add(data + ":" + tag + ":" + stamp + "@" + sim.now());
            // Coarse delays make same-time ties frequent.
            double delay = random.nextInt(4) * 0.25;
            sim.schedule(delay, this, tag, data, stamp + 1);
        }
    }

    @Property(tries = 30)
    void twoSimulationsInterleavedDoNotInterfere(@ForAll long seedA, @ForAll long seedB,
                                                 @ForAll @IntRange(min = 1, max = 20) int steps) {
        double end = 50;
        Simulation a1 = new Simulation();
        Process pa1 = new Process(a1, seedA, "A", 5);
        a1.runUntil(end);
        Simulation b1 = new Simulation();
        Process pb1 = new Process(b1, seedB, "B", 3);
        b1.runUntil(end);

        Simulation a2 = new Simulation(1);
        Simulation b2 = new Simulation(1);
        Process pa2 = new Process(a2, seedA, "A", 5);
        Process pb2 = new Process(b2, seedB, "B", 3);
        for (int i = 1; i <= steps; i++) {
            double until = end * i / steps;
            a2.runUntil(until);
            b2.runUntil(until * 0.5);
            b2.runUntil(until);
        }
        assertEquals(pa1.trace, pa2.trace);
        assertEquals(pb1.trace, pb2.trace);
        assertEquals(a1.now(), a2.now());
        assertEquals(b1.now(), b2.now());
        assertEquals(a1.eventsProcessed(), a2.eventsProcessed());
        assertEquals(b1.eventsProcessed(), b2.eventsProcessed());
    }
}
