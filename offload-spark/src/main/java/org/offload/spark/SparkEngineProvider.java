package org.offload.spark;

import org.offload.experiment.engine.RunExecutor;
import org.offload.experiment.engine.RunExecutorProvider;

/** Provides the {@code spark} engine ({@code --engine spark}) to the command line through {@code ServiceLoader}. */
public final class SparkEngineProvider implements RunExecutorProvider {
    @Override
    public String engine() {
        return "spark";
    }

    @Override
    public RunExecutor create(String master) {
        return SparkRunExecutor.start(master);
    }
}
