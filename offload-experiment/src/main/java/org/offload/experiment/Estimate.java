package org.offload.experiment;

import org.apache.commons.math3.distribution.TDistribution;

/**
 * The mean of a metric over replications with a two-sided 95% confidence interval from Student's t with
 * {@code n - 1} degrees of freedom. With one value the interval is the mean itself; with none everything is NaN.
 */
public record Estimate(int n, double mean, double ci95Low, double ci95High) {
    public static final Estimate EMPTY = new Estimate(0, Double.NaN, Double.NaN, Double.NaN);

    /** The estimate from {@code values}, ignoring NaNs; sums in the given order. */
    public static Estimate of(double[] values) {
        int n = 0;
        double sum = 0;
        for (double v : values) {
            if (!Double.isNaN(v)) {
                n++;
                sum += v;
            }
        }
        if (n == 0) {
            return EMPTY;
        }
        double mean = sum / n;
        if (n == 1) {
            return new Estimate(1, mean, mean, mean);
        }
        double squares = 0;
        for (double v : values) {
            if (!Double.isNaN(v)) {
                squares += (v - mean) * (v - mean);
            }
        }
        double sd = Math.sqrt(squares / (n - 1));
        double half = tQuantile975(n - 1) * sd / Math.sqrt(n);
        return new Estimate(n, mean, mean - half, mean + half);
    }

    /** Half the interval's width (0 for a single value). */
    public double halfWidth() {
        return (ci95High - ci95Low) / 2;
    }

    /** The 0.975 quantile of Student's t distribution with {@code df} degrees of freedom. */
    public static double tQuantile975(int df) {
        return new TDistribution(null, df).inverseCumulativeProbability(0.975);
    }
}
