package org.offload.aigc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The same seed and actions give the same episode; another seed gives another. */
class DeterminismTest {
    private static List<SlotOutcome> episode(AigcScenario s, long seed) {
        AigcEnv env = new AigcEnv(s);
        AigcPolicy p = new RandomPolicy();
        AigcObservation obs = env.reset(seed);
        p.reset(seed);
        List<SlotOutcome> all = new ArrayList<>();
        while (true) {
            StepResult r = env.step(p.act(obs));
            all.addAll(r.info().outcomes());
            obs = r.observation();
            if (r.done()) {
                return all;
            }
        }
    }

    @Test
    void sameSeedSameEpisode() {
        AigcScenario s = TestScenarios.small("radio.fading=rayleigh");
        assertEquals(episode(s, 42), episode(s, 42));
        assertNotEquals(episode(s, 42), episode(s, 43));
    }

    @Test
    void resetRestartsFromTheSameState() {
        AigcScenario s = TestScenarios.small();
        AigcEnv env = new AigcEnv(s);
        float[] a = env.reset(7).global(true);
        env.step(new AigcAction[] {AigcAction.local(), AigcAction.local(), AigcAction.local(), AigcAction.local()});
        float[] b = env.reset(7).global(true);
        assertEquals(java.util.Arrays.toString(a), java.util.Arrays.toString(b));
        assertEquals(AigcObservation.globalSize(4, 2, 3, true), a.length);
        assertEquals(AigcObservation.localSize(2, 3, false), env.observation().local(0, false).length);
        assertEquals(AigcObservation.localNames(2, 3, true).size(), env.observation().local(0, true).length);
    }

    @Test
    void bundledScenarioHasThePapersSetup() {
        AigcScenario s = new AigcScenarioLoader().loadDefault(List.of());
        assertEquals(10, s.devices().count());
        assertEquals(3, s.edge().servers());
        assertEquals(7, s.edge().cpuGhz(), 0);
        assertEquals(40, s.cloud().cpuGhz(), 0);
        for (AigcScenario.TaskType t : s.taskTypes()) {
            double mb = t.model().sizeMb();
            assertTrue(mb >= 90 && mb <= 250, t.name() + ": " + mb + " MB");
        }
        assertEquals(6, s.taskTypes().size());
    }
}
