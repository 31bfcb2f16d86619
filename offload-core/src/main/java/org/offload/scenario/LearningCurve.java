package org.offload.scenario;

/**
 * The accuracy a model reaches with n useful training samples: the inverse power law of learning curves,
 * acc(n) = a_max − b·n^(−c), bounded below by {@code floor} (chance level, and the value at n = 0). The law is the
 * one fitted to classifier learning curves by Figueroa et al., "Predicting sample size required for classification
 * performance", BMC Medical Informatics and Decision Making 12:8 (2012), and observed for deep networks by Hestness
 * et al., "Deep learning scaling is predictable, empirically" (arXiv:1712.00409, 2017); the parameters of a given
 * scenario are <em>substitutes</em> unless the scenario says where they were fitted.
 */
public record LearningCurve(double max, double b, double c, double floor) {
    public LearningCurve {
        Check.within("max", max, 0, 1);
        Check.positive("b", b);
        Check.positive("c", c);
        Check.within("floor", floor, 0, 1);
        Check.order("floor", floor, "max", max);
    }

    /** acc(n), or {@code floor} where the law falls below it (and for n ≤ 0). */
    public double accuracy(double n) {
        if (!(n > 0)) {
            return floor;
        }
        return Math.max(floor, max - b * Math.pow(n, -c));
    }

    /** The useful samples the law needs for {@code accuracy} (in (floor, max)): n = (b / (a_max − acc))^(1/c). */
    public double samplesFor(double accuracy) {
        return Math.pow(b / (max - accuracy), 1 / c);
    }
}
