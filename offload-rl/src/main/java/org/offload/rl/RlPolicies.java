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
 * the pure-Java forward pass ({@link AgentPolicy}).
 */
public final class RlPolicies implements PolicyProvider {
    /** Classpath resource of the shipped PPO model for the default scenario. */
    public static final String PPO_RESOURCE = "org/offload/rl/ppo-default.mlp";

    public static final PolicySpec<PolicyContext, OffloadPolicy> PPO = PolicyRegistry.spec("ppo",
            "PPO agent (offload-rl, DJL-trained; tier actions, delayed outcome reward): the mode of its masked policy",
            c -> AgentPolicy.create(c, "ppo", PPO_RESOURCE)).withOptions(AgentPolicy.OPTIONS)
            .with(Capability.TAKES_MODEL_FILE, Capability.LEARNED);

    @Override
    public List<PolicySpec<PolicyContext, OffloadPolicy>> policies() {
        return List.of(PPO);
    }
}
