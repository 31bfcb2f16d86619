package org.offload.service;

/** Fast fixed-point formatting for explanations (String.format costs microseconds per call on the hot path). */
final class Num {
    private Num() {
    }

    /** Appends {@code v} rounded half-up to {@code decimals} (0..6) digits; "inf", "-inf" or "NaN" otherwise. */
    static StringBuilder fixed(StringBuilder sb, double v, int decimals) {
        if (Double.isNaN(v)) {
            return sb.append("NaN");
        }
        if (Double.isInfinite(v)) {
            return sb.append(v > 0 ? "inf" : "-inf");
        }
        long scale = 1;
        for (int i = 0; i < decimals; i++) {
            scale *= 10;
        }
        if (Math.abs(v) * scale >= 9e15) {
            return sb.append(v);
        }
        long r = Math.round(Math.abs(v) * scale);
        if (v < 0 && r != 0) {
            sb.append('-');
        }
        sb.append(r / scale);
        if (decimals > 0) {
            sb.append('.');
            String frac = Long.toString(r % scale);
            for (int i = frac.length(); i < decimals; i++) {
                sb.append('0');
            }
            sb.append(frac);
        }
        return sb;
    }

    static String fixed(double v, int decimals) {
        return fixed(new StringBuilder(16), v, decimals).toString();
    }

    /** {@code 20000} for whole numbers, else the usual decimal form. */
    static String plain(double d) {
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
    }
}
