package org.offload.aigc;

/**
 * The system model's closed forms (recovered-paper-specs.md section 1.2; SI units: bits, Hz, W, s, J). Pure
 * functions, tested against hand-computed values.
 */
public final class Formulas {
    private Formulas() {
    }

    /** Distance-based channel power gain {@code h = g0 * d^-alpha}, with {@code d} clamped to at least 1 m. */
    public static double channelGain(double g0, double distanceM, double alpha) {
        return g0 * Math.pow(Math.max(1.0, distanceM), -alpha);
    }

    /** Shannon rate {@code B log2(1 + p h / (N0 B))} in bit/s. */
    public static double shannonRateBps(double bandwidthHz, double powerW, double gain, double noiseWPerHz) {
        return bandwidthHz * Math.log1p(powerW * gain / (noiseWPerHz * bandwidthHz)) / Math.log(2);
    }

    /** CPU energy {@code kappa f^2 C} in J for {@code cycles} at {@code hz}. */
    public static double computeEnergyJ(double kappa, double hz, double cycles) {
        return kappa * hz * hz * cycles;
    }

    /** Transmission energy {@code p t} in J. */
    public static double transmitEnergyJ(double powerW, double seconds) {
        return powerW * seconds;
    }

    /**
     * Model switching delay in s: download {@code S / R_ce} plus, when {@code loadRateBps > 0}, loading into
     * accelerator memory {@code S / R_load}.
     */
    public static double switchDelayS(double sizeBits, double downloadBps, double loadRateBps) {
        return sizeBits / downloadBps + (loadRateBps > 0 ? sizeBits / loadRateBps : 0);
    }

    /** Model switching energy in J: the download power over the download time at the full rate. */
    public static double switchEnergyJ(double powerW, double sizeBits, double downloadBps) {
        return powerW * sizeBits / downloadBps;
    }

    /** MB (10^6 bytes) to bits. */
    public static double mbToBits(double mb) {
        return mb * 8e6;
    }
}
