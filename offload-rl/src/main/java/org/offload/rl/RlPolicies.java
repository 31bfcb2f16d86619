package org.offload.rl;

import java.util.List;

import org.offload.policy.OffloadPolicy;
import org.offload.policy.PolicyContext;
import org.offload.policy.PolicyProvider;
import org.offload.policy.PolicyRegistry;
import org.offload.registry.Capability;
import org.offload.registry.PolicySpec;

/**
 * The reinforcement-learning agents as policies, brought to every tool by {@link PolicyProvider} (this module's
 * {@code META-INF/services} entry): {@code ppo} runs a model trained by {@code offload train ppo} ({@link Ppo}) with
 * the pure-Java forward pass ({@link AgentPolicy}); {@code dqn} runs a Q-network trained by {@code offload train dqn}
 * ({@link Dqn}), the greedy feasible action. Both ship a model for the default scenario (docs/rl.md gives the
 * commands that reproduce them byte for byte); {@code model=FILE} runs another.
 */
public final class RlPolicies implements PolicyProvider {
    /** Classpath resource of the shipped PPO model for the default scenario. */
    public static final String PPO_RESOURCE = "org/offload/rl/ppo-default.mlp";
    /** Classpath resource of the shipped DQN model for the default scenario. */
    public static final String DQN_RESOURCE = "org/offload/rl/dqn-default.mlp";

    public static final PolicySpec<PolicyContext, OffloadPolicy> PPO = PolicyRegistry.spec("ppo",
            "PPO agent (offload-rl, DJL-trained; tier actions, delayed outcome reward): the mode of its masked policy",
            c -> AgentPolicy.create(c, "ppo", PPO_RESOURCE)).withOptions(AgentPolicy.OPTIONS)
            .with(Capability.TAKES_MODEL_FILE, Capability.LEARNED);

    public static final PolicySpec<PolicyContext, OffloadPolicy> DQN = PolicyRegistry.spec("dqn",
            "DQN agent (offload-rl, DJL-trained double DQN with a dueling head; tier actions, delayed outcome reward):"
                    + " the feasible action of highest Q-value",
            c -> AgentPolicy.create(c, "dqn", DQN_RESOURCE)).withOptions(AgentPolicy.OPTIONS)
            .with(Capability.TAKES_MODEL_FILE, Capability.LEARNED);

    @Override
    public List<PolicySpec<PolicyContext, OffloadPolicy>> policies() {
        return List.of(PPO, DQN);
    }
}
