package org.offload.profile.measure;

import java.util.List;

/**
 * A hardware configuration the profiler emulates on this machine: the number of PyTorch intra-op threads, the CPUs
 * the process may use ({@code taskset}; null = all) and whether a co-runner thread spins on the same CPUs (so the
 * network gets about half of a core: a slower node). Each is a separate hardware profile in the data set, with
 * its measured features.
 */
public record HardwareProfile(String name, int threads, String cpus, boolean contended, String description) {
    /** Both cores, two threads: the machine itself. */
    public static final HardwareProfile HOST_2C = new HardwareProfile("host-2c", 2, null, false,
            "the machine: 2 threads on all cores");
    /** One core, one thread: a one-core node as fast as this machine's cores. */
    public static final HardwareProfile CORE_1C = new HardwareProfile("core-1c", 1, "0", false,
            "1 thread pinned to CPU 0");
    /** One core shared with a spinning co-runner: a node about half as fast per core. */
    public static final HardwareProfile HALF_1C = new HardwareProfile("half-1c", 1, "0", true,
            "1 thread pinned to CPU 0, sharing it with a busy co-runner thread (about half a core)");

    public static List<HardwareProfile> defaults(int cores) {
        return cores >= 2 ? List.of(HOST_2C, CORE_1C, HALF_1C) : List.of(CORE_1C, HALF_1C);
    }

    /** The profile with its features as measured: per-thread speed relative to one free core, and BogoMIPS. */
    public record Measured(HardwareProfile profile, double coreSpeed, double gflopsPerThread, boolean pinned) {
        /** Equivalent per-core MIPS: this machine's BogoMIPS times the relative per-thread speed. */
        public double coreMips(double bogomips) {
            return bogomips * coreSpeed;
        }
    }
}
