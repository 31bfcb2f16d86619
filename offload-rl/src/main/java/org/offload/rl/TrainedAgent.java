package org.offload.rl;

import org.offload.policy.learned.Mlp;

/**
 * What a trainer ({@link Ppo}, {@link Dqn}) hands back: the network the agent's policy runs, its learning curve,
 * and throughput (env steps and gradient steps with the seconds spent stepping envs and training).
 */
public interface TrainedAgent {
    Mlp policy();

    RlCurve learningCurve();

    long envSteps();

    long gradientSteps();

    double envSeconds();

    double trainSeconds();
}
