package org.offload.rl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;

import org.junit.jupiter.api.Test;

class VectorEnvTest {
    private static final EnvConfig CONFIG = EnvConfig.of(OffloadEnvTest.small().withDuration(60, 0));

    /** Observations and rewards of {@code steps} steps of random agents (one per env, seeded by env index). */
    private static String run(int n, int threads, int steps) {
        StringBuilder trace = new StringBuilder();
        try (VectorEnv v = new VectorEnv(CONFIG, n, threads)) {
            RandomAgent[] agents = new RandomAgent[n];
            for (int i = 0; i < n; i++) {
                agents[i] = new RandomAgent(100 + i);
            }
            float[] obs = v.reset(11);
            trace.append(Arrays.hashCode(obs));
            int[] actions = new int[n];
            for (int s = 0; s < steps; s++) {
                for (int i = 0; i < n; i++) {
                    actions[i] = agents[i].act(v.masks(), i * v.actionCount(), v.actionCount());
                }
                obs = v.step(actions);
                trace.append(',').append(Arrays.hashCode(obs)).append(Arrays.toString(v.rewards()))
                        .append(Arrays.toString(v.terminated()));
            }
            for (int i = 0; i < n; i++) {
                trace.append(';').append(v.episodes(i));
            }
        }
        return trace.toString();
    }

    @Test
    void resultsDoNotDependOnTheThreadCountAndEpisodesAutoReset() {
        // 60 devices for 60 s: a few thousand tasks per episode, so 2500 steps end some episodes
        String one = run(4, 1, 2500);
        assertEquals(one, run(4, 3, 2500));
        assertTrue(one.contains("true"), "some episode ended and was reset");
    }

    @Test
    void envIOfTheVectorIsTheSingleEnvWithSeedPlusI() {
        int n = 3;
        try (VectorEnv v = new VectorEnv(CONFIG, n, 1)) {
            float[] obs = v.reset(20);
            for (int i = 0; i < n; i++) {
                OffloadEnv single = new OffloadEnv(CONFIG);
                assertArrayEquals(single.reset(20 + i),
                        Arrays.copyOfRange(obs, i * v.observationSize(), (i + 1) * v.observationSize()));
            }
        }
    }

    @Test
    void aBadActionNamesTheEnvAndMovesNothing() {
        try (VectorEnv v = new VectorEnv(CONFIG, 2, 1)) {
            assertThrows(IllegalStateException.class, () -> v.step(new int[] {0, 0}));
            float[] before = v.reset(1).clone();
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> v.step(new int[] {4, 9}));
            assertTrue(e.getMessage().startsWith("env 1: action 9 is out of range"), e.getMessage());
            assertArrayEquals(before, v.observations());
            assertThrows(IllegalArgumentException.class, () -> v.step(new int[] {4}));
        }
    }
}
