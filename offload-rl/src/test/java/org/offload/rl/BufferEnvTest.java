package org.offload.rl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.offload.io.ScenarioLoader;

/** The buffer-backed environments Python uses give what {@link OffloadEnv} and {@link VectorEnv} give. */
class BufferEnvTest {
    private static EnvConfig small() {
        return EnvConfig.of(new ScenarioLoader().loadDefault(List.of()).withDevices(30).withDuration(120, 0));
    }

    private static ByteBuffer direct(int bytes) {
        return ByteBuffer.allocateDirect(bytes).order(ByteOrder.nativeOrder());
    }

    @Test
    void bufferedEpisodeEqualsThePlainEnv() {
        EnvConfig c = small();
        BufferEnv b = new BufferEnv(c);
        int d = b.env().observationSize();
        int a = b.env().actionCount();
        ByteBuffer obs = direct(4 * d);
        ByteBuffer mask = direct(a);
        ByteBuffer scalars = direct(8 * BufferEnv.SCALARS);
        ByteBuffer ids = direct(8 * 4);
        ByteBuffer rewards = direct(8 * 4);
        b.bind(obs, mask, scalars, ids, rewards);
        OffloadEnv plain = new OffloadEnv(c);
        float[] o = plain.reset(7);
        b.reset(7);
        RandomAgent agent = new RandomAgent(3);
        int steps = 0;
        while (true) {
            float[] got = new float[d];
            obs.asFloatBuffer().get(got);
            assertArrayEquals(o, got, "step " + steps);
            boolean[] m = plain.actionMask();
            for (int k = 0; k < a; k++) {
                assertEquals(m[k] ? 1 : 0, mask.get(k));
            }
            int action = agent.act(m);
            StepResult r = plain.step(action);
            b.step(action);
            steps++;
            assertEquals(r.reward(), scalars.getDouble(0));
            assertEquals(r.terminated() ? 1.0 : 0.0, scalars.getDouble(8));
            assertEquals(r.info().decided(), (long) scalars.getDouble(32));
            int credits = (int) scalars.getDouble(48);
            assertEquals(r.info().creditedDecisions().length, credits);
            for (int i = 0; i < Math.min(credits, 4); i++) {
                assertEquals(r.info().creditedDecisions()[i], ids.getLong(8 * i));
                assertEquals(r.info().creditedRewards()[i], rewards.getDouble(8 * i));
            }
            o = r.observation();
            if (r.done()) {
                break;
            }
        }
        assertTrue(steps > 100, "a whole episode: " + steps);
        assertThrows(IllegalStateException.class, () -> b.step(0));
    }

    @Test
    void bufferedVectorEqualsTheVectorEnv() {
        EnvConfig c = small();
        int n = 3;
        try (BufferVectorEnv b = new BufferVectorEnv(c, n, 1); VectorEnv v = new VectorEnv(c, n, 1)) {
            int d = v.observationSize();
            int a = v.actionCount();
            ByteBuffer obs = direct(4 * n * d);
            ByteBuffer actions = direct(4 * n);
            ByteBuffer rewards = direct(8 * n);
            ByteBuffer flags = direct(2 * n);
            ByteBuffer masks = direct(n * a);
            b.bind(obs, actions, rewards, flags, masks);
            v.reset(5);
            b.reset(5);
            RandomAgent agent = new RandomAgent(1);
            int[] act = new int[n];
            for (int t = 0; t < 400; t++) {
                float[] got = new float[n * d];
                obs.asFloatBuffer().get(got);
                assertArrayEquals(v.observations(), got);
                for (int i = 0; i < n; i++) {
                    act[i] = agent.act(v.masks(), i * a, a);
                    actions.putInt(4 * i, act[i]);
                }
                v.step(act);
                b.step();
                for (int i = 0; i < n; i++) {
                    assertEquals(v.rewards()[i], rewards.getDouble(8 * i));
                    assertEquals(v.terminated()[i] ? 1 : 0, flags.get(2 * i));
                }
            }
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> b.bind(direct(4), actions, rewards, flags, masks));
            assertTrue(e.getMessage().startsWith("observations buffer has 4 bytes, expected"), e.getMessage());
        }
    }
}
