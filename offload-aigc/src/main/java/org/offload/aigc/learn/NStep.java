package org.offload.aigc.learn;

import java.util.ArrayDeque;

/**
 * Turns one episode's one-step transitions into n-step ones: the return of slot t is
 * {@code r_t + gamma r_{t+1} + ... + gamma^{n-1} r_{t+n-1}}, bootstrapped from the state of slot t+n with discount
 * {@code gamma^n}; near the end of an episode the return stops at its last slot and the discount is 0. With n = 1
 * each transition passes through unchanged.
 */
final class NStep {
    private record Step(float[] x, float[] g, float[] a, float[] r) {
    }

    private final int n;
    private final float gamma;
    private final Replay replay;
    private final ArrayDeque<Step> pending = new ArrayDeque<>();

    NStep(int n, double gamma, Replay replay) {
        this.n = n;
        this.gamma = (float) gamma;
        this.replay = replay;
    }

    /** Adds slot t (inputs, action, rewards) and its successor state; the arrays must not change afterwards. */
    void add(float[] x, float[] g, float[] a, float[] r, float[] nx, float[] ng, boolean done) {
        pending.addLast(new Step(x, g, a, r));
        if (done) {
            while (!pending.isEmpty()) {
                emit(nx, ng, 0);
            }
        } else if (pending.size() == n) {
            emit(nx, ng, (float) Math.pow(gamma, n));
        }
    }

    private void emit(float[] nx, float[] ng, float discount) {
        Step first = pending.peekFirst();
        float[] ret = new float[first.r().length];
        float w = 1;
        for (Step s : pending) {
            for (int c = 0; c < ret.length; c++) {
                ret[c] += w * s.r()[c];
            }
            w *= gamma;
        }
        replay.add(first.x(), first.g(), first.a(), ret, nx, ng, discount);
        pending.removeFirst();
    }
}
