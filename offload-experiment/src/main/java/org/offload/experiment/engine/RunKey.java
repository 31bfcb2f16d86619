package org.offload.experiment.engine;

import java.io.Serializable;
import java.nio.file.Path;

/**
 * One run of a study: a policy at a {@link Point}, replication {@code replication} (0-based) with its seed. Every
 * policy and point of replication r shares its randomness (common random numbers), so differences between policies
 * are paired by replication. Serialisable, as {@link RunOutput} and {@link RunExecutor.Evaluator} are, so that an
 * executor may ship runs to other JVMs (Spark, issue 24).
 */
public interface RunKey extends Serializable {
    String policy();

    Point point();

    int replication();

    long seed();

    /** The run's folder relative to the sweep's: {@code runs/<policy>/<point>/r<replication>}. */
    default Path relativeDir() {
        return Path.of("runs", policy(), point().dirName(), "r" + replication());
    }
}
