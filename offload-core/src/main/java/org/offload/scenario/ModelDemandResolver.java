package org.offload.scenario;

import java.util.ServiceLoader;

/**
 * Fills in the per-tier demand of an application's model variants, for example from a profile predictor
 * ({@code offload-profile} provides one through {@link ServiceLoader}). The core only consumes the resulting
 * {@link ModelVariant.Demand} table, so it stays free of machine-learning libraries.
 */
public interface ModelDemandResolver {
    /**
     * Returns {@code model} with every variant's demand set (variants that already have one may be kept as they
     * are). {@code device} is null when devices cannot compute locally. Throws {@link ScenarioException} with a
     * key relative to the model ({@code family}, {@code variants[1].name}) for an unknown family or variant.
     */
    ModelSpec resolve(ModelSpec model, VmSpec device, VmSpec edge, VmSpec cloud);

    /** A one-line description (what predictor, trained on what data), for logs and metadata. */
    default String describe() {
        return getClass().getName();
    }

    /** The first resolver registered with {@link ServiceLoader} on the class path, or null when there is none. */
    static ModelDemandResolver discover() {
        for (ModelDemandResolver r : ServiceLoader.load(ModelDemandResolver.class,
                ModelDemandResolver.class.getClassLoader())) {
            return r;
        }
        return null;
    }
}
