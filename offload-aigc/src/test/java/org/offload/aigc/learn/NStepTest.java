package org.offload.aigc.learn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** n-step returns against values computed by hand: discounted sums, bootstrap state and discount, episode end. */
class NStepTest {
    /** Slot t has state t, reward t + 1; the episode ends after slot 3. Returns state -> {return, next, discount}. */
    private static TreeMap<Float, float[]> transitions(int n, double gamma) {
        Replay replay = new Replay(16, 1, 1, 1, 1, 1);
        NStep nStep = new NStep(n, gamma, replay);
        for (int t = 0; t < 4; t++) {
            nStep.add(new float[] {t}, new float[] {t}, new float[] {0}, new float[] {t + 1},
                    new float[] {t + 1}, new float[] {t + 1}, t == 3);
        }
        assertEquals(4, replay.size());
        Replay.Batch b = replay.sample(400, new SplittableRandom(1));
        TreeMap<Float, float[]> out = new TreeMap<>();
        for (int s = 0; s < 400; s++) {
            out.put(b.x()[s], new float[] {b.r()[s], b.nx()[s], b.discount()[s]});
        }
        return out;
    }

    @Test
    void twoStepReturnsBootstrapTwoSlotsLaterAndStopAtTheEpisodeEnd() {
        TreeMap<Float, float[]> t = transitions(2, 0.5);
        assertEquals(4, t.size());
        assertArrayEquals(new float[] {1 + 0.5f * 2, 2, 0.25f}, t.get(0f), 1e-6f);
        assertArrayEquals(new float[] {2 + 0.5f * 3, 3, 0.25f}, t.get(1f), 1e-6f);
        assertArrayEquals(new float[] {3 + 0.5f * 4, 4, 0}, t.get(2f), 1e-6f);
        assertArrayEquals(new float[] {4, 4, 0}, t.get(3f), 1e-6f);
    }

    @Test
    void oneStepPassesTransitionsThrough() {
        TreeMap<Float, float[]> t = transitions(1, 0.9);
        assertArrayEquals(new float[] {1, 1, 0.9f}, t.get(0f), 1e-6f);
        assertArrayEquals(new float[] {3, 3, 0.9f}, t.get(2f), 1e-6f);
        assertArrayEquals(new float[] {4, 4, 0}, t.get(3f), 1e-6f);
    }
}
