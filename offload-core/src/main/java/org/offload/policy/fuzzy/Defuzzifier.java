package org.offload.policy.fuzzy;

/**
 * Turns the aggregated output membership, sampled on the output grid, into a crisp value. Implementations must
 * not allocate: they run once per fuzzy evaluation, on the simulator's hot path.
 */
@FunctionalInterface
public interface Defuzzifier {
    /** The crisp value, or NaN when there is nothing to defuzzify (the system then returns its default). */
    double defuzzify(Aggregate output);

    /**
     * The aggregated output {@code mu(x) = max over output terms t of min(strength_t, term_t(x))}, sampled at
     * grid points {@code x(0) < x(1) < ...}. It is computed on demand, so a defuzzifier that needs only part of
     * it (leftmost maximum) reads only that part.
     */
    interface Aggregate {
        /** First grid index at which {@code mu} may be non-zero. */
        int from();

        /** One past the last grid index at which {@code mu} may be non-zero. */
        int to();

        double x(int k);

        double mu(int k);

        /** {@code max over k of mu(k)}, known without scanning the grid. */
        double max();

        /** The first grid index k with {@code mu(k) >= level}, or {@link #to()} if there is none. */
        int firstAtLeast(double level);

        /** All grid points (read only). */
        double[] xs();

        /**
         * {@code mu} sampled on the grid, filled on the first call in an evaluation; read only, and valid on
         * {@code [from(), to())} only (mu is 0 elsewhere, whatever the array holds there).
         */
        double[] samples();
    }

    /**
     * Leftmost maximum (FCL {@code METHOD : LM}, jFuzzyLogic {@code DefuzzifierLeftMostMax}): the first grid
     * point at which {@code mu} is largest; NaN when {@code mu} is 0 everywhere.
     */
    Defuzzifier LEFTMOST_MAX = new Defuzzifier() {
        @Override
        public double defuzzify(Aggregate a) {
            double max = a.max();
            return max > 0 ? a.x(a.firstAtLeast(max)) : Double.NaN;
        }

        @Override
        public String toString() {
            return "LM";
        }
    };

    /**
     * Centre of gravity of the samples (FCL {@code METHOD : COG}, jFuzzyLogic {@code
     * DefuzzifierCenterOfGravity}): {@code sum x mu / sum mu}; NaN when {@code sum mu} is 0.
     */
    Defuzzifier CENTROID = new Defuzzifier() {
        @Override
        public double defuzzify(Aggregate a) {
            double[] mu = a.samples();
            double[] xs = a.xs();
            double sum = 0;
            double weighted = 0;
            for (int k = a.from(), to = a.to(); k < to; k++) {
                sum += mu[k];
                weighted += xs[k] * mu[k];
            }
            return sum <= 0 ? Double.NaN : weighted / sum;
        }

        @Override
        public String toString() {
            return "COG";
        }
    };
}
