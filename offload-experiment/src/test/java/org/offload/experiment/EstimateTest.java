package org.offload.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class EstimateTest {
    @Test
    void studentTIntervalMatchesHandComputation() {
        // mean 2, sample sd 1 (squared deviations 2.25 + 3 * 0.25 = 3 over n - 1 = 3), n = 4:
        // half-width = t(0.975, 3) * 1 / sqrt(4) = 3.182446 / 2 = 1.591223
        Estimate e = Estimate.of(new double[] {0.5, 2.5, 2.5, 2.5});
        assertEquals(4, e.n());
        assertEquals(2.0, e.mean(), 1e-12);
        assertEquals(1.5912, e.halfWidth(), 1e-4);
        assertEquals(2 - 1.591223, e.ci95Low(), 1e-6);
        assertEquals(2 + 1.591223, e.ci95High(), 1e-6);
        assertEquals(3.182446, Estimate.tQuantile975(3), 1e-6);
    }

    @Test
    void oneValueGivesADegenerateIntervalAndNaNsAreSkipped() {
        assertEquals(new Estimate(1, 3.5, 3.5, 3.5), Estimate.of(new double[] {Double.NaN, 3.5}));
        Estimate none = Estimate.of(new double[] {Double.NaN});
        assertEquals(0, none.n());
        assertEquals(Double.NaN, none.mean());
        Estimate same = Estimate.of(new double[] {4, 4, 4});
        assertEquals(4, same.ci95Low());
        assertEquals(4, same.ci95High());
    }

    @Test
    void aggregatesPerPolicyAndDevicesInSpecOrder() {
        double[] v1 = new double[Metric.values().length];
        double[] v2 = new double[Metric.values().length];
        v1[Metric.SERVICE_TIME_MEAN.ordinal()] = 1;
        v2[Metric.SERVICE_TIME_MEAN.ordinal()] = 3;
        List<RunResult> runs = List.of(
                new RunResult(new RunPoint("b", 20, 1, 9), v2, false),
                new RunResult(new RunPoint("b", 20, 0, 8), v1, false));
        List<AggregateRow> rows = AggregateRow.aggregate(List.of("b", "a"), List.of(40, 20), runs);
        assertEquals(List.of("b/20", "b/40", "a/20", "a/40"),
                rows.stream().map(r -> r.policy() + "/" + r.devices()).toList());
        Estimate st = rows.get(0).estimate(Metric.SERVICE_TIME_MEAN);
        assertEquals(2, rows.get(0).n());
        assertEquals(2.0, st.mean());
        assertEquals(Estimate.tQuantile975(1), st.halfWidth(), 1e-9);
        assertEquals(0, rows.get(1).n());
        assertEquals(Double.NaN, rows.get(1).estimate(Metric.SERVICE_TIME_MEAN).mean());
    }
}
