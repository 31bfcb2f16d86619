package org.offload.scenario;

import java.io.Serializable;

/** A closed interval {@code [min, max]}; {@code min == max} means a constant. */
public record Range(double min, double max) implements Serializable {
    public Range {
        if (!(min <= max)) {
            throw new IllegalArgumentException("min " + min + " > max " + max);
        }
    }

    public static Range of(double value) {
        return new Range(value, value);
    }

    public boolean isConstant() {
        return min == max;
    }

    public double mid() {
        return 0.5 * (min + max);
    }
}
