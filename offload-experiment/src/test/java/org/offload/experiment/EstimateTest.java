package org.offload.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
    void twoReplicationsNoLongerGiveBoundsOutsideTheRange() {
        // issue 15: with 2 replications (t = 12.7) the plain interval gave service time -1.32 s, failure rate
        // -0.431 and utilisation 153.9 %
        Estimate time = Estimate.of(new double[] {0.9, 2.5}, Range.NON_NEGATIVE);
        assertTrue(Estimate.of(new double[] {0.9, 2.5}).ci95Low() < 0, "the plain interval crosses 0 here");
        assertTrue(time.ci95Low() > 0 && time.ci95Low() <= time.mean() && time.mean() <= time.ci95High(),
                time.toString());
        Estimate rate = Estimate.of(new double[] {0.05, 0.6}, Range.FRACTION);
        assertTrue(rate.ci95Low() > 0 && rate.ci95High() < 1 && rate.ci95Low() < rate.mean(), rate.toString());
        Estimate util = Estimate.of(new double[] {60, 99}, Range.PERCENT);
        assertTrue(util.ci95High() < 100 && util.ci95Low() > 0 && util.ci95High() > util.mean(), util.toString());
    }

    @Test
    void noBoundCrossesItsRangeOnRandomSamples() {
        java.util.SplittableRandom rnd = new java.util.SplittableRandom(5);
        for (int trial = 0; trial < 5000; trial++) {
            int n = 2 + rnd.nextInt(6);
            for (Range range : Range.values()) {
                double[] v = new double[n];
                for (int i = 0; i < n; i++) {
                    double u = Math.pow(rnd.nextDouble(), 1 + rnd.nextInt(4)) * (rnd.nextInt(8) == 0 ? 0 : 1);
                    v[i] = switch (range) {
                        case FRACTION -> u;
                        case PERCENT -> 100 * u;
                        case NON_NEGATIVE -> 50 * u;
                        case REAL -> 50 * (u - 0.5);
                    };
                }
                Estimate e = Estimate.of(v, range);
                assertTrue(range.contains(e.ci95Low()) && range.contains(e.ci95High()), range + " " + e);
                assertTrue(e.ci95Low() <= e.mean() && e.mean() <= e.ci95High(), range + " " + e);
            }
        }
    }

    @Test
    void logitAndLogIntervalsMatchTheDeltaMethodByHand() {
        // mean 0.2, s = 0.1 (values 0.1, 0.2, 0.3), n = 3, t(0.975, 2) = 4.302653: h = 4.302653 * 0.1 / sqrt(3)
        double h = 4.302653 * 0.1 / Math.sqrt(3);
        double half = h / (0.2 * 0.8);
        double lo = 1 / (1 + Math.exp(-(Math.log(0.25) - half)));
        double hi = 1 / (1 + Math.exp(-(Math.log(0.25) + half)));
        Estimate p = Estimate.of(new double[] {0.1, 0.2, 0.3}, Range.FRACTION);
        assertEquals(lo, p.ci95Low(), 1e-6);
        assertEquals(hi, p.ci95High(), 1e-6);
        Estimate t = Estimate.of(new double[] {0.1, 0.2, 0.3}, Range.NON_NEGATIVE);
        assertEquals(0.2 * Math.exp(-h / 0.2), t.ci95Low(), 1e-6);
        assertEquals(0.2 * Math.exp(h / 0.2), t.ci95High(), 1e-6);
    }

    @Test
    void pairedDifferencesAreNarrowerThanTheMeansUnderCommonRandomNumbers() {
        double[] base = {1.0, 2.0, 3.0, 4.0};
        double[] better = {0.9, 1.85, 2.9, 3.8};
        Estimate d = Estimate.pairedDifference(better, base, Range.NON_NEGATIVE);
        assertEquals(-0.1375, d.mean(), 1e-12);
        assertTrue(d.ci95High() < 0, "the paired interval excludes 0: " + d);
        Estimate a = Estimate.of(better, Range.NON_NEGATIVE);
        Estimate b = Estimate.of(base, Range.NON_NEGATIVE);
        assertTrue(a.ci95High() > b.ci95Low(), "the two means' intervals overlap");
        Estimate clipped = Estimate.pairedDifference(new double[] {0.0, 1.0}, new double[] {1.0, 0.0},
                Range.FRACTION);
        assertTrue(clipped.ci95Low() >= -1 && clipped.ci95High() <= 1, clipped.toString());
    }
}
