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
        Features all = new Features(true, true, true);
        float[] a = env.reset(7).global(all);
        env.step(new AigcAction[] {AigcAction.local(), AigcAction.local(), AigcAction.local(), AigcAction.local()});
        float[] b = env.reset(7).global(all);
        assertEquals(java.util.Arrays.toString(a), java.util.Arrays.toString(b));
        assertEquals(all.globalNames(4, 2, 3).size(), a.length);
        Features none = new Features(false, false, false);
        assertEquals(none.localSize(4, 2, 3), env.observation().local(0, none).length);
        assertEquals(all.localNames(4, 2, 3).size(), env.observation().local(0, all).length);
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
