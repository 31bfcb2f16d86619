package org.offload.queueing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.offload.engine.EventHandler;
import org.offload.engine.Simulation;

/**
 * Random arrival/removal schedules run through the real stations and through naive, obviously correct
 * reference simulations (egalitarian processor sharing over c units stepped from event to event; FCFS over c
 * units with explicit cores and queue). Departure times and the work reported by {@code remove} must agree.
 */
class ServerReferenceModelTest {
    /** Add item {@code id} of {@code size}, or remove item {@code id} if it is still in the station. */
    record Command(double time, boolean add, int id, double size) {
    }

    record Outcome(Map<Integer, Double> departures, Map<Integer, Double> servedOnRemoval) {
    }

    static final class Item extends Work {
        final int id;

        Item(int id) {
            this.id = id;
        }
    }

    static List<Command> schedule(long seed, int n) {
        SplittableRandom r = new SplittableRandom(seed);
        List<Command> out = new ArrayList<>();
        double t = 0;
        for (int i = 0; i < n; i++) {
            t += r.nextDouble() * 2;
            out.add(new Command(t, true, i, 0.1 + r.nextDouble() * 5));
            if (r.nextInt(4) == 0) {
                // Remove an earlier item a little later (it may have left by then).
                out.add(new Command(t + r.nextDouble() * 3, false, r.nextInt(i + 1), 0));
            }
        }
        out.sort(Comparator.comparingDouble(Command::time));
        return out;
    }

    static Outcome runReal(Server.Listener[] listenerSlot, Server server, Simulation sim, List<Command> commands) {
        Map<Integer, Double> departures = new HashMap<>();
        Map<Integer, Double> served = new HashMap<>();
        Map<Integer, Item> items = new HashMap<>();
        listenerSlot[0] = w -> departures.put(((Item) w).id, sim.now());
        for (Command c : commands) {
            EventHandler h = (tag, data, stamp) -> {
                if (c.add()) {
                    Item it = new Item(c.id());
                    items.put(c.id(), it);
                    server.add(it, c.size());
                } else {
                    Item it = items.get(c.id());
                    if (it.isInServer()) {
                        served.put(c.id(), server.remove(it));
                    }
                }
            };
            sim.scheduleAt(c.time(), h, 0, null, 0);
        }
        sim.runUntil(Double.POSITIVE_INFINITY);
        return new Outcome(departures, served);
    }

    // ------------------------------------------------------------------ processor sharing

    static Outcome referencePs(List<Command> commands, int c, double rate) {
        Map<Integer, Double> departures = new HashMap<>();
        Map<Integer, Double> served = new HashMap<>();
        Map<Integer, double[]> active = new LinkedHashMap<>(); // id -> {size, remaining}
        double t = 0;
        List<Command> all = new ArrayList<>(commands);
        all.add(new Command(Double.POSITIVE_INFINITY, true, -1, 0));
        for (Command cmd : all) {
            while (!active.isEmpty()) {
                int n = active.size();
                double per = n <= c ? rate : rate * c / n;
                double minRem = Double.POSITIVE_INFINITY;
                for (double[] a : active.values()) {
                    minRem = Math.min(minRem, a[1]);
                }
                double finish = t + minRem / per;
                double until = Math.min(finish, cmd.time());
                for (double[] a : active.values()) {
                    a[1] -= per * (until - t);
                }
                t = until;
                if (finish > cmd.time()) {
                    break;
                }
                for (Iterator<Map.Entry<Integer, double[]>> it = active.entrySet().iterator(); it.hasNext(); ) {
                    Map.Entry<Integer, double[]> e = it.next();
                    if (e.getValue()[1] <= 1e-12) {
                        departures.put(e.getKey(), t);
                        it.remove();
                    }
                }
            }
            t = cmd.time();
            if (cmd.id() < 0) {
                break;
            }
            if (cmd.add()) {
                active.put(cmd.id(), new double[] {cmd.size(), cmd.size()});
            } else if (active.containsKey(cmd.id())) {
                double[] a = active.remove(cmd.id());
                served.put(cmd.id(), a[0] - a[1]);
            }
        }
        return new Outcome(departures, served);
    }

