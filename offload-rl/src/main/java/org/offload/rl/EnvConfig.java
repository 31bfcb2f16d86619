package org.offload.rl;

import java.util.Objects;

import org.offload.scenario.Scenario;

/**
 * Everything an {@link OffloadEnv} is built from: the scenario (its seed is replaced by {@code reset(seed)}'s), the
 * action space, the observation, the reward, an optional step limit per episode ({@code maxSteps > 0}: the
 * episode is truncated after that many decisions; 0: it runs to the scenario's end), and whether the action mask is
 * enforced ({@code enforceMask}, default: a masked action is an error; off: it is acted on and the task fails as it
 * would under a policy that chose it, e.g. with {@code vm_capacity}, which lets any built-in policy drive the env).
 */
public record EnvConfig(Scenario scenario, ActionSpace actions, ObservationSpec observation, RewardSpec reward,
                        long maxSteps, boolean enforceMask) {
    public EnvConfig {
        Objects.requireNonNull(scenario, "scenario");
        Objects.requireNonNull(actions, "actions");
        Objects.requireNonNull(observation, "observation");
        Objects.requireNonNull(reward, "reward");
        if (maxSteps < 0) {
            throw new IllegalArgumentException("maxSteps must be >= 0 (0: no limit), got " + maxSteps);
        }
    }

    /** The tier action space, all tier features, the outcome reward, no step limit. */
    public static EnvConfig of(Scenario scenario) {
        return new EnvConfig(scenario, ActionSpace.TIER, ObservationSpec.defaults(ActionSpace.TIER),
                RewardSpec.DEFAULT, 0, true);
    }

    /** This configuration with another action space and that space's default observation. */
    public EnvConfig withActions(ActionSpace a) {
        return new EnvConfig(scenario, a, ObservationSpec.defaults(a), reward, maxSteps, enforceMask);
    }

    public EnvConfig withObservation(ObservationSpec o) {
        return new EnvConfig(scenario, actions, o, reward, maxSteps, enforceMask);
    }

    public EnvConfig withReward(RewardSpec r) {
        return new EnvConfig(scenario, actions, observation, r, maxSteps, enforceMask);
    }

    public EnvConfig withMaxSteps(long n) {
        return new EnvConfig(scenario, actions, observation, reward, n, enforceMask);
    }

    public EnvConfig withEnforcedMask(boolean enforce) {
        return new EnvConfig(scenario, actions, observation, reward, maxSteps, enforce);
    }

    public EnvConfig withScenario(Scenario s) {
        return new EnvConfig(s, actions, observation, reward, maxSteps, enforceMask);
    }
}
