package org.offload.policy.fuzzy;

import java.util.Arrays;

/**
 * A piecewise-linear membership function given by points {@code (x, mu)} with strictly increasing {@code x},
 * with the semantics of jFuzzyLogic's {@code MembershipFunctionPieceWiseLinear}: {@code mu} is the first
 * point's value left of the first point, the last point's value right of the last point, and linear in
 * between. Shoulders therefore extend to minus and plus infinity. A NaN input has membership 0. Immutable.
 */
public final class MembershipFunction {
    private final double[] xs;
    private final double[] ys;

    private MembershipFunction(double[] xs, double[] ys) {
        this.xs = xs;
        this.ys = ys;
    }

    /**
     * From points given as {@code x0, mu0, x1, mu1, ...}; at least one point, {@code x} strictly increasing
     * and finite, {@code mu} in [0, 1].
     */
    public static MembershipFunction points(double... xy) {
        if (xy.length < 2 || xy.length % 2 != 0) {
            throw new IllegalArgumentException("points need x, mu pairs, got " + xy.length + " numbers");
        }
        int n = xy.length / 2;
        double[] xs = new double[n];
        double[] ys = new double[n];
        for (int i = 0; i < n; i++) {
            xs[i] = xy[2 * i];
            ys[i] = xy[2 * i + 1];
            if (!Double.isFinite(xs[i]) || (i > 0 && xs[i] <= xs[i - 1])) {
                throw new IllegalArgumentException("x must be finite and strictly increasing: " + Arrays.toString(xy));
            }
            if (!(ys[i] >= 0 && ys[i] <= 1)) {
                throw new IllegalArgumentException("mu must be in [0, 1]: " + Arrays.toString(xy));
            }
        }
        return new MembershipFunction(xs, ys);
    }

    /** Degree of membership of {@code x}. */
    public double mu(double x) {
        double[] px = xs;
        int last = px.length - 1;
        if (x <= px[0]) {
            return ys[0];
        }
        if (x >= px[last]) {
            return ys[last];
        }
        if (x != x) {
            return 0;
        }
        int i = 1;
        while (x > px[i]) {
            i++;
        }
        // px[i - 1] < x <= px[i]; weighted form so that a 0-1 segment gives one correctly rounded division
        return (ys[i - 1] * (px[i] - x) + ys[i] * (x - px[i - 1])) / (px[i] - px[i - 1]);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < xs.length; i++) {
            sb.append('(').append(xs[i]).append(", ").append(ys[i]).append(')');
        }
        return sb.toString();
    }
}
