package org.offload.rl;

import java.util.SplittableRandom;

/**
 * DQN's replay buffer: a ring of the last {@code capacity} complete transitions, sampled either uniformly or, with
 * {@link Dqn.Priority} on, by proportional prioritisation (Schaul et al. 2016): transition i is drawn with
 * probability P(i) = p_i^α / Σ p_k^α, where p_i = |δ_i| + ε is its last TD error's size; a new transition gets the
 * largest priority seen so far, so it is replayed at least once. A minibatch of k is stratified: one draw from each
 * of k equal slices of the total ({@link SumTree}). The bias is corrected by importance-sampling weights
 * w_i = (N P(i))^-β / max_j w_j, β annealed to 1 by the trainer. All draws use the trainer's seeded stream.
 */
final class ReplayBuffer {
    final float[][] obs;
    final int[] action;
    final float[] reward;
    final float[][] next;
    final boolean[][] nextMask;
    private final Dqn.Priority priority;
    private final SumTree tree;
    private double maxPriority = 1;
    private int size;
    private int at;

    /** A minibatch: slots and their importance-sampling weights (all 1 when uniform). */
    record Sample(int[] slots, float[] weights) {
    }

    ReplayBuffer(int capacity, Dqn.Priority priority) {
        obs = new float[capacity][];
        action = new int[capacity];
        reward = new float[capacity];
        next = new float[capacity][];
        nextMask = new boolean[capacity][];
        this.priority = priority;
        tree = priority.on() ? new SumTree(capacity) : null;
    }

    /** Stores a transition ({@code nx} null: it ended its episode), over the oldest when full. */
    void add(float[] x, int a, float r, float[] nx, boolean[] nm) {
        obs[at] = x;
        action[at] = a;
        reward[at] = r;
        next[at] = nx;
        nextMask[at] = nx == null ? null : nm;
        if (tree != null) {
            tree.set(at, Math.pow(maxPriority, priority.alpha()));
        }
        at = (at + 1) % obs.length;
        size = Math.min(size + 1, obs.length);
    }

    int size() {
        return size;
    }

    /** {@code k} slots: uniform (with replacement), or prioritised with weights for exponent {@code beta}. */
    Sample sample(int k, double beta, SplittableRandom random) {
        int[] slots = new int[k];
        float[] weights = new float[k];
        if (tree == null) {
            for (int j = 0; j < k; j++) {
                slots[j] = random.nextInt(size);
                weights[j] = 1f;
            }
            return new Sample(slots, weights);
        }
        double total = tree.total();
        double slice = total / k;
        // the largest weight is the smallest priority's: (N p_min / total)^-β
        double maxW = Math.pow(size * tree.minPositive() / total, -beta);
        for (int j = 0; j < k; j++) {
            double u = Math.min((j + random.nextDouble()) * slice, Math.nextDown(total));
            int s = tree.find(u);
            slots[j] = s;
            weights[j] = (float) (Math.pow(size * tree.get(s) / total, -beta) / maxW);
        }
        return new Sample(slots, weights);
    }

    /** After a gradient step: the sampled slots' new priorities from their TD errors (no-op when uniform). */
    void update(int[] slots, float[] tdErrors) {
        if (tree == null) {
            return;
        }
        for (int j = 0; j < slots.length; j++) {
            double p = Math.abs(tdErrors[j]) + priority.epsilon();
            maxPriority = Math.max(maxPriority, p);
            tree.set(slots[j], Math.pow(p, priority.alpha()));
        }
    }

    /** Slot i's probability of being drawn (uniform: 1 / size). */
    double probability(int i) {
        return tree == null ? 1.0 / size : tree.get(i) / tree.total();
    }
}
