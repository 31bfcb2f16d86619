package org.offload.rl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.offload.io.ScenarioLoader;
import org.offload.policy.PolicyOptionException;
import org.offload.policy.learned.MlpFormat;
import org.offload.scenario.Scenario;

/** PPO learns on the environment: a short training beats a random agent and the same network untrained. */
class PpoTest {
    static Scenario scenario;
    static EnvConfig config;
    static Ppo.Options options;
    static Ppo.Result trained;

    @BeforeAll
    static void train() {
        scenario = new ScenarioLoader().loadDefault(List.of()).withDevices(100).withDuration(300, 30);
        config = EnvConfig.of(scenario);
        options = Ppo.Options.defaults().withSteps(30_000).withEnvs(4, 256);
        trained = Ppo.train(config, options, null);
    }

    @Test
    void aShortTrainingBeatsRandomAndTheUntrainedNetwork() {
        // the same training with a learning rate of 1e-12: the initial network, the learning removed
        Ppo.Result frozen = Ppo.train(config, options.withSteps(4_000).withLearningRate(1e-12f), null);
        AgentScores.assertLearned(AgentScores.score(config, trained, frozen), trained, 30_000);
    }

    @Test
    void sameOptionsGiveTheSameModelByteForByte() {
        Ppo.Options shorter = options.withSteps(5_000);
        assertEquals(MlpFormat.toText(Ppo.train(config, shorter, null).policy()),
                MlpFormat.toText(Ppo.train(config, shorter, null).policy()));
    }

    @Test
    void aModelForAnotherLayoutIsRefusedNamingBoth() {
        // a tier x VM model names every VM: a scenario with another VM count has another layout
        EnvConfig vmConfig = config.withActions(ActionSpace.TIER_VM);
        Ppo.Result r = Ppo.train(vmConfig, options.withSteps(1_500).withEnvs(2, 64), null);
        int vms = r.policy().features().size() / 2 - 12; // 25 tier features + 2 per VM
        PolicyOptionException e = assertThrows(PolicyOptionException.class,
                () -> AgentPolicy.of(r.policy(), 40, "m.mlp"));
        assertTrue(e.getMessage().contains("m.mlp") && e.getMessage().contains("another observation layout")
                && e.getMessage().contains("40 VMs"), e.getMessage());
        assertTrue(vms > 0);
    }
}
