package org.offload.profile.measure;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Facts about the machine and process read from {@code /proc}: CPU model, cores, BogoMIPS, load average, resident
 * memory (VmRSS) and its peak (VmHWM, reset through {@code /proc/self/clear_refs}), process CPU time. Each reader
 * returns NaN or a placeholder where the file is missing (non-Linux).
 */
public final class Host {
    private Host() {
    }

    public static String cpuModel() {
        return cpuinfo("model name", System.getProperty("os.arch"));
    }

    /** BogoMIPS of one core as the kernel reports it (the profile's reference speed per core), NaN if unknown. */
    public static double bogomips() {
        try {
            return Double.parseDouble(cpuinfo("bogomips", "NaN"));
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    private static String cpuinfo(String key, String def) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"), StandardCharsets.UTF_8)) {
                if (line.toLowerCase(Locale.ROOT).startsWith(key)) {
                    return line.substring(line.indexOf(':') + 1).trim();
                }
            }
        } catch (IOException e) {
            // fall through
        }
        return def;
    }

    public static int cores() {
        return Runtime.getRuntime().availableProcessors();
    }

    /** The 1-, 5- and 15-minute load averages, NaN if unreadable. */
    public static double[] loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return new double[] {Double.parseDouble(f[0]), Double.parseDouble(f[1]), Double.parseDouble(f[2])};
        } catch (IOException | RuntimeException e) {
            return new double[] {Double.NaN, Double.NaN, Double.NaN};
        }
    }

    /** Total memory in MB from /proc/meminfo, NaN if unknown. */
    public static double memoryMb() {
        return procKb(Path.of("/proc/meminfo"), "MemTotal:") / 1024.0;
    }

    /** Resident set size of this process (MB). */
    public static double rssMb() {
        return procKb(Path.of("/proc/self/status"), "VmRSS:") / 1024.0;
    }

    /** Peak resident set size since the last {@link #resetPeak()} (MB). */
    public static double peakRssMb() {
        return procKb(Path.of("/proc/self/status"), "VmHWM:") / 1024.0;
    }

    /** Resets VmHWM to the current RSS (writes 5 to /proc/self/clear_refs); false if not allowed. */
    public static boolean resetPeak() {
        try {
            Files.writeString(Path.of("/proc/self/clear_refs"), "5");
            return true;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private static double procKb(Path file, String key) {
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (line.startsWith(key)) {
                    return Double.parseDouble(line.substring(key.length()).trim().split("\\s+")[0]);
                }
            }
        } catch (IOException | RuntimeException e) {
            // fall through
        }
        return Double.NaN;
    }

    /** CPU time (s) used by the whole process, native threads included. */
    public static double processCpuS() {
        java.lang.management.OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
            return sun.getProcessCpuTime() / 1e9;
        }
        return Double.NaN;
    }

    /** CPU time (s) of one Java thread. */
    public static double threadCpuS(long threadId) {
        return ManagementFactory.getThreadMXBean().getThreadCpuTime(threadId) / 1e9;
    }

    public static String jvm() {
        return System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version");
    }

    public static String os() {
        return System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch");
    }

    /** PID of this JVM. */
    public static long pid() {
        return ProcessHandle.current().pid();
    }

    /** Gives freed native memory back to the OS (glibc {@code malloc_trim(0)} through JNA); false if unavailable. */
    public static boolean mallocTrim() {
        try {
            com.sun.jna.Function f = com.sun.jna.NativeLibrary.getInstance("c").getFunction("malloc_trim");
            f.invokeInt(new Object[] {0});
            return true;
        } catch (Throwable t) {
            return false;
        }
    }

    /** Lines of a small text file, or an empty list. */
    static List<String> lines(Path p) {
        try {
            return Files.readAllLines(p, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return List.of();
        }
    }
}
