package org.offload.experiment.engine;

import java.util.Optional;
import java.util.ServiceLoader;

/**
 * Supplies a {@link RunExecutor} for an engine by name (e.g. {@code spark} from the {@code offload-spark} jar),
 * found through {@link ServiceLoader} so that the command line does not depend on the engine at compile time.
 */
public interface RunExecutorProvider {
    /** The engine's name, as given to {@code --engine}. */
    String engine();

    /**
     * An executor on {@code master} (null: the engine's default). An unusable
     * master (cannot be parsed or reached) is an {@link IllegalArgumentException} saying which and why, thrown
     * before anything is written. The caller closes the executor when it is {@link AutoCloseable}.
     */
    RunExecutor create(String master);

    /** The provider of {@code engine} on {@code loader}'s class path, if any. */
    static Optional<RunExecutorProvider> find(String engine, ClassLoader loader) {
        for (RunExecutorProvider p : ServiceLoader.load(RunExecutorProvider.class, loader)) {
            if (p.engine().equals(engine)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }
}
