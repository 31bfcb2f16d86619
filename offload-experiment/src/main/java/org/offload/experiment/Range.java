package org.offload.experiment;

/**
 * The values a metric can take, which decides how its confidence interval is built ({@link Estimate#of(double[],
 * Range)}) so that no bound leaves the range:
 * <ul>
 * <li>{@link #FRACTION} (0..1) and {@link #PERCENT} (0..100): a Student-t interval on the logit scale of the mean,
 *     back-transformed (the delta method: {@code logit(m) ± t·s/(√n·m(1−m))});</li>
 * <li>{@link #NON_NEGATIVE} (times, energies, counts): a Student-t interval on the log scale of the mean,
 *     back-transformed ({@code m·exp(±t·s/(√n·m))});</li>
 * <li>{@link #REAL}: the plain Student-t interval ({@code m ± t·s/√n}).</li>
 * </ul>
 * To first order each has the coverage of the plain t interval; it is asymmetric where the mean is near a bound and
 * always contains the mean.
 */
public enum Range {
    FRACTION(0, 1),
    PERCENT(0, 100),
    NON_NEGATIVE(0, Double.POSITIVE_INFINITY),
    REAL(Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY);

    private final double low;
    private final double high;

    Range(double low, double high) {
        this.low = low;
        this.high = high;
    }

    public double low() {
        return low;
    }

    public double high() {
        return high;
    }

    /** Whether {@code v} lies in the range (bounds included). */
    public boolean contains(double v) {
        return v >= low && v <= high;
    }

    /** The largest possible difference of two values in the range (for paired differences). */
    public double width() {
        return high - low;
    }
}
