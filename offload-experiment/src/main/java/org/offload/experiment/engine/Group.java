package org.offload.experiment.engine;

import java.util.List;
import org.offload.experiment.Estimate;

/**
 * One policy at one point of a study: the values of its finished runs in replication order (one array per metric,
 * NaN where a run has none) and an {@link Estimate} per metric with the interval of the metric's range.
 */
public record Group(String policy, Point point, List<Integer> replications, List<double[]> values,
                   List<Estimate> estimates) {
    public Group {
        replications = List.copyOf(replications);
        values = List.copyOf(values);
        estimates = List.copyOf(estimates);
    }

    /** Number of finished runs. */
    public int n() {
        return replications.size();
    }

    public Estimate estimate(int metric) {
        return estimates.get(metric);
    }

    /** Metric {@code metric}'s value in each finished run, in replication order. */
    public double[] values(int metric) {
        return values.get(metric).clone();
    }
}
