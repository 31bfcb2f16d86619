package org.offload.rl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/** The sum-tree draws slots in proportion to their priorities; prioritised replay's weights follow Schaul et al. */
class SumTreeTest {
    private static final double[] PRIORITIES = {1, 2, 0, 3, 4, 0.5, 7.5, 2}; // total 20; slot 2 never drawn

    private static SumTree tree(double[] p) {
        SumTree t = new SumTree(p.length + 3); // not a power of two: slots past the capacity must stay out
        for (int i = 0; i < p.length; i++) {
            t.set(i, p[i]);
        }
        return t;
    }

    @Test
    void aGridOfPrefixSumsLandsInEachSlotInProportionToItsPriority() {
        SumTree t = tree(PRIORITIES);
        assertEquals(20, t.total(), 1e-12);
        assertEquals(0.5, t.minPositive(), 0);
        int n = 200_000;
        int[] counts = new int[t.capacity()];
        for (int k = 0; k < n; k++) {
            counts[t.find((k + 0.5) * t.total() / n)]++;
        }
        for (int i = 0; i < t.capacity(); i++) {
            double p = i < PRIORITIES.length ? PRIORITIES[i] : 0;
            // exact up to the grid's resolution: one point at each interval's end
            assertEquals(n * p / 20, counts[i], 1.0, "slot " + i);
        }
    }

    @Test
    void seededDrawsPassAChiSquareTestAgainstThePriorities() {
        SumTree t = tree(PRIORITIES);
        SplittableRandom random = new SplittableRandom(7);
        int n = 100_000;
        int[] counts = new int[t.capacity()];
        for (int k = 0; k < n; k++) {
            counts[t.find(random.nextDouble() * t.total())]++;
        }
        double chi2 = 0;
        int cells = 0;
        for (int i = 0; i < t.capacity(); i++) {
            double p = i < PRIORITIES.length ? PRIORITIES[i] : 0;
            if (p == 0) {
                assertEquals(0, counts[i], "slot " + i + " has priority 0");
                continue;
            }
            double expected = n * p / 20;
            chi2 += (counts[i] - expected) * (counts[i] - expected) / expected;
            cells++;
        }
        // 7 cells, 6 degrees of freedom: the 0.999 quantile is 22.46
        assertEquals(7, cells);
        assertTrue(chi2 < 22.46, "chi-square " + chi2);
        // and a draw that ignored the priorities (uniform over the 7 slots) fails the same test
        double uniform = 0;
        for (int i = 0; i < PRIORITIES.length; i++) {
            if (PRIORITIES[i] > 0) {
                double expected = n * PRIORITIES[i] / 20;
                uniform += (n / 7.0 - expected) * (n / 7.0 - expected) / expected;
            }
        }
        assertTrue(uniform > 22.46, "uniform chi-square " + uniform);
    }

    @Test
    void anUpdateMovesTheDistributionAndTheMinimum() {
        SumTree t = tree(PRIORITIES);
        t.set(6, 0.25);
        t.set(5, 3);
        assertEquals(20 - 7.5 + 0.25 - 0.5 + 3, t.total(), 1e-12);
        assertEquals(0.25, t.minPositive(), 0);
        assertEquals(6, t.find(1 + 2 + 3 + 4 + 3 + 0.1));
        assertEquals(3, t.find(3)); // the end of slot 1's interval is slot 3's start (slot 2 is empty)
        assertThrows(IllegalArgumentException.class, () -> t.set(0, -1));
        assertThrows(IndexOutOfBoundsException.class, () -> t.set(t.capacity(), 1));
        assertThrows(IllegalStateException.class, () -> new SumTree(4).find(0));
    }

    @Test
    void prioritisedReplayDrawsByPriorityToTheAlphaWithNormalisedWeights() {
        Dqn.Priority pr = new Dqn.Priority(true, 0.5, 0.4, 1e-6);
        ReplayBuffer buffer = new ReplayBuffer(4, pr);
        for (int i = 0; i < 4; i++) {
            buffer.add(new float[] {i}, 0, 0f, null, null);
        }
        // TD errors 0, 3, 8, 15 -> priorities ~(1e-6, 3, 8, 15)^0.5; new transitions got the max (1) before
        buffer.update(new int[] {0, 1, 2, 3}, new float[] {0, 3, -8, 15});
        double[] p = {Math.sqrt(1e-6), Math.sqrt(3 + 1e-6), Math.sqrt(8 + 1e-6), Math.sqrt(15 + 1e-6)};
        double total = p[0] + p[1] + p[2] + p[3];
        for (int i = 0; i < 4; i++) {
            assertEquals(p[i] / total, buffer.probability(i), 1e-9, "P(" + i + ")");
        }
        SplittableRandom random = new SplittableRandom(3);
        int[] counts = new int[4];
        int n = 40_000;
        for (int k = 0; k < n / 8; k++) {
            ReplayBuffer.Sample s = buffer.sample(8, 0.4, random);
            for (int j = 0; j < 8; j++) {
                int slot = s.slots()[j];
                counts[slot]++;
                // w = (N P)^-beta / max w, the max being the smallest priority's
                double w = Math.pow(4 * p[slot] / total, -0.4) / Math.pow(4 * p[0] / total, -0.4);
                assertEquals(w, s.weights()[j], 1e-5 * w, "weight of slot " + slot);
            }
        }
        for (int i = 1; i < 4; i++) {
            double expected = n * p[i] / total;
            assertEquals(expected, counts[i], 5 * Math.sqrt(expected), "slot " + i);
        }
        // a new transition gets the largest priority seen so far (|15| + 1e-6), over the oldest slot
        buffer.add(new float[] {4}, 0, 0f, null, null);
        assertEquals(p[3] / (p[3] + p[1] + p[2] + p[3]), buffer.probability(0), 1e-9);
    }

    @Test
    void uniformReplayDrawsEverySlotAlikeWithUnitWeights() {
        ReplayBuffer buffer = new ReplayBuffer(5, Dqn.Priority.OFF);
        for (int i = 0; i < 3; i++) {
            buffer.add(new float[] {i}, 0, 0f, null, null);
        }
        ReplayBuffer.Sample s = buffer.sample(64, 0.4, new SplittableRandom(1));
        for (int j = 0; j < 64; j++) {
            assertTrue(s.slots()[j] >= 0 && s.slots()[j] < 3);
            assertEquals(1f, s.weights()[j]);
        }
        assertEquals(1.0 / 3, buffer.probability(2), 1e-12);
    }
}
