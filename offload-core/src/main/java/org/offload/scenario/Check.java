package org.offload.scenario;

/** Range checks that name the offending key; used by the scenario records' constructors. */
final class Check {
    private Check() {
    }

    static double positive(String key, double v) {
        if (!(v > 0) || Double.isInfinite(v)) {
            throw new ScenarioException(key, "must be a number > 0, got " + v);
        }
        return v;
    }

    static double nonNegative(String key, double v) {
        if (!(v >= 0) || Double.isInfinite(v)) {
            throw new ScenarioException(key, "must be a number >= 0, got " + v);
        }
        return v;
    }

    static double within(String key, double v, double lo, double hi) {
        if (!(v >= lo && v <= hi)) {
            throw new ScenarioException(key, "must be between " + lo + " and " + hi + ", got " + v);
        }
        return v;
    }

    static int atLeast(String key, int v, int min) {
        if (v < min) {
            throw new ScenarioException(key, "must be an integer >= " + min + ", got " + v);
        }
        return v;
    }

    static <T> T present(String key, T v) {
        if (v == null) {
            throw new ScenarioException(key, "is required");
        }
        return v;
    }

    static void order(String keyLo, double lo, String keyHi, double hi) {
        if (lo > hi) {
            throw new ScenarioException(keyHi, "must be >= " + keyLo + " (" + lo + "), got " + hi);
        }
    }
}
