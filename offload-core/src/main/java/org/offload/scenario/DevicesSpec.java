package org.offload.scenario;

/** The end devices: how many, their own CPU (0 MIPS = cannot compute locally), placement, mobility and power. */
public record DevicesSpec(int count, VmSpec cpu, PlacementSpec placement, MobilitySpec mobility, PowerSpec power) {
    public DevicesSpec {
        Check.atLeast("count", count, 1);
        Check.present("placement", placement);
        Check.present("mobility", mobility);
        Check.present("power", power);
    }

    /** True when tasks can run on the device itself. */
    public boolean canComputeLocally() {
        return cpu != null;
    }

    public DevicesSpec withCount(int newCount) {
        return new DevicesSpec(newCount, cpu, placement, mobility, power);
    }
}
