package org.offload.profile.predict;

import java.util.List;

import org.offload.profile.measure.ProfileRow;

/**
 * Maps a scenario VM (per-core MIPS) onto the profiled hardware. The reference is one core of the profiling
 * machine, worth its BogoMIPS ({@code host.bogomips_per_core} in the metadata); a VM core of {@code m} MIPS runs
 * at relative speed {@code s = m / bogomips}. A task uses one core (the simulator runs each task on one core of its
 * VM), so predictions use one thread and the per-thread speeds profiled with one thread, {@code s_1 < ... < s_k}
 * (here about 0.5 for half-1c and 1.0 for core-1c):
 * <ul>
 *   <li>between two profiled speeds, the work {@code w = latency x speed} predicted at both is interpolated
 *       linearly in {@code log s} (log-log in work), and {@code latency(s) = w(s) / s};</li>
 *   <li>outside them, the nearest profiled speed's prediction is scaled linearly:
 *       {@code latency(s) = latency(s_near) x s_near / s}.</li>
 * </ul>
 * The task's work is then {@code latency x m} MI, so that the simulator's {@code MI / MIPS} reproduces the
 * predicted latency on that VM. Memory is the prediction at the nearest profiled speed.
 */
public final class HardwareScaling {
    private final double bogomips;
    private final double[] speeds;

    public HardwareScaling(double bogomips, double... speeds) {
        if (!(bogomips > 0) || speeds.length == 0) {
            throw new IllegalArgumentException("bad hardware scaling: bogomips " + bogomips + ", "
                    + speeds.length + " profiled speeds");
        }
        this.bogomips = bogomips;
        this.speeds = speeds.clone();
        java.util.Arrays.sort(this.speeds);
        if (!(this.speeds[0] > 0)) {
            throw new IllegalArgumentException("profiled speeds must be positive");
        }
    }

    /** From the distinct single-thread speeds of a data set (within 5% counts as one) and the machine's BogoMIPS. */
    public static HardwareScaling of(List<ProfileRow> rows, double bogomips) {
        java.util.TreeSet<Double> all = new java.util.TreeSet<>();
        for (ProfileRow r : rows) {
            if (r.hwThreads() == 1 && r.hwCoreSpeed() > 0) {
                all.add(r.hwCoreSpeed());
            }
        }
        List<Double> distinct = new java.util.ArrayList<>();
        for (double v : all) {
            if (distinct.isEmpty() || v > distinct.get(distinct.size() - 1) * 1.05) {
                distinct.add(v);
            }
        }
        if (distinct.isEmpty()) {
            distinct.add(1.0);
        }
        return new HardwareScaling(bogomips, distinct.stream().mapToDouble(Double::doubleValue).toArray());
    }

    public double bogomips() {
        return bogomips;
    }

    /** The profiled single-thread speeds, ascending. */
    public double[] speeds() {
        return speeds.clone();
    }

    /** Relative speed of a core of {@code mips}. */
    public double speed(double mips) {
        return mips / bogomips;
    }

    /**
     * Latency (ms) on a core of {@code mips}, from {@code predictAt}: the predicted latency at a profiled speed.
     */
    public double latencyMs(double mips, java.util.function.DoubleUnaryOperator predictAt) {
        double s = speed(mips);
        if (s <= speeds[0]) {
            return predictAt.applyAsDouble(speeds[0]) * speeds[0] / s;
        }
        int k = speeds.length - 1;
        if (s >= speeds[k]) {
            return predictAt.applyAsDouble(speeds[k]) * speeds[k] / s;
        }
        int i = 0;
        while (speeds[i + 1] < s) {
            i++;
        }
        double lo = speeds[i];
        double hi = speeds[i + 1];
        double wLo = Math.log(predictAt.applyAsDouble(lo) * lo);
        double wHi = Math.log(predictAt.applyAsDouble(hi) * hi);
        double f = (Math.log(s) - Math.log(lo)) / (Math.log(hi) - Math.log(lo));
        return Math.exp(wLo + f * (wHi - wLo)) / s;
    }

    /** The profiled speed nearest to a core of {@code mips} (in log scale). */
    public double nearest(double mips) {
        double s = speed(mips);
        double best = speeds[0];
        for (double v : speeds) {
            if (Math.abs(Math.log(v / s)) < Math.abs(Math.log(best / s))) {
                best = v;
            }
        }
        return best;
    }

    /** MI the simulator must execute at {@code mips} to take {@code latencyMs}. */
    public static double workMi(double latencyMs, double mips) {
        return latencyMs / 1000 * mips;
    }
}
