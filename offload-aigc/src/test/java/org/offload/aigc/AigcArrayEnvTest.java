package org.offload.aigc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import org.junit.jupiter.api.Test;

/** The flat-buffer environment Python uses gives the same episode as {@link AigcEnv} itself. */
class AigcArrayEnvTest {
    private static final Features FEATURES = new Features(true, true, false);

    private static ByteBuffer direct(int bytes) {
        return ByteBuffer.allocateDirect(bytes).order(ByteOrder.nativeOrder());
    }

    @Test
    void greedyThroughBuffersEqualsGreedyOnTheEnv() {
        AigcScenario s = TestScenarios.small();
        AigcArrayEnv a = new AigcArrayEnv(s, FEATURES, 11);
        int n = a.agents();
        int d = a.observationSize();
        ByteBuffer obs = direct(n * d * 4);
        ByteBuffer act = direct(n * 3 * 4);
        ByteBuffer rew = direct(n * 8);
        ByteBuffer info = direct(n * 4 * 8);
        a.bind(obs, act, rew, info);

        AigcEnv plain = new AigcEnv(s);
        AigcObservation o = plain.reset(3);
        a.reset(3);
        GreedyPolicy greedy = new GreedyPolicy();
        FloatBuffer f = obs.asFloatBuffer();
        boolean done = false;
        int slots = 0;
        while (!done) {
            for (int i = 0; i < n; i++) {
                float[] row = new float[d];
                f.get(i * d, row);
                assertArrayEquals(o.local(i, FEATURES), row, "slot " + slots + " device " + i);
            }
            AigcAction[] actions = greedy.act(o);
            for (int i = 0; i < n; i++) {
                act.putInt(i * 12, actions[i].target());
                act.putInt(i * 12 + 4, (int) Math.round(actions[i].ratio() * 10));
                act.putInt(i * 12 + 8, actions[i].download() ? 1 : 0);
            }
            StepResult r = plain.step(actions);
            done = a.step();
            assertEquals(r.done(), done);
            for (int i = 0; i < n; i++) {
                assertEquals(r.rewards()[i], rew.getDouble(i * 8));
                assertEquals(r.info().outcomes().get(i).latencyS(), info.getDouble(i * 32));
            }
            o = r.observation();
            slots++;
        }
        assertEquals(s.slotsPerEpisode(), slots);
    }

    @Test
    void badBuffersAndActionsSayWhatWasExpected() {
        AigcArrayEnv a = new AigcArrayEnv(TestScenarios.small(), FEATURES, 5);
        int n = a.agents();
        IllegalArgumentException size = assertThrows(IllegalArgumentException.class,
                () -> a.bind(direct(4), direct(n * 12), direct(n * 8), direct(n * 32)));
        assertTrue(size.getMessage().startsWith("observations buffer has 4 bytes, expected"), size.getMessage());
        assertThrows(IllegalStateException.class, () -> a.reset(1));
        IllegalArgumentException action = assertThrows(IllegalArgumentException.class, () -> a.decode(2, 3, 0, 0));
        assertEquals("action of agent 2 is (3, 0, 0); expected target 0..2, ratio level 0..4, download 0 or 1",
                action.getMessage());
        assertEquals(0.25, a.decode(0, 1, 1, 1).ratio());
    }
}
