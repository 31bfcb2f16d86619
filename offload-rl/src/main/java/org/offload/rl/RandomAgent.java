package org.offload.rl;

import java.util.SplittableRandom;

/** Picks one of the feasible actions uniformly at random, from its own seeded stream: the baseline an agent must beat. */
public final class RandomAgent {
    private final SplittableRandom random;

    public RandomAgent(long seed) {
        this.random = new SplittableRandom(seed);
    }

    /** A feasible action for {@code mask[off .. off + n)}. */
    public int act(boolean[] mask, int off, int n) {
        int feasible = 0;
        for (int a = 0; a < n; a++) {
            if (mask[off + a]) {
                feasible++;
            }
        }
        int pick = random.nextInt(feasible);
        for (int a = 0; a < n; a++) {
            if (mask[off + a] && pick-- == 0) {
                return a;
            }
        }
        throw new IllegalStateException("no feasible action");
    }

    public int act(boolean[] mask) {
        return act(mask, 0, mask.length);
    }
}
