package org.offload.rl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.offload.engine.RandomStreams;
import org.offload.io.ScenarioLoader;
import org.offload.metrics.SimulationResult;
import org.offload.model.Decision;
import org.offload.model.Task;
import org.offload.policy.OffloadPolicy;
import org.offload.policy.PolicyContext;
import org.offload.policy.builtin.BuiltInPolicies;
import org.offload.scenario.Scenario;
import org.offload.sim.OffloadSimulation;

class OffloadEnvTest {
    static Scenario small() {
        return new ScenarioLoader().loadDefault(List.of()).withDevices(60).withDuration(300, 30);
    }

    /** Wall-clock fields zeroed, and the policy name: what must agree between two runs of the same decisions. */
    static SimulationResult comparable(SimulationResult r) {
        return new SimulationResult(r.scenario(), "-", r.seed(), r.devices(), r.simulatedTimeS(), r.warmupS(),
                r.overall(), r.perApplication(), r.perTier(), r.vmUtilization(), r.deviceEnergyTotalJ(),
                r.deviceEnergyMeanPerDeviceJ(), r.littleLaw(), r.tasksGeneratedTotal(), r.eventsProcessed(), 0, 0,
                r.studies());
    }

    /** One episode with a random agent: observations, rewards and credits as seen. */
    record Episode(List<float[]> observations, List<Double> rewards, List<Long> credited, SimulationResult result) {
    }

    static Episode randomEpisode(EnvConfig config, long seed, long agentSeed) {
        OffloadEnv env = new OffloadEnv(config);
        RandomAgent agent = new RandomAgent(agentSeed);
        List<float[]> obs = new ArrayList<>();
        List<Double> rewards = new ArrayList<>();
        List<Long> credited = new ArrayList<>();
        obs.add(env.reset(seed));
        StepResult r;
        do {
            r = env.step(agent.act(env.actionMask()));
            obs.add(r.observation());
            rewards.add(r.reward());
            for (long id : r.info().creditedDecisions()) {
                credited.add(id);
            }
        } while (!r.done());
        return new Episode(obs, rewards, credited, r.terminated() ? env.result() : null);
    }

    @ParameterizedTest
    @ValueSource(strings = {"tier", "tier-vm"})
    void anEpisodeConservesTasksLikeAPlainRunAndCreditsEachDecisionOnce(String space) {
        Scenario s = small();
        EnvConfig config = EnvConfig.of(s).withActions(ActionSpace.parse(space));
        Episode e = randomEpisode(config, 3, 1);
        SimulationResult plain = OffloadSimulation.builder(s.withSeed(3).withPolicy("random")).build().run();
        // the workload does not depend on the decisions: the same tasks are generated
        assertEquals(plain.tasksGeneratedTotal(), e.result().tasksGeneratedTotal());
        assertEquals(e.result().tasksGeneratedTotal(), e.rewards().size(), "one step per generated task");
        var all = e.result().overall();
        assertEquals(all.generated(), all.completed() + all.failed(), "every measured task ends once");
        BitSet seen = new BitSet();
        for (long id : e.credited()) {
            assertFalse(seen.get((int) id), "decision " + id + " credited twice");
            seen.set((int) id);
        }
        assertEquals(e.rewards().size(), seen.cardinality(), "every decision credited");
        assertEquals(e.rewards().size(), seen.nextClearBit(0));
        assertTrue(all.failed() > 0 && all.completed() > 0, all.toString());
    }

    @Test
    void sameSeedAndActionsGiveTheSameEpisodeAnotherSeedAnother() {
        EnvConfig config = EnvConfig.of(small()).withActions(ActionSpace.TIER_VM);
        Episode a = randomEpisode(config, 5, 9);
        Episode b = randomEpisode(config, 5, 9);
        assertEquals(a.observations().size(), b.observations().size());
        for (int i = 0; i < a.observations().size(); i++) {
            assertArrayEquals(a.observations().get(i), b.observations().get(i), "observation " + i);
        }
        assertEquals(a.rewards(), b.rewards());
        assertEquals(a.credited(), b.credited());
        assertEquals(comparable(a.result()), comparable(b.result()));
        Episode c = randomEpisode(config, 6, 9);
        assertNotEquals(a.rewards(), c.rewards());
    }

