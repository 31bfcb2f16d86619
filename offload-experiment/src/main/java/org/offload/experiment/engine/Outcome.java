package org.offload.experiment.engine;

/**
 * A run of a finished sweep: its key and either its metric values ({@code resumed} if read back rather than run)
 * or the error it threw.
 */
public record Outcome<K extends RunKey>(K run, double[] values, boolean resumed, Throwable error) {
    public boolean ok() {
        return error == null;
    }

    /** Value {@code m} (a metric index of the study), NaN for a failed run. */
    public double value(int m) {
        return values == null ? Double.NaN : values[m];
    }
}
