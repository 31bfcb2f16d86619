package org.offload.scenario;

import java.util.List;
import java.util.ServiceLoader;

/**
 * Counts a named network's layers for an application of kind {@code dnn} that gives {@code architecture} instead of
 * inline layers. {@code offload-profile} provides one through {@link ServiceLoader} (its own layer descriptions and
 * counter), so the core and the scenario reader stay free of it.
 */
public interface DnnLayerCounter {
    /**
     * One splittable unit of a network (a layer, or a block such as a residual block that cannot be cut inside).
     *
     * @param name     for messages and traces
     * @param mflop    floating-point operations of one inference (millions)
     * @param outputKb size of its output activation (KB)
     */
    record LayerCount(String name, double mflop, double outputKb) {
    }

    /**
     * The units of {@code architecture} for inputs of size {@code input} ({@code <= 0}: the family's default), in
     * execution order. Throws {@link IllegalArgumentException} naming the allowed architectures for an unknown one.
     */
    List<LayerCount> count(String architecture, int input);

    /** The first counter registered with {@link ServiceLoader} on the class path, or null when there is none. */
    static DnnLayerCounter discover() {
        for (DnnLayerCounter c : ServiceLoader.load(DnnLayerCounter.class, DnnLayerCounter.class.getClassLoader())) {
            return c;
        }
        return null;
    }
}
