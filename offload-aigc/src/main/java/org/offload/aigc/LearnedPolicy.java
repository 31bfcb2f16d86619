package org.offload.aigc;

import java.util.SplittableRandom;
import org.offload.engine.RandomStreams;
import org.offload.policy.learned.Mlp;

/**
 * Runs trained actors ({@link Checkpoint}) with the pure-Java forward pass of {@link Mlp}: each device's actor on
 * its local observation (MADDPG-MATO, MADDPG-NoModel), or the single actor on the global state (SADDPG); a
 * sigmoid maps the ratio and download outputs to [0, 1] and {@link AgentKind#decode} to actions.
 *
 * <p>The target is discrete: as in MADDPG's reference implementation for discrete actions, the actor's output is a
 * distribution (softmax of the target logits) and the target is sampled from it at execution too (Gumbel-max,
 * from a stream of the episode seed, so runs are reproducible); {@code sampleTarget = false} takes the argmax
 * instead. Sampling lets devices whose actors are indifferent between servers spread over them rather than all
 * pick the same one. No other exploration noise.
 */
public final class LearnedPolicy implements AigcPolicy {
    private final Checkpoint cp;
    private final Mlp.Runner[] runners;
    private final boolean sampleTarget;
    private SplittableRandom random = new RandomStreams(0).stream("aigc-learned-policy", 0);

    public LearnedPolicy(Checkpoint checkpoint) {
        this(checkpoint, true);
    }

    public LearnedPolicy(Checkpoint checkpoint, boolean sampleTarget) {
        this.cp = checkpoint;
        this.sampleTarget = sampleTarget;
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
        AgentKind kind = cp.kind();
        int n = obs.devices();
        int servers = obs.servers();
        AigcAction[] out = new AigcAction[n];
        if (kind.centralised()) {
            int size = kind.actionSize(servers);
            float[] y = sigmoid(perturb(runners[0].run(obs.global(true)), n, size, servers));
            for (int i = 0; i < n; i++) {
                out[i] = kind.decode(y, i * size, servers);
            }
        } else {
            for (int i = 0; i < n; i++) {
                float[] y = sigmoid(perturb(runners[i].run(obs.local(i, kind.modelAware())), 1,
                        kind.actionSize(servers), servers));
                out[i] = kind.decode(y, 0, servers);
            }
        }
        return out;
    }

    private float[] perturb(float[] raw, int devices, int size, int servers) {
        return sampleTarget ? gumbel(raw, devices, size, servers, random) : raw;
    }

    /**
     * A copy of {@code raw} with Gumbel(0, 1) noise added to each device's J+1 target logits, so that their argmax
     * is a sample of the softmax.
     */
    public static float[] gumbel(float[] raw, int devices, int size, int servers, SplittableRandom random) {
        float[] out = raw.clone();
        for (int i = 0; i < devices; i++) {
            for (int k = 0; k <= servers; k++) {
                double u = Math.max(random.nextDouble(), 1e-12);
                out[i * size + k] -= (float) Math.log(-Math.log(u));
            }
        }
        return out;
    }

    static float[] sigmoid(float[] v) {
        float[] out = new float[v.length];
        for (int k = 0; k < v.length; k++) {
            out[k] = (float) (1 / (1 + Math.exp(-v[k])));
        }
        return out;
    }
}
