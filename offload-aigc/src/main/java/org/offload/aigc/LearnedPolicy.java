package org.offload.aigc;

import java.util.SplittableRandom;
import org.offload.engine.RandomStreams;
import org.offload.policy.learned.Mlp;

/**
 * Runs trained actors ({@link Checkpoint}) with the pure-Java forward pass of {@link Mlp}: each device's actor (or
 * the one shared actor) on its local observation, or the single SADDPG actor on the global state. Each discrete
 * choice ({@link ActionLayout}) is sampled from the softmax of its scores (Gumbel-max, from a stream of the episode
 * seed, so runs are reproducible), the stochastic policy the critics were trained to evaluate, as MADDPG's
 * reference implementation executes it; checkpoints trained with {@code sample_actions=false}, or
 * {@code sample = false} here, take the argmax. No exploration noise.
 */
public final class LearnedPolicy implements AigcPolicy {
    private final Checkpoint cp;
    private final Mlp.Runner[] runners;
    private final boolean sample;
    private final ActionLayout layout;
    private SplittableRandom random = new RandomStreams(0).stream("aigc-learned-policy", 0);

    public LearnedPolicy(Checkpoint checkpoint) {
        this(checkpoint, checkpoint.sampleActions());
    }

    public LearnedPolicy(Checkpoint checkpoint, boolean sample) {
        this.cp = checkpoint;
        this.sample = sample;
        this.layout = checkpoint.layout();
        this.runners = new Mlp.Runner[checkpoint.actors().size()];
        for (int k = 0; k < runners.length; k++) {
            runners[k] = checkpoint.actors().get(k).runner();
        }
    }

    @Override
    public String name() {
        return cp.kind().id();
    }

    public Checkpoint checkpoint() {
        return cp;
    }

    @Override
    public void reset(long seed) {
        random = new RandomStreams(seed).stream("aigc-learned-policy", 0);
    }

    @Override
    public AigcAction[] act(AigcObservation obs) {
        int n = obs.devices();
        AigcAction[] out = new AigcAction[n];
        int size = layout.size();
        if (cp.kind().centralised()) {
            float[] y = runners[0].run(obs.global(cp.features()));
            for (int i = 0; i < n; i++) {
                out[i] = choose(y, i * size);
            }
        } else {
            for (int i = 0; i < n; i++) {
                out[i] = choose(runners[cp.shared() ? 0 : i].run(obs.local(i, cp.features())), 0);
            }
        }
        return out;
    }

    private AigcAction choose(float[] scores, int off) {
        if (!sample) {
            return layout.decode(scores, off);
        }
        float[] oneHot = new float[off + layout.size()];
        layout.sample(scores, off, 0, random, oneHot, off);
        return layout.decode(oneHot, off);
    }
}
