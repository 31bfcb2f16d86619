package org.offload.cli;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The speed ceiling {@code offload bench --ceiling} compares the simulator with: a bare discrete-event loop with no
 * model at all. Each of {@code devices} sources generates tasks with exponential gaps at the scenario's measured
 * rate; a task is three events (arrival, "transferred" after an exponential delay, "executed" after another), kept in
 * a primitive 4-ary heap ordered by (time, sequence) like the engine's. What the loop does per event (two random
 * numbers, a heap push) is the least any discrete-event simulator of this workload does; the ratio of Offload's
 * tasks/s to this loop's, measured in the same JVM, says how close to that floor the simulator's cost is.
 */
final class CeilingLoop {
    private static final int ARRIVAL = 0;
    private static final int TRANSFERRED = 1;
    private static final int EXECUTED = 2;

    private double[] heapTime = new double[1024];
    private long[] heapSeq = new long[1024];
    private int[] heapWho = new int[1024];
    private byte[] heapKind = new byte[1024];
    private int size;
    private long nextSeq;

    /** What one loop did: tasks ended, events dispatched, wall seconds. */
    record Result(long tasks, long events, double wallS) {
        double tasksPerSecond() {
            return tasks / wallS;
        }
    }

    /**
     * Runs {@code devices} sources for {@code durationS} simulated seconds, each generating a task every
     * {@code meanGapS} seconds on average; transfers and executions take {@code meanStepS} on average.
     */
    static Result run(int devices, double durationS, double meanGapS, double meanStepS, long seed) {
        return new CeilingLoop().loop(devices, durationS, meanGapS, meanStepS, seed);
    }

    private Result loop(int devices, double durationS, double meanGapS, double meanStepS, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        long t0 = System.nanoTime();
        for (int d = 0; d < devices; d++) {
            push(exp(random, meanGapS), d, ARRIVAL);
        }
        long tasks = 0;
        long events = 0;
        while (size > 0) {
            double now = heapTime[0];
            int who = heapWho[0];
            int kind = heapKind[0];
            pop();
            events++;
            switch (kind) {
                case ARRIVAL -> {
                    double next = now + exp(random, meanGapS);
                    if (next <= durationS) {
                        push(next, who, ARRIVAL);
                    }
                    push(now + exp(random, meanStepS), who, TRANSFERRED);
                }
                case TRANSFERRED -> push(now + exp(random, meanStepS), who, EXECUTED);
                default -> tasks++;
            }
        }
        return new Result(tasks, events, (System.nanoTime() - t0) / 1e9);
    }

    private static double exp(SplittableRandom random, double mean) {
        return -mean * Math.log(1 - random.nextDouble());
    }

    private boolean less(double ta, long sa, double tb, long sb) {
        return ta < tb || (ta == tb && sa < sb);
    }

    private void push(double t, int who, int kind) {
        if (size == heapTime.length) {
            int cap = size * 2;
            heapTime = Arrays.copyOf(heapTime, cap);
            heapSeq = Arrays.copyOf(heapSeq, cap);
            heapWho = Arrays.copyOf(heapWho, cap);
            heapKind = Arrays.copyOf(heapKind, cap);
        }
        long s = nextSeq++;
        int pos = size++;
        while (pos > 0) {
            int parent = (pos - 1) >>> 2;
            if (!less(t, s, heapTime[parent], heapSeq[parent])) {
                break;
            }
            move(parent, pos);
            pos = parent;
        }
        set(pos, t, s, who, kind);
    }

    private void pop() {
        int last = --size;
        if (last == 0) {
            return;
        }
        double t = heapTime[last];
        long s = heapSeq[last];
        int who = heapWho[last];
        int kind = heapKind[last];
        int pos = 0;
        while (true) {
            int first = 4 * pos + 1;
            if (first >= size) {
                break;
            }
            int best = first;
            int end = Math.min(first + 4, size);
            for (int c = first + 1; c < end; c++) {
                if (less(heapTime[c], heapSeq[c], heapTime[best], heapSeq[best])) {
                    best = c;
                }
            }
            if (!less(heapTime[best], heapSeq[best], t, s)) {
                break;
            }
            move(best, pos);
            pos = best;
        }
        set(pos, t, s, who, kind);
    }

    private void move(int from, int to) {
        heapTime[to] = heapTime[from];
        heapSeq[to] = heapSeq[from];
        heapWho[to] = heapWho[from];
        heapKind[to] = heapKind[from];
    }

    private void set(int pos, double t, long s, int who, int kind) {
        heapTime[pos] = t;
        heapSeq[pos] = s;
        heapWho[pos] = who;
        heapKind[pos] = (byte) kind;
    }
}
