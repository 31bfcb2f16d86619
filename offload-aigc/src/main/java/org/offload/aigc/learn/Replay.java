package org.offload.aigc.learn;

import java.util.SplittableRandom;

/**
 * A ring buffer of transitions in flat float arrays: per agent its actor input, the global state, the joint action
 * (one-hot choices), per critic its (n-step) return, the next actor inputs and state, and the discount that
 * multiplies the bootstrapped value ({@code gamma^k}, 0 when the episode ended within the k steps). Batches are
 * drawn uniformly with replacement from a given random stream into reused arrays, agent-major
 * ({@code [agents][batch][...]}) for the actor inputs and returns.
 */
final class Replay {
    /** A sampled batch; the arrays are reused by the next {@link #sample}. */
    record Batch(float[] x, float[] g, float[] a, float[] r, float[] nx, float[] ng, float[] discount) {
    }

    private final int capacity;
    private final int agents;
    private final int critics;
    private final int xSize;
    private final int gSize;
    private final int aSize;
    private final float[] x;
    private final float[] g;
    private final float[] a;
    private final float[] r;
    private final float[] nx;
    private final float[] ng;
    private final float[] discount;
    private Batch batch;
    private int size;
    private int next;

    /**
     * @param agents  actor inputs per transition (devices, or 1 for SADDPG)
     * @param critics returns per transition
     * @param xSize   one actor input
     */
    Replay(int capacity, int agents, int critics, int xSize, int gSize, int aSize) {
        this.capacity = capacity;
        this.agents = agents;
        this.critics = critics;
        this.xSize = xSize;
        this.gSize = gSize;
        this.aSize = aSize;
        x = new float[capacity * agents * xSize];
        nx = new float[capacity * agents * xSize];
        g = new float[capacity * gSize];
        ng = new float[capacity * gSize];
        a = new float[capacity * aSize];
        r = new float[capacity * critics];
        discount = new float[capacity];
    }

    int size() {
        return size;
    }

    /** {@code xs}, {@code nxs}: agent-major actor inputs ({@code agents * xSize}); {@code rs}: one per critic. */
    void add(float[] xs, float[] gs, float[] as, float[] rs, float[] nxs, float[] ngs, float disc) {
        int k = next;
        System.arraycopy(xs, 0, x, k * agents * xSize, agents * xSize);
        System.arraycopy(nxs, 0, nx, k * agents * xSize, agents * xSize);
        System.arraycopy(gs, 0, g, k * gSize, gSize);
        System.arraycopy(ngs, 0, ng, k * gSize, gSize);
        System.arraycopy(as, 0, a, k * aSize, aSize);
        System.arraycopy(rs, 0, r, k * critics, critics);
        discount[k] = disc;
        next = (next + 1) % capacity;
        size = Math.min(size + 1, capacity);
    }

    Batch sample(int b, SplittableRandom random) {
        if (batch == null || batch.discount().length != b) {
            batch = new Batch(new float[agents * b * xSize], new float[b * gSize], new float[b * aSize],
                    new float[critics * b], new float[agents * b * xSize], new float[b * gSize], new float[b]);
        }
        for (int s = 0; s < b; s++) {
            int k = random.nextInt(size);
            for (int ag = 0; ag < agents; ag++) {
                System.arraycopy(x, (k * agents + ag) * xSize, batch.x(), (ag * b + s) * xSize, xSize);
                System.arraycopy(nx, (k * agents + ag) * xSize, batch.nx(), (ag * b + s) * xSize, xSize);
            }
            for (int c = 0; c < critics; c++) {
                batch.r()[c * b + s] = r[k * critics + c];
            }
            System.arraycopy(g, k * gSize, batch.g(), s * gSize, gSize);
            System.arraycopy(ng, k * gSize, batch.ng(), s * gSize, gSize);
            System.arraycopy(a, k * aSize, batch.a(), s * aSize, aSize);
            batch.discount()[s] = discount[k];
        }
        return batch;
    }
}
