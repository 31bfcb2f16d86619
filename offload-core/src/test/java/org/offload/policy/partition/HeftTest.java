package org.offload.policy.partition;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * HEFT on the example of Topcuoglu, Hariri and Wu (IEEE TPDS 2002, Fig. 2): ten tasks on three processors, the
 * computation-cost table and the edge costs as published (the edge weights are the communication costs between two
 * different processors, zero on the same one). The paper's HEFT schedule has length 80.
 */
class HeftTest {
    /** Computation cost of tasks n1..n10 on P1, P2, P3 (the paper's table in Fig. 2). */
    private static final double[][] W = {
            {14, 16, 9}, {13, 19, 18}, {11, 13, 19}, {13, 8, 17}, {12, 13, 10},
            {13, 16, 9}, {7, 15, 11}, {5, 11, 14}, {18, 12, 20}, {21, 7, 16}};
    /** Edges (0-based tasks) and their communication costs (Fig. 2). */
    private static final int[] FROM = {0, 0, 0, 0, 0, 1, 1, 2, 3, 3, 4, 5, 6, 7, 8};
    private static final int[] TO = {1, 2, 3, 4, 5, 7, 8, 6, 7, 8, 8, 7, 9, 9, 9};
    private static final double[] C = {18, 12, 9, 11, 14, 19, 16, 23, 27, 23, 13, 15, 17, 11, 13};

    private static Heft.Schedule paperExample() {
        int[] topo = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9};
        return Heft.schedule(10, FROM, TO, topo, 3, new Heft.Costs() {
            @Override
            public double computation(int t, int p) {
                return W[t][p];
            }

            @Override
            public double communication(int e, int p, int q) {
                return C[e];
            }
        });
    }

    @Test
    void reproducesThePublishedScheduleLengthOnThePapersExample() {
        Heft.Schedule s = paperExample();
        assertEquals(80, s.makespan(), 1e-9);
    }

    @Test
    void ranksAndTheScheduleFollowTheExample() {
        Heft.Schedule s = paperExample();
        // Upward ranks: n1 = 108, n10 = the mean of (21, 7, 16); n3 and n4 tie at 80.
        assertEquals(108, s.rank()[0], 1e-9);
        assertEquals(80, s.rank()[2], 1e-9);
        assertEquals(80, s.rank()[3], 1e-9);
        assertEquals(44.0 / 3, s.rank()[9], 1e-9);
        // Each task's processor and interval, n1..n10: the schedule of length 80 that a peer implementation's test
        // (Morgan279/LowComplexityTaskScheduling, TaskSchedulerTest.testHEFT) also expects for this example.
        assertArrayEquals(new int[] {2, 0, 2, 1, 2, 1, 2, 0, 1, 1}, s.processor());
        assertArrayEquals(new double[] {0, 27, 9, 18, 28, 26, 38, 57, 56, 73}, s.start(), 1e-9);
        assertArrayEquals(new double[] {9, 40, 28, 26, 38, 42, 49, 62, 68, 80}, s.finish(), 1e-9);
    }

    @Test
    void insertionUsesAnIdleSlotBeforeLaterWork() {
        // One processor: a (10) -> c (10); b (1) independent, ranked last, fits into no gap: it goes after c.
        // Two processors where P2 is idle until c needs it: the insertion policy starts b at time 0 on P2.
        int[] from = {0};
        int[] to = {2};
        Heft.Schedule s = Heft.schedule(3, from, to, new int[] {0, 1, 2}, 2, new Heft.Costs() {
            @Override
            public double computation(int t, int p) {
                return t == 1 ? 1 : p == 0 ? 10 : 100;
            }

            @Override
            public double communication(int e, int p, int q) {
                return 5;
            }
        });
        assertEquals(0, s.processor()[0]);
        assertEquals(0, s.processor()[2]);
        assertEquals(20, s.makespan(), 1e-9);
        // b ranks lowest (mean 1); P1 is busy in [0, 20]; P2 is free from 0, so b finishes at 1 there.
        assertEquals(1, s.processor()[1]);
        assertEquals(0, s.start()[1], 1e-9);
    }
}