    @Property(tries = 150)
    void processorSharingMatchesReference(@ForAll long seed, @ForAll @IntRange(min = 1, max = 60) int n,
                                          @ForAll @IntRange(min = 1, max = 4) int units,
                                          @ForAll @IntRange(min = 1, max = 3) int rateChoice) {
        double rate = new double[] {0.5, 1, 3}[rateChoice - 1];
        List<Command> commands = schedule(seed, n);
        Simulation sim = new Simulation();
        Server.Listener[] slot = new Server.Listener[1];
        ProcessorSharingServer server = new ProcessorSharingServer(sim, units, rate, w -> slot[0].onServed(w));
        Outcome real = runReal(slot, server, sim, commands);
        Outcome ref = referencePs(commands, units, rate);
        assertSame(ref, real);
        assertEquals(0, server.inSystem());
    }

    // ------------------------------------------------------------------ FCFS

    static Outcome referenceFcfs(List<Command> commands, int c, double rate) {
        Map<Integer, Double> departures = new HashMap<>();
        Map<Integer, Double> served = new HashMap<>();
        Map<Integer, Double> size = new HashMap<>();
        int[] onCore = new int[c];
        double[] start = new double[c];
        double[] finish = new double[c];
        java.util.Arrays.fill(onCore, -1);
        ArrayDeque<Integer> queue = new ArrayDeque<>();
        List<Command> all = new ArrayList<>(commands);
        all.add(new Command(Double.POSITIVE_INFINITY, true, -1, 0));
        for (Command cmd : all) {
            while (true) {
                int core = -1;
                for (int k = 0; k < c; k++) {
                    if (onCore[k] >= 0 && finish[k] <= cmd.time() && (core < 0 || finish[k] < finish[core])) {
                        core = k;
                    }
                }
                if (core < 0) {
                    break;
                }
                departures.put(onCore[core], finish[core]);
                onCore[core] = -1;
                startNext(queue, size, onCore, start, finish, core, finish[core], rate);
            }
            if (cmd.id() < 0) {
                break;
            }
            if (cmd.add()) {
                size.put(cmd.id(), cmd.size());
                queue.addLast(cmd.id());
                for (int k = 0; k < c; k++) {
                    if (onCore[k] < 0) {
                        startNext(queue, size, onCore, start, finish, k, cmd.time(), rate);
                        break;
                    }
                }
            } else {
                int id = cmd.id();
                if (queue.remove((Integer) id)) {
                    served.put(id, 0.0);
                }
                for (int k = 0; k < c; k++) {
                    if (onCore[k] == id) {
                        served.put(id, (cmd.time() - start[k]) * rate);
                        onCore[k] = -1;
                        startNext(queue, size, onCore, start, finish, k, cmd.time(), rate);
                    }
                }
            }
        }
        return new Outcome(departures, served);
    }

    private static void startNext(ArrayDeque<Integer> queue, Map<Integer, Double> size, int[] onCore, double[] start,
                                  double[] finish, int core, double now, double rate) {
        if (!queue.isEmpty()) {
            int id = queue.pollFirst();
            onCore[core] = id;
            start[core] = now;
            finish[core] = now + size.get(id) / rate;
        }
    }

    @Property(tries = 150)
    void fcfsMatchesReference(@ForAll long seed, @ForAll @IntRange(min = 1, max = 60) int n,
                              @ForAll @IntRange(min = 1, max = 4) int units,
                              @ForAll @IntRange(min = 1, max = 3) int rateChoice) {
        double rate = new double[] {0.5, 1, 3}[rateChoice - 1];
        List<Command> commands = schedule(seed, n);
        Simulation sim = new Simulation();
        Server.Listener[] slot = new Server.Listener[1];
        FcfsServer server = new FcfsServer(sim, units, rate, w -> slot[0].onServed(w));
        Outcome real = runReal(slot, server, sim, commands);
        Outcome ref = referenceFcfs(commands, units, rate);
        assertSame(ref, real);
        assertEquals(0, server.inSystem());
        assertEquals(0, server.waiting());
    }

    private static void assertSame(Outcome expected, Outcome actual) {
        assertEquals(expected.departures().keySet(), actual.departures().keySet(), "which items completed");
        assertEquals(expected.servedOnRemoval().keySet(), actual.servedOnRemoval().keySet(), "which were removed");
        expected.departures().forEach((id, t) ->
                assertEquals(t, actual.departures().get(id), 1e-7 * Math.max(1, t), "departure of item " + id));
        expected.servedOnRemoval().forEach((id, w) ->
                assertEquals(w, actual.servedOnRemoval().get(id), 1e-7, "work served before removal of " + id));
    }
}
