package org.offload.profile.predict;

import java.util.function.ToDoubleFunction;

import org.offload.profile.measure.ProfileRow;

/**
 * What is predicted, per batch: latency (ms), peak memory added (MB), CPU utilisation (process CPU time / wall time)
 * and energy (J). Learned on a log scale (values span orders of magnitude; memory gets +1 MB so that near-zero
 * additions stay finite). The linear baseline regresses each target on one size measure: FLOPs for latency, CPU
 * utilisation and energy, parameters for memory.
 *
 * <p>Energy is learned only when the data holds measured energy ({@code energy_source=rapl}); an estimated energy
 * (5 W x CPU-seconds, {@code EnergyMeter}) is a function of latency and utilisation, so it is derived from their
 * predictions instead ({@link Predictor}).
 */
public enum Target {
    LATENCY_MS("latency_ms", ProfileRow::latencyMeanMs, 0, true),
    MEMORY_MB("memory_mb", ProfileRow::memPeakAddedMb, 1, false),
    ENERGY_J("energy_j", ProfileRow::energyJ, 0, true),
    CPU_UTIL("cpu_util", ProfileRow::cpuUtil, 0, true);

    private final String key;
    private final ToDoubleFunction<ProfileRow> value;
    private final double offset;
    private final boolean flopsBaseline;

    Target(String key, ToDoubleFunction<ProfileRow> value, double offset, boolean flopsBaseline) {
        this.key = key;
        this.value = value;
        this.offset = offset;
        this.flopsBaseline = flopsBaseline;
    }

    public String key() {
        return key;
    }

    public double value(ProfileRow r) {
        return value.applyAsDouble(r);
    }

    double toLog(double v) {
        return Math.log(Math.max(v, 1e-9) + offset);
    }

    double fromLog(double y) {
        return Math.max(0, Math.exp(y) - offset);
    }

    /** The baseline's regressor: FLOPs per batch, or parameters (memory). */
    double baselineX(ProfileRow r) {
        return flopsBaseline ? 2.0 * r.macs() * r.batch() : r.params();
    }

    public String baselineName() {
        return flopsBaseline ? "linear in FLOPs" : "linear in parameters";
    }
}
