package org.offload.experiment;

import java.util.Arrays;

/** The metrics of one completed run, from its {@code summary.json}; {@code resumed} if read back, not run. */
public final class RunResult {
    private final RunPoint point;
    private final double[] values;
    private final boolean resumed;

    /** @param values indexed by {@link Metric#ordinal()}, NaN where the summary has no value */
    public RunResult(RunPoint point, double[] values, boolean resumed) {
        if (values.length != Metric.values().length) {
            throw new IllegalArgumentException("expected " + Metric.values().length + " values, got " + values.length);
        }
        this.point = point;
        this.values = values.clone();
        this.resumed = resumed;
    }

    public RunPoint point() {
        return point;
    }

    public double value(Metric m) {
        return values[m.ordinal()];
    }

    public boolean resumed() {
        return resumed;
    }

    @Override
    public String toString() {
        return point + " " + Arrays.toString(values);
    }
}
