package org.offload.experiment;

import java.nio.file.Path;

/** One run of a sweep: a policy at a device count, replication {@code replication} (0-based) with its seed. */
public record RunPoint(String policy, int devices, int replication, long seed) {
    /** The run's directory relative to the sweep directory: {@code runs/<policy>/d<devices>/r<replication>}. */
    public Path relativeDir() {
        return Path.of("runs", policy, "d" + devices, "r" + replication);
    }

    @Override
    public String toString() {
        return "policy=" + policy + " devices=" + devices + " replication=" + replication + " seed=" + seed;
    }
}
