package org.offload.io;

import java.util.function.Supplier;

import org.offload.scenario.ModelDemandResolver;
import org.offload.scenario.ModelSpec;
import org.offload.scenario.VmSpec;

/** Fills in the demands a model's variants lack with the model profile predictor ({@link ModelDemandResolver}). */
final class ModelDemands {
    private ModelDemands() {
    }

    /**
     * {@code model} with every variant's demand, resolved on {@code device} (null: devices cannot compute), an edge
     * and a cloud VM; errors name {@code m}'s keys (a variant without a demand when no predictor is on the class path).
     */
    static ModelSpec resolve(Section m, ModelSpec model, Supplier<ModelDemandResolver> resolver, VmSpec device,
                             VmSpec edge, VmSpec cloud) {
        if (model.resolved()) {
            return model;
        }
        ModelDemandResolver r = resolver.get();
        if (r == null) {
            int i = 0;
            while (model.variant(i).resolved()) {
                i++;
            }
            throw m.error("variants[" + i + "]", "needs length_mi and memory_mb: no model profile predictor is "
                    + "on the class path (the offload-profile module provides one)");
        }
        ModelSpec resolved = m.build(() -> r.resolve(model, device, edge, cloud));
        if (!resolved.resolved()) {
            throw m.error("variants", "the profile predictor left a variant without a demand");
        }
        return resolved;
    }
}
