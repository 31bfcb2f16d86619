package org.offload.compute;

import org.offload.scenario.VmSpec;

/**
 * A compute node with nothing on it: what a view reads for a device whose CPU has never run a task (the
 * simulator creates device CPUs lazily), so that readers need no null checks. {@code spec} null: the device has
 * no CPU; it admits nothing and has no rate.
 */
public record IdleCompute(VmSpec spec) implements ComputeState {
    @Override
    public double rate() {
        return spec == null ? 0 : spec.mips();
    }

    @Override
    public int servers() {
        return spec == null ? 1 : spec.cores();
    }

    @Override
    public int inSystem() {
        return 0;
    }

    @Override
    public double claimedPercent() {
        return 0;
    }

    @Override
    public double freeMemoryMb() {
        return spec == null ? 0 : spec.memoryMb() == 0 ? Double.POSITIVE_INFINITY : spec.memoryMb();
    }

    @Override
    public int waiting() {
        return 0;
    }

    /** Alone on a free core under any discipline: {@code mi / mips}. */
    @Override
    public double sojournS(double mi) {
        return spec == null ? Double.POSITIVE_INFINITY : mi / spec.mips();
    }

    @Override
    public boolean admits(double sharePercent, double memoryMb) {
        return spec != null && sharePercent <= 100 + 1e-9
                && (spec.memoryMb() == 0 || memoryMb <= spec.memoryMb() + 1e-9);
    }
}
