package org.offload.rl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.offload.io.ScenarioLoader;
import org.offload.policy.learned.MlpFormat;
import org.offload.scenario.Scenario;

/** DQN learns on the environment: a short training beats a random agent and the same network untrained. */
class DqnTest {
    static EnvConfig config;
    static Dqn.Options options;
    static Dqn.Result trained;

    @BeforeAll
    static void train() {
        Scenario scenario = new ScenarioLoader().loadDefault(List.of()).withDevices(300).withDuration(300, 30);
        config = EnvConfig.of(scenario);
        options = Dqn.Options.defaults().withSteps(30_000).withEnvs(4);
        trained = Dqn.train(config, options, System.out::println);
    }

    @Test
    void aShortTrainingBeatsRandomAndTheUntrainedNetwork() {
        int vms = new OffloadEnv(config).vmCount();
        double learned = PpoTest.evaluate(config, AgentPolicy.of(trained.policy(), vms, "trained"));
        // the same training with a learning rate of 1e-12: the initial network, the learning removed
        Dqn.Result frozen = Dqn.train(config, options.withSteps(4_000).withLearningRate(1e-12f), null);
        double untrained = PpoTest.evaluate(config, AgentPolicy.of(frozen.policy(), vms, "untrained"));
        double random = PpoTest.evaluateRandom(config);
        String msg = String.format("mean reward per decision: trained %.4f, untrained %.4f, random %.4f", learned,
                untrained, random);
        System.out.println(msg + String.format("; %d env steps in %.1f s, %d gradient steps in %.1f s",
                trained.envSteps(), trained.envSeconds(), trained.gradientSteps(), trained.trainSeconds()));
        assertTrue(learned > random + 0.05, msg);
        assertTrue(learned > untrained + 0.05, msg);
        assertTrue(trained.curve().size() >= 5, "rows: " + trained.curve().size());
        assertTrue(trained.gradientSteps() > 0 && trained.envSteps() >= 30_000);
    }

    @Test
    void sameOptionsGiveTheSameModelByteForByte() {
        Dqn.Options shorter = options.withSteps(3_000);
        assertEquals(MlpFormat.toText(Dqn.train(config, shorter, null).policy()),
                MlpFormat.toText(Dqn.train(config, shorter, null).policy()));
    }
}
