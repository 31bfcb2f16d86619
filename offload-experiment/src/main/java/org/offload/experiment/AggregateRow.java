package org.offload.experiment;

import java.util.Map;
import java.util.TreeMap;
import org.offload.experiment.engine.Group;

/**
 * One policy at one device count (and axis value, when the sweep varies a scenario key): {@code n} runs (those that
 * completed) and an {@link Estimate} per metric (each over the runs where that metric has a value).
 *
 * @param axisValue the varied key's value (canonical text, see {@link SweepAxis}), or null without an axis
 */
public record AggregateRow(String policy, String axisValue, int devices, int n, Map<Metric, Estimate> estimates) {
    public AggregateRow {
        estimates = Map.copyOf(estimates);
    }

    /** A row of a sweep over devices only. */
    public AggregateRow(String policy, int devices, int n, Map<Metric, Estimate> estimates) {
        this(policy, null, devices, n, estimates);
    }

    /** The row of a discrete-event study's {@link Group} (its metrics are {@link Metric}'s, in order). */
    public static AggregateRow of(Group g) {
        Map<Metric, Estimate> est = new TreeMap<>();
        for (Metric m : Metric.values()) {
            est.put(m, g.estimate(m.ordinal()));
        }
        java.util.List<String> names = g.point().names();
        String axis = names.size() > 1 ? g.point().text(names.get(0)) : null;
        return new AggregateRow(g.policy(), axis, g.point().get(RunPoint.DEVICES), g.n(), est);
    }

    public Estimate estimate(Metric m) {
        return estimates.getOrDefault(m, Estimate.EMPTY);
    }
}
