package org.offload.rl;

import java.util.Arrays;

/**
 * A sum-tree over a fixed number of non-negative priorities (Schaul et al. 2016, appendix B.2.1): setting one
 * priority and finding the slot where a prefix sum falls both take O(log n), so a slot can be drawn with probability
 * proportional to its priority. Also keeps the smallest positive priority (a min-tree), which normalises the
 * importance-sampling weights. A perfect binary tree in one array: node k has children 2k and 2k + 1, the leaves
 * are {@code leaves .. 2 leaves - 1}; slots past the capacity stay 0.
 */
final class SumTree {
    private final int capacity;
    private final int leaves;
    private final double[] sum;
    private final double[] min;

    SumTree(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be >= 1, was " + capacity);
        }
        this.capacity = capacity;
        int l = 1;
        while (l < capacity) {
            l <<= 1;
        }
        leaves = l;
        sum = new double[2 * l];
        min = new double[2 * l];
        Arrays.fill(min, Double.POSITIVE_INFINITY);
    }

    int capacity() {
        return capacity;
    }

    /** Sets slot {@code i}'s priority ({@code p >= 0}, finite). */
    void set(int i, double p) {
        if (i < 0 || i >= capacity) {
            throw new IndexOutOfBoundsException("slot " + i + " of " + capacity);
        }
        if (!(p >= 0) || Double.isInfinite(p)) {
            throw new IllegalArgumentException("priority must be finite and >= 0, was " + p);
        }
        int k = leaves + i;
        sum[k] = p;
        min[k] = p > 0 ? p : Double.POSITIVE_INFINITY;
        for (k >>= 1; k >= 1; k >>= 1) {
            sum[k] = sum[2 * k] + sum[2 * k + 1];
            min[k] = Math.min(min[2 * k], min[2 * k + 1]);
        }
    }

    double get(int i) {
        return sum[leaves + i];
    }

    /** The sum of all priorities. */
    double total() {
        return sum[1];
    }

    /** The smallest positive priority (infinity when all are 0). */
    double minPositive() {
        return min[1];
    }

    /**
     * The slot i whose interval [p_0 + .. + p_{i-1}, p_0 + .. + p_i) holds {@code u}, for {@code u} in [0, total).
     * Never a slot of priority 0 (rounding at an interval's end moves to the neighbour that has weight).
     */
    int find(double u) {
        if (!(total() > 0)) {
            throw new IllegalStateException("all priorities are 0");
        }
        int k = 1;
        while (k < leaves) {
            int left = 2 * k;
            if (u < sum[left] || sum[left + 1] <= 0) {
                k = left;
            } else {
                u -= sum[left];
                k = left + 1;
            }
        }
        return k - leaves;
    }
}
