package org.offload.scenario;

/** One virtual machine: cores, speed of each core in MIPS, and memory. */
public record VmSpec(int cores, double mips, double memoryMb) {
    public VmSpec {
        Check.atLeast("cores", cores, 1);
        Check.positive("mips", mips);
        Check.nonNegative("memory_mb", memoryMb);
    }
}
