package org.offload.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.offload.profile.arch.Arch;
import org.offload.profile.arch.Family;
import org.offload.profile.arch.Layer;
import org.offload.profile.arch.Layer.Act;
import org.offload.profile.arch.Layer.BatchNorm;
import org.offload.profile.arch.Layer.Conv;
import org.offload.profile.arch.Layer.Dense;
import org.offload.profile.arch.Layer.Seq;
import org.offload.profile.arch.Shape;

/** Parameter and MAC counts against values computed by hand, and torchvision's published parameter counts. */
class ArchCountTest {
    @Test
    void tinyMlpByHand() {
        // 4 -> 3 -> 2: weights 4*3 + 3*2 = 18, biases 3 + 2 = 5; MACs 12 + 6.
        Layer.Count c = Seq.of(new Dense(3, true), new Act(Act.Kind.RELU), new Dense(2, true)).count(Shape.of(4));
        assertEquals(23, c.params());
        assertEquals(18, c.macs());
        assertEquals(36, c.flops());
        assertEquals(Shape.of(2), c.out());
    }

    @Test
    void convByHand() {
        // 3x8x8 input, 4 filters 3x3, stride 1, pad 1, bias: params 4*3*9 + 4 = 112; output 4x8x8;
        // MACs = 4*8*8 outputs * 27 = 6912.
        Layer.Count c = new Conv(4, 3, 1, 1, 1, true).count(Shape.of(3, 8, 8));
        assertEquals(112, c.params());
        assertEquals(6912, c.macs());
        assertEquals(Shape.of(4, 8, 8), c.out());
        // Stride 2, no padding, no bias: (8-3)/2+1 = 3 -> 4x3x3, MACs 36*27 = 972, params 108.
        Layer.Count s = new Conv(4, 3, 2, 0, 1, false).count(Shape.of(3, 8, 8));
        assertEquals(108, s.params());
        assertEquals(972, s.macs());
        assertEquals(Shape.of(4, 3, 3), s.out());
    }

    @Test
    void depthwiseConvAndBatchNormByHand() {
        // Depthwise 3x3 on 6x5x5 (groups 6, pad 1): params 6*9 = 54, MACs 6*25*9 = 1350; BN: 2*6 = 12 params.
        Layer.Count c = Seq.of(new Conv(6, 3, 1, 1, 6, false), new BatchNorm()).count(Shape.of(6, 5, 5));
        assertEquals(66, c.params());
        assertEquals(1350, c.macs());
    }

    @Test
    void residualBlockByHand() {
        // Basic block 2->4 channels on 2x4x4, stride 2: conv3x3 (4*2*9 = 72) + BN 8 + conv3x3 (4*4*9 = 144) + BN 8
        // + shortcut conv1x1 (4*2 = 8) + BN 8 = 248 params. Output 4x2x2 (4 positions x 4 channels = 16 outputs):
        // MACs 16*18 + 16*36 + 16*2 = 288 + 576 + 32 = 896.
        Layer block = new Layer.Residual(
                Seq.of(new Conv(4, 3, 2, 1, 1, false), new BatchNorm(), new Act(Act.Kind.RELU),
                        new Conv(4, 3, 1, 1, 1, false), new BatchNorm()),
                Seq.of(new Conv(4, 1, 2, 0, 1, false), new BatchNorm()), true);
        Layer.Count c = block.count(Shape.of(2, 4, 4));
        assertEquals(248, c.params());
        assertEquals(896, c.macs());
        assertEquals(Shape.of(4, 2, 2), c.out());
    }

    @Test
    void lstmAndEncoderByHand() {
        // LSTM 3 -> 2 hidden, one layer, 5 steps: 4*2*(3+2) + 8*2 = 40 + 16 = 56 params; MACs 5*4*2*5 = 200.
        Layer.Count l = new Layer.Lstm(2, 1).count(Shape.of(5, 3));
        assertEquals(56, l.params());
        assertEquals(200, l.macs());
        // Encoder d=4, 1 head, hidden 8, 3 tokens: 4*(16+4) + 16 + (32+8) + (32+4) = 80 + 16 + 40 + 36 = 172;
        // MACs 4*3*16 + 2*9*4 + 2*3*4*8 = 192 + 72 + 192 = 456.
        Layer.Count e = new Layer.EncoderLayer(1, 8).count(Shape.of(3, 4));
        assertEquals(172, e.params());
        assertEquals(456, e.macs());
    }

    @Test
    void torchvisionParameterCounts() {
        assertEquals(11_689_512, Arch.of(Family.RESNET, 18, 1.0, 224).count().params());
        assertEquals(21_797_672, Arch.of(Family.RESNET, 34, 1.0, 224).count().params());
        assertEquals(25_557_032, Arch.of(Family.RESNET, 50, 1.0, 224).count().params());
        assertEquals(3_504_872, Arch.of(Family.MOBILENET_V2, 0, 1.0, 224).count().params());
    }

    @Test
    void torchvisionMacsWithinOnePercent() {
        // torchvision's model tables ("GFLOPS", which are MACs): 1.81, 3.66, 4.09, MobileNetV2 0.30.
        assertEquals(1.81e9, Arch.of(Family.RESNET, 18, 1.0, 224).count().macs(), 0.01 * 1.81e9);
        assertEquals(3.66e9, Arch.of(Family.RESNET, 34, 1.0, 224).count().macs(), 0.01 * 3.66e9);
        assertEquals(4.09e9, Arch.of(Family.RESNET, 50, 1.0, 224).count().macs(), 0.01 * 4.09e9);
        assertEquals(0.30e9, Arch.of(Family.MOBILENET_V2, 0, 1.0, 224).count().macs(), 0.02 * 0.30e9);
    }

    @Test
    void variantNames() {
        assertEquals(50, Arch.forVariant(Family.RESNET, "resnet50", 0).depth());
        assertEquals(0.5, Arch.forVariant(Family.MOBILENET_V2, "mobilenet_v2_0.5", 160).width());
        assertEquals(160, Arch.forVariant(Family.MOBILENET_V2, "mobilenet_v2_0.5", 160).input());
        assertEquals(256, Arch.forVariant(Family.MLP, "mlp-d2-w256", 0).width());
        assertThrows(IllegalArgumentException.class, () -> Arch.forVariant(Family.RESNET, "resnet19", 0));
    }
}
