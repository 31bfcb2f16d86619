package org.offload.policy.learned;

import java.util.List;
import org.offload.model.Task;

/**
 * The order in which {@link DlTierPolicy} decides the tasks of a batch: by delay sensitivity (most sensitive first,
 * or ascending as Algorithm 1 reads literally), then earlier deadline, then lower id. A stable merge sort over
 * positions with primitive keys, so ordering a batch allocates nothing once the arrays have grown.
 */
final class BatchOrder {
    private final DlTierPolicy.Order sortOrder;
    private int[] order = new int[64];
    private int[] scratch = new int[64];
    /** Sort keys of the batch's tasks by position: delay sensitivity, deadline, id. */
    private double[] keySensitivity = new double[64];
    private double[] keyDeadline = new double[64];
    private long[] keyId = new long[64];

    BatchOrder(DlTierPolicy.Order sortOrder) {
        this.sortOrder = sortOrder;
    }

    /**
     * The positions of {@code tasks} in the order they are decided, in {@code [0, tasks.size())} of the returned
     * array (reused by the next call).
     */
    int[] of(List<Task> tasks) {
        int n = tasks.size();
        if (order.length < n) {
            order = new int[Math.max(n, 2 * order.length)];
            scratch = new int[order.length];
            keySensitivity = new double[order.length];
            keyDeadline = new double[order.length];
            keyId = new long[order.length];
        }
        for (int i = 0; i < n; i++) {
            order[i] = i;
            Task t = tasks.get(i);
            keySensitivity[i] = t.delaySensitivity();
            keyDeadline[i] = t.deadlineS();
            keyId[i] = t.id();
        }
        sort(0, n);
        return order;
    }

    /** Merge sort of {@code order[from, to)} by {@link #before} (stable, no boxing). */
    private void sort(int from, int to) {
        if (to - from < 2) {
            return;
        }
        if (to - from <= 16) {
            for (int i = from + 1; i < to; i++) {
                int v = order[i];
                int j = i;
                while (j > from && before(v, order[j - 1])) {
                    order[j] = order[j - 1];
                    j--;
                }
                order[j] = v;
            }
            return;
        }
        int mid = (from + to) >>> 1;
        sort(from, mid);
        sort(mid, to);
        int i = from;
        int j = mid;
        int k = from;
        while (i < mid && j < to) {
            scratch[k++] = before(order[j], order[i]) ? order[j++] : order[i++];
        }
        while (i < mid) {
            scratch[k++] = order[i++];
        }
        while (j < to) {
            scratch[k++] = order[j++];
        }
        System.arraycopy(scratch, from, order, from, to - from);
    }

    /**
     * Batch order of the tasks at positions {@code a} and {@code b}: by delay sensitivity ({@link DlTierPolicy.Order}), then
     * earlier deadline, then lower id.
     */
    private boolean before(int a, int b) {
        double sa = keySensitivity[a];
        double sb = keySensitivity[b];
        if (sa != sb) {
            return (sortOrder == DlTierPolicy.Order.SENSITIVE_FIRST) == (sa > sb);
        }
        if (keyDeadline[a] != keyDeadline[b]) {
            return keyDeadline[a] < keyDeadline[b];
        }
        return keyId[a] < keyId[b];
    }
}
