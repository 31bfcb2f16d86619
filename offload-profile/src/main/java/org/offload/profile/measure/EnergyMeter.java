package org.offload.profile.measure;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Energy of a measured interval. Where the Linux powercap interface exposes RAPL package counters
 * ({@code /sys/class/powercap/intel-rapl:N/energy_uj}, also used for AMD) and they are readable, the energy is
 * their difference (whole package, so other processes are included: source {@code rapl}). Otherwise it is
 * ESTIMATED from this process's CPU time: {@value #WATTS_PER_BUSY_CORE} W per busy core x CPU seconds (source
 * {@code estimated}); CPU time burnt by the emulation's co-runner thread is subtracted by the caller. 5 W per busy
 * core is the package power of a 64-core, 280 W server CPU (4.4 W per core) plus a share of uncore power; it is an
 * assumption, not a measurement.
 */
public final class EnergyMeter {
    public static final double WATTS_PER_BUSY_CORE = 5.0;
    /** The {@code energy_source} of a row whose energy was measured by RAPL. */
    public static final String SOURCE_RAPL = "rapl";
    /** The {@code energy_source} of a row whose energy was estimated from CPU time. */
    public static final String SOURCE_ESTIMATED = "estimated";

    private final List<Path> counters;

    public EnergyMeter() {
        this(Path.of("/sys/class/powercap"));
    }

    EnergyMeter(Path powercap) {
        List<Path> found = new ArrayList<>();
        if (Files.isDirectory(powercap)) {
            try (Stream<Path> s = Files.list(powercap)) {
                s.filter(p -> p.getFileName().toString().matches("intel-rapl:\\d+"))
                        .map(p -> p.resolve("energy_uj")).filter(Files::isReadable).sorted().forEach(found::add);
            } catch (IOException e) {
                found.clear();
            }
        }
        List<Path> ok = new ArrayList<>();
        for (Path p : found) {
            try {
                Long.parseLong(Files.readString(p).trim());
                ok.add(p);
            } catch (IOException | RuntimeException e) {
                // unreadable counter (often root-only): skip
            }
        }
        counters = List.copyOf(ok);
    }

    public boolean rapl() {
        return !counters.isEmpty();
    }

    public String source() {
        return rapl() ? SOURCE_RAPL : SOURCE_ESTIMATED;
    }

    /** Sum of the RAPL counters in joules (NaN without RAPL). */
    public double readJ() {
        if (!rapl()) {
            return Double.NaN;
        }
        double sum = 0;
        for (Path p : counters) {
            try {
                sum += Long.parseLong(Files.readString(p).trim()) / 1e6;
            } catch (IOException | RuntimeException e) {
                return Double.NaN;
            }
        }
        return sum;
    }

    /** Energy of an interval: RAPL difference when available, else the CPU-time estimate. */
    public double energyJ(double raplStartJ, double raplEndJ, double cpuSeconds) {
        if (rapl() && Double.isFinite(raplStartJ) && Double.isFinite(raplEndJ) && raplEndJ >= raplStartJ) {
            return raplEndJ - raplStartJ;
        }
        return WATTS_PER_BUSY_CORE * Math.max(0, cpuSeconds);
    }
}
