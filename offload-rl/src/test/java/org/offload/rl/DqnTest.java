package org.offload.rl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.offload.io.ScenarioLoader;
import org.offload.policy.learned.MlpFormat;
import org.offload.scenario.Scenario;

/**
 * DQN learns on the environment, with uniform and with prioritised replay: a short training beats a random agent
 * and the same network untrained.
 */
class DqnTest {
    static EnvConfig config;
    static Dqn.Options options;
    static Dqn.Result frozen;

    @BeforeAll
    static void setUp() {
        Scenario scenario = new ScenarioLoader().loadDefault(List.of()).withDevices(300).withDuration(300, 30);
        config = EnvConfig.of(scenario);
        options = Dqn.Options.defaults().withSteps(30_000).withEnvs(4);
        // the same training with a learning rate of 1e-12: the initial network, the learning removed
        frozen = Dqn.train(config, options.withSteps(4_000).withLearningRate(1e-12f), null);
    }

    @Test
    void aShortTrainingBeatsRandomAndTheUntrainedNetwork() {
        Dqn.Result trained = Dqn.train(config, options, System.out::println);
        AgentScores.assertLearned(AgentScores.score(config, trained, frozen), trained, 30_000);
    }

    @Test
    void aShortTrainingWithPrioritisedReplayBeatsRandomAndTheUntrainedNetwork() {
        Dqn.Result trained = Dqn.train(config, options.withPriority(Dqn.Priority.SCHAUL), System.out::println);
        System.out.print("prioritised replay: ");
        AgentScores.assertLearned(AgentScores.score(config, trained, frozen), trained, 30_000);
    }

    @Test
    void sameOptionsGiveTheSameModelByteForByteAndPrioritisedReplayChangesIt() {
        Dqn.Options uniform = options.withSteps(3_000);
        Dqn.Options prioritised = uniform.withPriority(Dqn.Priority.SCHAUL);
        String u = MlpFormat.toText(Dqn.train(config, uniform, null).policy());
        String p = MlpFormat.toText(Dqn.train(config, prioritised, null).policy());
        assertEquals(u, MlpFormat.toText(Dqn.train(config, uniform, null).policy()));
        assertEquals(p, MlpFormat.toText(Dqn.train(config, prioritised, null).policy()));
        // prioritised replay's draws and weights are used: other weights, not only other meta lines
        assertNotEquals(u.replaceAll("(?m)^meta .*$", ""), p.replaceAll("(?m)^meta .*$", ""));
    }
}
