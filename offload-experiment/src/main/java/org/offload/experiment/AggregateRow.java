package org.offload.experiment;

import java.util.Map;
import java.util.TreeMap;
import org.offload.experiment.engine.Group;

/**
 * One policy at one device count: {@code n} runs (those that completed) and an {@link Estimate} per metric
 * (each over the runs where that metric has a value).
 */
public record AggregateRow(String policy, int devices, int n, Map<Metric, Estimate> estimates) {
    public AggregateRow {
        estimates = Map.copyOf(estimates);
    }

    /** The row of a discrete-event study's {@link Group} (its metrics are {@link Metric}'s, in order). */
    public static AggregateRow of(Group g) {
        Map<Metric, Estimate> est = new TreeMap<>();
        for (Metric m : Metric.values()) {
            est.put(m, g.estimate(m.ordinal()));
        }
        return new AggregateRow(g.policy(), g.point().get(RunPoint.DEVICES), g.n(), est);
    }

    public Estimate estimate(Metric m) {
        return estimates.getOrDefault(m, Estimate.EMPTY);
    }
}
