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
    void sameOptionsGiveTheSameModelByteForByte() {
        for (Dqn.Priority p : List.of(Dqn.Priority.OFF, Dqn.Priority.SCHAUL)) {
            Dqn.Options shorter = options.withSteps(3_000).withPriority(p);
            assertEquals(MlpFormat.toText(Dqn.train(config, shorter, null).policy()),
                    MlpFormat.toText(Dqn.train(config, shorter, null).policy()), p.toString());
        }
        // and prioritised replay changes the training (its draws and weights are used)
        Dqn.Options shorter = options.withSteps(3_000);
        assertNotEquals(MlpFormat.toText(Dqn.train(config, shorter, null).policy()).replaceAll("(?m)^meta .*$", ""),
                MlpFormat.toText(Dqn.train(config, shorter.withPriority(Dqn.Priority.SCHAUL), null).policy())
                        .replaceAll("(?m)^meta .*$", ""));
    }
}
