package org.offload.rl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.offload.io.ScenarioLoader;
import org.offload.policy.learned.Mlp;
import org.offload.policy.learned.MlpFormat;

/**
 * The shipped models say they were trained by the command docs/rl.md documents ({@code offload train ppo|dqn
 * --devices 200,400,600,800,1000 --steps 200000}: defaults otherwise) and fit the default scenario's observation
 * layout. That retraining reproduces them byte for byte is a documented {@code cmp} check (docs/rl.md), too long
 * for the suite (minutes).
 */
class ShippedModelsTest {
    @ParameterizedTest
    @CsvSource({"ppo, " + RlPolicies.PPO_RESOURCE, "dqn, " + RlPolicies.DQN_RESOURCE})
    void aShippedModelRecordsTheDocumentedTrainingAndFitsTheDefaultScenario(String agent, String resource) {
        Mlp m = MlpFormat.loadResource(resource);
        Map<String, String> meta = m.meta();
        assertEquals(agent, meta.get("agent"));
        assertEquals("tier", meta.get("action_space"));
        assertEquals("outcome", meta.get("reward"));
        assertEquals("200000", meta.get("steps"));
        assertEquals("8", meta.get("envs"));
        assertEquals("1", meta.get("seed"));
        if (agent.equals("dqn")) {
            assertEquals("false", meta.get("prioritised_replay"));
        }
        OffloadEnv env = new OffloadEnv(EnvConfig.of(new ScenarioLoader().loadDefault(List.of())));
        assertEquals(env.observationNames(), m.features());
        assertEquals(env.actionNames(), m.classes());
        AgentPolicy.of(m, env.vmCount(), resource); // accepted: no layout error
    }
}
