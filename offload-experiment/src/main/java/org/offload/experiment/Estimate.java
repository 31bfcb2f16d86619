package org.offload.experiment;

import org.apache.commons.math3.distribution.TDistribution;

/**
 * The mean of a metric over replications with a two-sided 95% confidence interval from Student's t with
 * {@code n - 1} degrees of freedom, built on the scale that keeps it inside the metric's {@link Range} (see there).
 * With one value, or values that do not vary, the interval is the mean itself; with none everything is NaN.
 */
public record Estimate(int n, double mean, double ci95Low, double ci95High) {
    public static final Estimate EMPTY = new Estimate(0, Double.NaN, Double.NaN, Double.NaN);

    /** The plain Student-t estimate ({@link Range#REAL}) from {@code values}, ignoring NaNs. */
    public static Estimate of(double[] values) {
        return of(values, Range.REAL);
    }

    /**
     * The estimate from {@code values} (ignoring NaNs; summed in the given order), with the interval of
     * {@code range} (values are expected inside it; a mean on a bound gives the degenerate interval).
     */
    public static Estimate of(double[] values, Range range) {
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
        double se = Math.sqrt(squares / (n - 1)) / Math.sqrt(n);
        double t = tQuantile975(n - 1);
        return switch (range) {
            case REAL -> new Estimate(n, mean, mean - t * se, mean + t * se);
            case NON_NEGATIVE -> logScale(n, mean, t * se);
            case FRACTION, PERCENT -> logitScale(n, mean, t * se, range.high());
        };
    }

    /** {@code m·exp(±h/m)}: positive, contains m; m = 0 (all values 0) gives [0, 0]. */
    private static Estimate logScale(int n, double m, double h) {
        if (m <= 0 || h == 0) {
            return new Estimate(n, m, m, m);
        }
        double f = Math.exp(h / m);
        return new Estimate(n, m, m / f, m * f);
    }

    /** The interval of {@code logit(m/top) ± h/(m(1−m/top))·(1/top)}, back-transformed and scaled to {@code top}. */
    private static Estimate logitScale(int n, double m, double h, double top) {
        double p = m / top;
        if (p <= 0 || p >= 1 || h == 0) {
            return new Estimate(n, m, m, m);
        }
        double half = (h / top) / (p * (1 - p));
        double logit = Math.log(p / (1 - p));
        return new Estimate(n, m, top * expit(logit - half), top * expit(logit + half));
    }

    private static double expit(double x) {
        return x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x));
    }

    /**
     * The mean of the paired differences {@code a[i] - b[i]} (pairs where either is NaN are left out) with its
     * Student-t interval, clipped to the widest difference {@code range} allows. Under common random numbers the
     * pairs share their randomness, so this interval is usually much narrower than the two means' intervals.
     */
    public static Estimate pairedDifference(double[] a, double[] b, Range range) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("paired values: " + a.length + " and " + b.length);
        }
        double[] d = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            d[i] = Double.isNaN(a[i]) || Double.isNaN(b[i]) ? Double.NaN : a[i] - b[i];
        }
        Estimate e = of(d, Range.REAL);
        double w = range.width();
        return e.n() == 0 ? e : new Estimate(e.n(), e.mean(), Math.max(-w, e.ci95Low()), Math.min(w, e.ci95High()));
    }

    /** Half the interval's width (0 for a single value); for an asymmetric interval, half its whole width. */
    public double halfWidth() {
        return (ci95High - ci95Low) / 2;
    }

    /** The 0.975 quantile of Student's t distribution with {@code df} degrees of freedom. */
    public static double tQuantile975(int df) {
        return new TDistribution(null, df).inverseCumulativeProbability(0.975);
    }
}
