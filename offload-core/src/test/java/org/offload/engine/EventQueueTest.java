package org.offload.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.SplittableRandom;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/** The event queue against a reference model: order by time, ties by insertion order, payloads intact. */
class EventQueueTest {
    /** What a dispatched event carried, as its handler saw it. */
    record Seen(double clock, int tag, Object data, long stamp) {
    }

    /** An event as the reference model keeps it. */
    record Ref(double time, long seq, int tag, Object data, long stamp) {
    }

    private static final Comparator<Ref> BY_TIME_THEN_SEQ =
            Comparator.comparingDouble(Ref::time).thenComparingLong(Ref::seq);

    /** Clock that remembers the last time the queue moved it to. */
    private static final class RecordingClock implements EventQueue.Clock {
        double now = Double.NaN;

        @Override
        public void advanceTo(double t) {
            now = t;
        }
    }

    @Provide
    Arbitrary<List<Double>> times() {
        // Few distinct values so that ties are common, mixed with arbitrary ones.
        Arbitrary<Double> coarse = Arbitraries.integers().between(0, 12).map(i -> i * 0.5);
        Arbitrary<Double> fine = Arbitraries.doubles().between(0, 10);
        return Arbitraries.frequencyOf(Tuple.of(3, coarse), Tuple.of(1, fine)).list().ofMinSize(0).ofMaxSize(300);
    }

    @Property(tries = 200)
    void dispatchesInTimeThenInsertionOrder(@ForAll("times") List<Double> times,
                                            @ForAll @IntRange(min = 1, max = 64) int initialCapacity) {
        EventQueue q = new EventQueue(initialCapacity);
        List<Seen> seen = new ArrayList<>();
        RecordingClock clock = new RecordingClock();
        List<Ref> reference = new ArrayList<>();
        for (int i = 0; i < times.size(); i++) {
            Object payload = "e" + i;
            long stamp = 31L * i - 7;
            int tag = i % 5;
            reference.add(new Ref(times.get(i), i, tag, payload, stamp));
            q.add(times.get(i), (t, d, s) -> seen.add(new Seen(clock.now, t, d, s)), tag, payload, stamp);
        }
        assertEquals(times.size(), q.size());
        while (!q.isEmpty()) {
            double peek = q.peekTime();
            double t = q.pollAndDispatch(clock);
            assertEquals(peek, t);
            assertEquals(t, clock.now);
        }
        reference.sort(BY_TIME_THEN_SEQ);
        assertEquals(reference.size(), seen.size());
        for (int i = 0; i < reference.size(); i++) {
            Ref r = reference.get(i);
            Seen s = seen.get(i);
            assertEquals(r.time(), s.clock(), "time of event " + i);
            assertEquals(r.tag(), s.tag());
            assertSame(r.data(), s.data(), "payload of event " + i + " (stable order by time, then insertion)");
            assertEquals(r.stamp(), s.stamp());
        }
    }

    /**
     * Adds and polls interleaved at random, including adds made from inside handlers (which reuse the slot the
     * handler's own event just freed): the queue must behave exactly like a sorted reference list.
     */
    @Property(tries = 200)
    void interleavedAddsAndPollsMatchReference(@ForAll @Size(max = 400) List<@IntRange(min = 0, max = 9) Integer> ops,
                                               @ForAll long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        EventQueue q = new EventQueue(1);
        PriorityQueue<Ref> ref = new PriorityQueue<>(BY_TIME_THEN_SEQ);
        RecordingClock clock = new RecordingClock();
        clock.now = 0;
        long[] seq = {0};
        List<Ref> expectedChildren = new ArrayList<>();
        Object[] last = new Object[1];
        long[] lastStamp = new long[1];
        EventHandler[] handler = new EventHandler[1];
        handler[0] = (tag, data, stamp) -> {
            last[0] = data;
            lastStamp[0] = stamp;
            if (tag == 1) {
                // A handler scheduling from inside dispatch: at or after the current time.
                double t = clock.now + (rnd.nextBoolean() ? 0 : rnd.nextInt(3));
                Ref child = new Ref(t, seq[0]++, 0, new Object(), rnd.nextLong());
                expectedChildren.add(child);
                q.add(child.time(), handler[0], child.tag(), child.data(), child.stamp());
            }
        };
        for (int op : ops) {
            if (op < 6 || q.isEmpty()) {
                double t = clock.now + rnd.nextInt(4);
                Ref r = new Ref(t, seq[0]++, op % 2, new Object(), rnd.nextLong());
                ref.add(r);
                q.add(r.time(), handler[0], r.tag(), r.data(), r.stamp());
            } else {
                Ref expected = ref.poll();
                double t = q.pollAndDispatch(clock);
                assertEquals(expected.time(), t);
                assertSame(expected.data(), last[0]);
                assertEquals(expected.stamp(), lastStamp[0]);
                ref.addAll(expectedChildren);
                expectedChildren.clear();
            }
            assertEquals(ref.size(), q.size());
            if (!ref.isEmpty()) {
                assertEquals(ref.peek().time(), q.peekTime());
            }
        }
    }

