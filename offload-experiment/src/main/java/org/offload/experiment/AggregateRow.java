package org.offload.experiment;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One policy at one device count: {@code n} runs (those that completed) and an {@link Estimate} per metric
 * (each over the runs where that metric has a value).
 */
public record AggregateRow(String policy, int devices, int n, Map<Metric, Estimate> estimates) {
    public AggregateRow {
        estimates = Map.copyOf(estimates);
    }

    public Estimate estimate(Metric m) {
        return estimates.getOrDefault(m, Estimate.EMPTY);
    }

    /**
     * Aggregates {@code runs} per policy and device count, in {@code policies} order then ascending device
     * count; within a point, values are taken in replication order, so the result does not depend on the order
     * runs finished in. Points without runs get {@code n = 0} and empty estimates.
     */
    public static List<AggregateRow> aggregate(List<String> policies, List<Integer> devices, List<RunResult> runs) {
        Map<String, Map<Integer, List<RunResult>>> byPoint = new TreeMap<>();
        for (RunResult r : runs) {
            byPoint.computeIfAbsent(r.point().policy(), k -> new TreeMap<>())
                    .computeIfAbsent(r.point().devices(), k -> new ArrayList<>()).add(r);
        }
        List<Integer> sortedDevices = devices.stream().sorted().toList();
        List<AggregateRow> out = new ArrayList<>();
        for (String p : policies) {
            for (int d : sortedDevices) {
                List<RunResult> at = new ArrayList<>(byPoint.getOrDefault(p, Map.of()).getOrDefault(d, List.of()));
                at.sort((a, b) -> Integer.compare(a.point().replication(), b.point().replication()));
                Map<Metric, Estimate> est = new TreeMap<>();
                for (Metric m : Metric.values()) {
                    double[] v = new double[at.size()];
                    for (int i = 0; i < v.length; i++) {
                        v[i] = at.get(i).value(m);
                    }
                    est.put(m, Estimate.of(v));
                }
                out.add(new AggregateRow(p, d, at.size(), est));
            }
        }
        return out;
    }
}