    @ParameterizedTest
    @ValueSource(strings = {"greedy", "local-only", "random", "network-aware"})
    void aBuiltInPolicyDrivenThroughTheEnvGivesTheInProcessResult(String name) {
        Scenario s = small().withSeed(4).withPolicy(name);
        SimulationResult inProcess = OffloadSimulation.builder(s).build().run();

        // local-only and random choose places that admit nothing (the task fails there): mask not enforced
        OffloadEnv env = new OffloadEnv(EnvConfig.of(s).withActions(ActionSpace.TIER_VM).withEnforcedMask(false));
        OffloadPolicy p = BuiltInPolicies.registry().create(name,
                new PolicyContext(s, new RandomStreams(s.seed()).stream("policy", 0), Map.of()));
        env.reset(4);
        StepResult r;
        do {
            Task t = env.waitingTask();
            Decision d = p.decide(t, env.view());
            int a = env.actionOf(d);
            r = env.step(a);
            assertEquals(d, r.info().decision());
        } while (!r.done());
        assertTrue(r.terminated());
        assertEquals(comparable(inProcess), comparable(env.result()));
        assertEquals(OffloadEnv.POLICY_NAME, env.result().policy());
    }

    @Test
    void badActionsAndStepsAreCleanErrors() {
        // devices without a CPU: the device action is always masked
        Scenario noCpu = new ScenarioLoader().loadDefault(List.of("devices.cpu=none")).withDevices(60)
                .withDuration(20, 0);
        OffloadEnv env = new OffloadEnv(EnvConfig.of(noCpu));
        IllegalStateException early = assertThrows(IllegalStateException.class, () -> env.step(0));
        assertTrue(early.getMessage().contains("reset"), early.getMessage());
        env.reset(1);
        assertEquals(5, env.actionCount());
        IllegalArgumentException range = assertThrows(IllegalArgumentException.class, () -> env.step(5));
        assertTrue(range.getMessage().contains("expected 0..4"), range.getMessage());
        assertThrows(IllegalArgumentException.class, () -> env.step(-1));
        int masked = -1;
        StepResult r = null;
        RandomAgent agent = new RandomAgent(2);
        while (masked < 0) {
            boolean[] m = env.actionMask();
            for (int a = 0; a < m.length && masked < 0; a++) {
                if (!m[a]) {
                    masked = a;
                }
            }
            if (masked < 0) {
                r = env.step(agent.act(env.actionMask()));
                assertFalse(r.done(), "no masked action seen in a whole episode");
            }
        }
        int m = masked;
        IllegalArgumentException infeasible = assertThrows(IllegalArgumentException.class, () -> env.step(m));
        assertTrue(infeasible.getMessage().contains("masked as infeasible"), infeasible.getMessage());
        while (!env.done()) {
            r = env.step(agent.act(env.actionMask()));
        }
        IllegalStateException after = assertThrows(IllegalStateException.class, () -> env.step(4));
        assertTrue(after.getMessage().contains("has ended") && after.getMessage().contains("reset"),
                after.getMessage());
        assertTrue(r.terminated());
    }

    @Test
    void truncationStopsAfterMaxStepsAndResetStartsAgain() {
        OffloadEnv env = new OffloadEnv(EnvConfig.of(small()).withMaxSteps(50));
        float[] first = env.reset(8);
        RandomAgent agent = new RandomAgent(3);
        StepResult r;
        int n = 0;
        do {
            r = env.step(agent.act(env.actionMask()));
            n++;
        } while (!r.done());
        assertEquals(50, n);
        assertTrue(r.truncated());
        assertFalse(r.terminated());
        assertThrows(IllegalStateException.class, env::result);
        assertArrayEquals(first, env.reset(8));
    }

    @Test
    void estimateRewardIsDeliveredByTheDecidingStep() {
        OffloadEnv env = new OffloadEnv(EnvConfig.of(small())
                .withReward(RewardSpec.DEFAULT.withMode(RewardSpec.Mode.ESTIMATE)).withMaxSteps(200));
        env.reset(2);
        RandomAgent agent = new RandomAgent(4);
        StepResult r;
        do {
            r = env.step(agent.act(env.actionMask()));
            assertArrayEquals(new long[] {r.info().decided()}, r.info().creditedDecisions());
            assertTrue(r.reward() <= 0 && r.reward() >= -2, "reward " + r.reward());
        } while (!r.done());
    }

    @Test
    void observationLayoutIsConfigurableAndCheckedByName() {
        EnvConfig c = EnvConfig.of(small()).withObservation(new ObservationSpec(List.of("time_left_s", "u_cloud"),
                true));
        OffloadEnv env = new OffloadEnv(c);
        assertEquals("time_left_s", env.observationNames().get(0));
        assertEquals("vm0_u", env.observationNames().get(2));
        assertEquals(env.observationSize(), env.reset(1).length);
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
                () -> new ObservationSpec(List.of("u_moon"), false));
        assertTrue(bad.getMessage().contains("u_moon") && bad.getMessage().contains("u_cloud"), bad.getMessage());
    }
}