    /**
     * Adds, polls and cancels of random pending events, interleaved: the queue must behave like a sorted reference
     * list from which the cancelled events were removed (none of them is ever dispatched).
     */
    @Property(tries = 300)
    void cancelledEventsAreNeverDispatchedAndTheRestKeepTheirOrder(
            @ForAll @Size(max = 400) List<@IntRange(min = 0, max = 9) Integer> ops, @ForAll long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        EventQueue q = new EventQueue(1);
        RecordingClock clock = new RecordingClock();
        clock.now = 0;
        List<Ref> pending = new ArrayList<>();
        List<Integer> handles = new ArrayList<>();
        Object[] last = new Object[1];
        EventHandler handler = (tag, data, stamp) -> last[0] = data;
        long seq = 0;
        for (int op : ops) {
            if (op < 5 || pending.isEmpty()) {
                Ref r = new Ref(clock.now + rnd.nextInt(4), seq++, 0, new Object(), 0);
                pending.add(r);
                handles.add(q.add(r.time(), handler, 0, r.data(), 0));
            } else if (op < 7) {
                int i = rnd.nextInt(pending.size());
                q.cancel(handles.remove(i));
                pending.remove(i);
            } else {
                int min = 0;
                for (int i = 1; i < pending.size(); i++) {
                    if (BY_TIME_THEN_SEQ.compare(pending.get(i), pending.get(min)) < 0) {
                        min = i;
                    }
                }
                Ref expected = pending.remove(min);
                handles.remove(min);
                assertEquals(expected.time(), q.pollAndDispatch(clock));
                assertSame(expected.data(), last[0]);
            }
            assertEquals(pending.size(), q.size());
            if (!pending.isEmpty()) {
                assertEquals(pending.stream().min(BY_TIME_THEN_SEQ).orElseThrow().time(), q.peekTime());
            }
        }
    }

    @Test
    void payloadAndStampSurviveSlotRecyclingAndGrowth() {
        EventQueue q = new EventQueue(1);
        RecordingClock clock = new RecordingClock();
        List<Long> stamps = new ArrayList<>();
        List<Object> data = new ArrayList<>();
        EventHandler h = (tag, d, s) -> {
            stamps.add(s);
            data.add(d);
        };
        int n = 10_000;
        for (int i = n - 1; i >= 0; i--) {
            q.add(i, h, i, Integer.valueOf(i), i == 0 ? Long.MIN_VALUE : i == 1 ? Long.MAX_VALUE : -i);
        }
        for (int i = 0; i < n / 2; i++) {
            q.pollAndDispatch(clock);
        }
        // Refill through recycled slots.
        for (int i = 0; i < n / 2; i++) {
            q.add(n + i, h, 0, Integer.valueOf(n + i), n + i);
        }
        while (!q.isEmpty()) {
            q.pollAndDispatch(clock);
        }
        assertEquals(n + n / 2, stamps.size());
        assertEquals(Long.MIN_VALUE, stamps.get(0));
        assertEquals(Long.MAX_VALUE, stamps.get(1));
        for (int i = 2; i < n; i++) {
            assertEquals(-i, stamps.get(i));
        }
        for (int i = 0; i < n + n / 2; i++) {
            assertEquals(i, data.get(i));
        }
        assertEquals(0, q.size(), "events left in the queue");
        assertEquals(0, q.size());
    }

    /**
     * Lazy cancellation: a handler reschedules by bumping its stamp; superseded events are still delivered, with
     * the stamp they were scheduled with, so the handler can ignore them.
     */
    @Test
    void supersededEventsCarryTheirOldStamp() {
        Simulation sim = new Simulation();
        List<String> log = new ArrayList<>();
        long[] current = {0};
        EventHandler lazy = (tag, data, stamp) ->
                log.add((stamp == current[0] ? "live " : "stale ") + data + "@" + sim.now());
        current[0] = 1;
        sim.schedule(5, lazy, 0, "a", current[0]);
        current[0] = 2;
        sim.schedule(3, lazy, 0, "b", current[0]);
        current[0] = 3;
        sim.schedule(4, lazy, 0, "c", current[0]);
        sim.runUntil(Double.POSITIVE_INFINITY);
        assertEquals(List.of("stale b@3.0", "live c@4.0", "stale a@5.0"), log);
        assertEquals(3, sim.eventsProcessed());
        assertEquals(5.0, sim.now());
    }
}
