package org.offload.aigc;

import java.util.SplittableRandom;
import org.offload.engine.RandomStreams;

/**
 * The paper's Random baseline: per task, a uniformly random target (any edge server or the cloud), a uniform
 * offloading ratio in [0, 1] and a fair coin for the download bit, without regard to model compatibility.
 */
public final class RandomPolicy implements AigcPolicy {
    private SplittableRandom random = new RandomStreams(0).stream("aigc-random-policy", 0);

    @Override
    public String name() {
        return "random";
    }

    @Override
    public void reset(long seed) {
        random = new RandomStreams(seed).stream("aigc-random-policy", 0);
    }

    @Override
    public AigcAction[] act(AigcObservation obs) {
        AigcAction[] out = new AigcAction[obs.devices()];
        for (int i = 0; i < out.length; i++) {
            out[i] = new AigcAction(random.nextInt(obs.servers() + 1), random.nextDouble(), random.nextBoolean());
        }
        return out;
    }
}
