package org.offload.experiment;

import java.nio.file.Path;
import org.offload.experiment.engine.Point;
import org.offload.experiment.engine.RunKey;

/**
 * One run of a sweep: a policy at a device count and, when the sweep varies a scenario key ({@link SweepAxis}), at
 * one of its values; replication {@code replication} (0-based) with its seed.
 *
 * @param axisKey   the varied scenario key, or null when the sweep varies only the devices
 * @param axisValue the key's value in this run (canonical text), or null with {@code axisKey}
 */
public record RunPoint(String policy, String axisKey, String axisValue, int devices, int replication, long seed)
        implements RunKey {
    /** The coordinate name of the discrete-event sweep's points. */
    public static final String DEVICES = "devices";

    public RunPoint {
        if ((axisKey == null) != (axisValue == null)) {
            throw new IllegalArgumentException("an axis needs both a key and a value");
        }
    }

    /** A run of a sweep over devices only. */
    public RunPoint(String policy, int devices, int replication, long seed) {
        this(policy, null, null, devices, replication, seed);
    }

    /** {@code devices=D}, or {@code <axis key>=V devices=D} (the columns of the sweep's CSV files). */
    @Override
    public Point point() {
        return axisKey == null ? Point.of(DEVICES, devices) : Point.of(axisKey, axisValue, DEVICES, devices);
    }

    /**
     * {@code runs/<policy>/d<devices>/r<rep>}; with an axis {@code runs/<policy>/<key>=<value>/d<devices>/r<rep>},
     * the key spelled out so that folders of sweeps over different keys never look alike.
     */
    @Override
    public Path relativeDir() {
        return axisKey == null ? RunKey.super.relativeDir()
                : Path.of("runs", policy, axisKey + "=" + axisValue, "d" + devices, "r" + replication);
    }

    @Override
    public String toString() {
        return "policy=" + policy + (axisKey == null ? "" : " " + axisKey + "=" + axisValue) + " devices=" + devices
                + " replication=" + replication + " seed=" + seed;
    }
}
