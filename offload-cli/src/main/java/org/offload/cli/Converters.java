package org.offload.cli;

import java.math.BigDecimal;
import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Conversions of option values with the wording every error of the command line uses:
 * {@code offload: --devices: expected a whole number >= 1, got 'abc'}. Registered for all {@code int},
 * {@code long} and {@code double} options (see {@link Main}); options with a range name theirs with
 * {@code converter = ...}, so that an out-of-range value is reported with the other problems of the command line.
 */
final class Converters {
    private Converters() {
    }

    static TypeConversionException expected(String what, String got) {
        return new TypeConversionException("expected " + what + ", got '" + got + "'");
    }

    static long wholeNumber(String text, long min, String what) {
        long v;
        try {
            v = Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            throw expected(what, text);
        }
        if (v < min) {
            throw expected(what, text);
        }
        return v;
    }

    static double number(String text, double min, boolean inclusive, String what) {
        double v;
        try {
            v = Double.parseDouble(text.trim());
        } catch (NumberFormatException e) {
            throw expected(what, text);
        }
        if (!Double.isFinite(v) || v < min || (!inclusive && v == min)) {
            throw expected(what, text);
        }
        return v;
    }

    /** Any {@code int}. */
    static final class Int implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String value) {
            long v = wholeNumber(value, Integer.MIN_VALUE, "a whole number");
            if (v > Integer.MAX_VALUE) {
                throw expected("a whole number up to " + Integer.MAX_VALUE, value);
            }
            return (int) v;
        }
    }

    /** Any {@code long}. */
    static final class Long64 implements ITypeConverter<Long> {
        @Override
        public Long convert(String value) {
            return wholeNumber(value, Long.MIN_VALUE, "a whole number");
        }
    }

    /** Any finite {@code double}. */
    static final class Real extends Bounded {
        Real() {
            super(-Double.MAX_VALUE, true, "a number");
        }
    }

    /** Any finite {@code float}. */
    static final class Real32 implements ITypeConverter<Float> {
        @Override
        public Float convert(String value) {
            return (float) number(value, -Float.MAX_VALUE, true, "a number");
        }
    }

    /** A positive, finite {@code float} (read as a float, as the trainer takes it). */
    static final class PositiveReal32 implements ITypeConverter<Float> {
        @Override
        public Float convert(String value) {
            number(value, 0, false, "a finite number > 0");
            float v = Float.parseFloat(value.trim());
            if (!Float.isFinite(v) || v <= 0) {
                throw expected("a finite number > 0", value);
            }
            return v;
        }
    }

    /** A count: a whole number >= 1 (devices, replications, samples, ...). */
    static final class Count implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String value) {
            long v = wholeNumber(value, 1, "a whole number >= 1");
            if (v > Integer.MAX_VALUE) {
                throw expected("a whole number from 1 to " + Integer.MAX_VALUE, value);
            }
            return (int) v;
        }
    }

    /** A finite number within a lower bound, named in errors by what it expects. */
    abstract static class Bounded implements ITypeConverter<Double> {
        private final double min;
        private final boolean inclusive;
        private final String what;

        Bounded(double min, boolean inclusive, String what) {
            this.min = min;
            this.inclusive = inclusive;
            this.what = what;
        }

        @Override
        public Double convert(String value) {
            return number(value, min, inclusive, what);
        }
    }

    /** A positive, finite number of seconds. */
    static final class Seconds extends Bounded {
        Seconds() {
            super(0, false, "a finite number of seconds > 0");
        }
    }

    /** A finite number of seconds >= 0. */
    static final class NonNegativeSeconds extends Bounded {
        NonNegativeSeconds() {
            super(0, true, "a finite number of seconds >= 0");
        }
    }

    /** A positive, finite number. */
    static final class Positive extends Bounded {
        Positive() {
            super(0, false, "a finite number > 0");
        }
    }

    /** A finite number >= 0. */
    static final class NonNegative extends Bounded {
        NonNegative() {
            super(0, true, "a finite number >= 0");
        }
    }

    /** {@code v} written plainly: {@code 100} rather than {@code 100.0}, never in exponent notation. */
    static String plain(double v) {
        return Double.isFinite(v) ? BigDecimal.valueOf(v).stripTrailingZeros().toPlainString()
                : Double.toString(v).toLowerCase(Locale.ROOT);
    }
}
