package org.offload.aigc.learn;

import java.util.SplittableRandom;

/**
 * A ring buffer of transitions in flat float arrays: per agent its actor input, the global state, the joint
 * action, per agent its reward, the next actor inputs and state, and whether the episode ended. Batches are
 * drawn uniformly with replacement from a given random stream, agent-major ({@code [agents][batch][...]}) for the
 * actor inputs and rewards.
 */
final class Replay {
    record Batch(float[] x, float[] g, float[] a, float[] r, float[] nx, float[] ng, float[] notDone) {
    }

    private final int capacity;
    private final int agents;
    private final int xSize;
    private final int gSize;
    private final int aSize;
    private final float[] x;
    private final float[] g;
    private final float[] a;
    private final float[] r;
    private final float[] nx;
    private final float[] ng;
    private final float[] notDone;
    private int size;
    private int next;

    /** @param xSize one agent's actor input */
    Replay(int capacity, int agents, int xSize, int gSize, int aSize) {
        this.capacity = capacity;
        this.agents = agents;
        this.xSize = xSize;
        this.gSize = gSize;
        this.aSize = aSize;
        x = new float[capacity * agents * xSize];
        nx = new float[capacity * agents * xSize];
        g = new float[capacity * gSize];
        ng = new float[capacity * gSize];
        a = new float[capacity * aSize];
        r = new float[capacity * agents];
        notDone = new float[capacity];
    }

    int size() {
        return size;
    }

    /** {@code xs}, {@code nxs}: agent-major actor inputs ({@code agents * xSize}). */
    void add(float[] xs, float[] gs, float[] as, float[] rs, float[] nxs, float[] ngs, boolean done) {
        int k = next;
        System.arraycopy(xs, 0, x, k * agents * xSize, agents * xSize);
        System.arraycopy(nxs, 0, nx, k * agents * xSize, agents * xSize);
        System.arraycopy(gs, 0, g, k * gSize, gSize);
        System.arraycopy(ngs, 0, ng, k * gSize, gSize);
        System.arraycopy(as, 0, a, k * aSize, aSize);
        System.arraycopy(rs, 0, r, k * agents, agents);
        notDone[k] = done ? 0 : 1;
        next = (next + 1) % capacity;
        size = Math.min(size + 1, capacity);
    }

    Batch sample(int batch, SplittableRandom random) {
        float[] bx = new float[agents * batch * xSize];
        float[] bnx = new float[agents * batch * xSize];
        float[] bg = new float[batch * gSize];
        float[] bng = new float[batch * gSize];
        float[] ba = new float[batch * aSize];
        float[] br = new float[agents * batch];
        float[] bd = new float[batch];
        for (int s = 0; s < batch; s++) {
            int k = random.nextInt(size);
            for (int ag = 0; ag < agents; ag++) {
                System.arraycopy(x, (k * agents + ag) * xSize, bx, (ag * batch + s) * xSize, xSize);
                System.arraycopy(nx, (k * agents + ag) * xSize, bnx, (ag * batch + s) * xSize, xSize);
                br[ag * batch + s] = r[k * agents + ag];
            }
            System.arraycopy(g, k * gSize, bg, s * gSize, gSize);
            System.arraycopy(ng, k * gSize, bng, s * gSize, gSize);
            System.arraycopy(a, k * aSize, ba, s * aSize, aSize);
            bd[s] = notDone[k];
        }
        return new Batch(bx, bg, ba, br, bnx, bng, bd);
    }
}
