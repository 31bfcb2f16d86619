package org.offload.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.offload.profile.arch.Arch;
import org.offload.profile.arch.ArchLayerCounter;
import org.offload.profile.arch.Family;
import org.offload.scenario.DnnLayerCounter;

/** The layer tables behind {@code kind: dnn} applications that name an architecture. */
class ArchLayerCounterTest {
    private final ArchLayerCounter counter = new ArchLayerCounter();

    @Test
    void resnet18IsItsStemEightResidualBlocksAndTheClassifier() {
        List<DnnLayerCounter.LayerCount> units = counter.count("resnet18", 224);
        assertEquals(10, units.size());
        assertEquals("1-conv", units.get(0).name());
        assertEquals("2-residual", units.get(1).name());
        assertEquals("10-dense", units.get(9).name());
        // The stem (conv, BN, ReLU, max pool) leaves 64 x 56 x 56 floats; the classifier 1000.
        assertEquals(64 * 56 * 56 * 4 / 1000.0, units.get(0).outputKb(), 1e-9);
        assertEquals(4.0, units.get(9).outputKb(), 1e-9);
        double total = units.stream().mapToDouble(DnnLayerCounter.LayerCount::mflop).sum();
        assertEquals(Arch.forVariant(Family.RESNET, "resnet18", 224).count().flops() / 1e6, total, 1e-6);
    }

    @Test
    void everyNamedFamilyAddsUpToItsCount() {
        for (String a : new String[] {"resnet50", "mobilenet_v2", "mlp-d3-w256", "transformer-d2-w128"}) {
            List<DnnLayerCounter.LayerCount> units = counter.count(a, 0);
            assertTrue(units.size() >= 2, a);
            double total = units.stream().mapToDouble(DnnLayerCounter.LayerCount::mflop).sum();
            Family f = a.startsWith("mobilenet") ? Family.MOBILENET_V2 : Family.parse(a.replaceAll("[-0-9].*", ""));
            assertEquals(Arch.forVariant(f, a, 0).count().flops() / 1e6, total, 1e-6, a);
        }
    }

    @Test
    void anUnknownArchitectureSaysWhatIsAllowed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> counter.count("vgg16", 0));
        assertTrue(e.getMessage().startsWith("unknown architecture vgg16; allowed: resnet18"), e.getMessage());
        assertInstanceOf(ArchLayerCounter.class, DnnLayerCounter.discover());
    }
}
