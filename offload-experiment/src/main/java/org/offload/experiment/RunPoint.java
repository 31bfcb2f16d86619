package org.offload.experiment;

import org.offload.experiment.engine.Point;
import org.offload.experiment.engine.RunKey;

/** One run of a sweep: a policy at a device count, replication {@code replication} (0-based) with its seed. */
public record RunPoint(String policy, int devices, int replication, long seed) implements RunKey {
    /** The coordinate name of the discrete-event sweep's points. */
    public static final String DEVICES = "devices";

    @Override
    public Point point() {
        return Point.of(DEVICES, devices);
    }

    @Override
    public String toString() {
        return "policy=" + policy + " devices=" + devices + " replication=" + replication + " seed=" + seed;
    }
}
