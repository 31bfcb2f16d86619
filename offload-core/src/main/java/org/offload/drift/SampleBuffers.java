package org.offload.drift;

import java.util.Arrays;

import org.offload.scenario.DriftSpec;

/**
 * The training samples each device has collected since its last upload: value score and drift-clock reading at
 * collection ({@link DeviceModels#clock}). {@link #take} applies an upload policy ({@link DriftSpec.Upload}) and
 * empties the buffer; a policy that never uploads keeps nothing. Buffers grow as needed.
 */
public final class SampleBuffers {
    private final DriftSpec.Upload upload;
    private final double[][] values;
    private final double[][] clocks;
    private final int[] size;

    public SampleBuffers(DriftSpec.Upload upload, int devices) {
        this.upload = upload;
        this.values = new double[devices][];
        this.clocks = new double[devices][];
        this.size = new int[devices];
    }

    /** Device {@code d} collects a sample of {@code value} at drift-clock reading {@code clock}; false if not kept. */
    public boolean collect(int d, double value, double clock) {
        DriftSpec.Upload.Policy p = upload.policy();
        if (p == DriftSpec.Upload.Policy.NONE
                || p == DriftSpec.Upload.Policy.SELECTIVE && value < upload.threshold()) {
            return false;
        }
        if (values[d] == null) {
            values[d] = new double[16];
            clocks[d] = new double[16];
        } else if (size[d] == values[d].length) {
            values[d] = Arrays.copyOf(values[d], size[d] * 2);
            clocks[d] = Arrays.copyOf(clocks[d], size[d] * 2);
        }
        values[d][size[d]] = value;
        clocks[d][size[d]] = clock;
        size[d]++;
        return true;
    }

    /** Samples device {@code d} holds. */
    public int size(int d) {
        return size[d];
    }

    /** Drops every sample of every device (a task change makes them useless). */
    public void clear() {
        Arrays.fill(size, 0);
    }

    /**
     * Takes device {@code d}'s upload and empties its buffer: every kept sample, or for {@code budgeted} the
     * {@code limit} highest-valued ones. The result's value is Σ v·exp(−(clock − c_v)), decayed to {@code clock}.
     */
    public Selection take(int d, double clock, int limit) {
        int n = size[d];
        size[d] = 0;
        if (n == 0) {
            return Selection.EMPTY;
        }
        int k = n;
        double[] v = values[d];
        double[] c = clocks[d];
        if (upload.policy() == DriftSpec.Upload.Policy.BUDGETED && limit < n) {
            k = Math.max(0, limit);
            Integer[] order = new Integer[n];
            for (int i = 0; i < n; i++) {
                order[i] = i;
            }
            Arrays.sort(order, (a, b) -> a.equals(b) ? 0 : v[a] != v[b] ? Double.compare(v[b], v[a]) : a - b);
            double sum = 0;
            for (int i = 0; i < k; i++) {
                sum += v[order[i]] * Math.exp(-(clock - c[order[i]]));
            }
            return new Selection(k, n - k, sum);
        }
        double sum = 0;
        for (int i = 0; i < n; i++) {
            sum += v[i] * Math.exp(-(clock - c[i]));
        }
        return new Selection(k, 0, sum);
    }

    /** What an upload carries: {@code samples} samples of total decayed {@code value}; {@code dropped} left out. */
    public record Selection(int samples, int dropped, double value) {
        static final Selection EMPTY = new Selection(0, 0, 0);
    }
}
