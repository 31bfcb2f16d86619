package org.offload.profile.arch;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.offload.scenario.DnnLayerCounter;

/**
 * The networks of {@link Arch} as split-able layer tables for {@code kind: dnn} applications (registered through
 * {@code META-INF/services}). A unit is one top-level element of the network that does arithmetic (a convolution, a
 * residual or inverted-residual block, a dense layer, an encoder layer) together with the MAC-free layers that follow
 * it (batch norm, activation, pooling), so a split never cuts a residual connection. FLOPs = 2 x MACs
 * ({@link Layer.Count#flops}); an activation's size is its element count x 4 bytes (float32).
 */
public final class ArchLayerCounter implements DnnLayerCounter {
    /** Bytes per activation element (float32). */
    static final double BYTES_PER_ELEMENT = 4;

    @Override
    public List<LayerCount> count(String architecture, int input) {
        Arch arch = Arch.forVariant(family(architecture), architecture, input);
        if (!(arch.net() instanceof Layer.Seq seq)) {
            throw new IllegalArgumentException(architecture + " is not a chain of layers");
        }
        List<LayerCount> units = new ArrayList<>();
        Shape shape = arch.sample();
        String name = null;
        long macs = 0;
        for (Layer l : seq.layers()) {
            Layer.Count c = l.count(shape);
            if (c.macs() > 0 && name != null) {
                units.add(unit(name, macs, shape));
                name = null;
                macs = 0;
            }
            if (name == null) {
                name = (units.size() + 1) + "-" + l.getClass().getSimpleName().toLowerCase(Locale.ROOT);
            }
            macs += c.macs();
            shape = c.out();
        }
        units.add(unit(name, macs, shape));
        return units;
    }

    private static LayerCount unit(String name, long macs, Shape out) {
        return new LayerCount(name, 2.0 * macs / 1e6, out.size() * BYTES_PER_ELEMENT / 1000);
    }

    private static Family family(String architecture) {
        String a = architecture.trim().toLowerCase(Locale.ROOT).replace('-', '_');
        for (Family f : Family.values()) {
            if (a.startsWith(f.key()) || f == Family.MOBILENET_V2 && a.startsWith("mobilenet")) {
                return f;
            }
        }
        throw new IllegalArgumentException("unknown architecture " + architecture + "; allowed: resnet18, resnet34, "
                + "resnet50, resnet101, resnet152, mobilenet_v2 (or mobilenet_v2_<width>), mlp-d<layers>-w<units>, "
                + "transformer-d<layers>-w<dim>, lstm-d<layers>-w<hidden>");
    }
}
