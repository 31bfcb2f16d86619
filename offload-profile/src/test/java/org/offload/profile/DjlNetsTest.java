package org.offload.profile;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import org.junit.jupiter.api.Test;
import org.offload.profile.arch.Arch;
import org.offload.profile.arch.Family;
import org.offload.profile.djl.DjlNets;

/** The DJL networks built from the descriptions have exactly the counted parameters, and run. */
class DjlNetsTest {
    private static void check(Arch arch, long batch, long... outShape) {
        try (NDManager m = NDManager.newBaseManager()) {
            Block b = DjlNets.build(arch.net());
            DjlNets.initialize(b, m, 1, arch.sample().batched(batch));
            assertEquals(arch.count().params(), DjlNets.trainableParameters(b), arch.name());
            NDArray x = m.randomNormal(new ai.djl.ndarray.types.Shape(arch.sample().batched(batch)));
            NDList y = b.forward(new ParameterStore(m, false), new NDList(x), false);
            assertArrayEquals(outShape, y.singletonOrThrow().getShape().getShape(), arch.name());
        }
    }

    @Test
    void everyFamilyMatchesItsCount() {
        check(Arch.of(Family.MLP, 2, 32, 784), 2, 2, 10);
        check(Arch.of(Family.RESNET, 18, 0.25, 32), 1, 1, 1000);
        check(Arch.of(Family.RESNET, 50, 0.25, 32), 1, 1, 1000);
        check(Arch.of(Family.MOBILENET_V2, 0, 0.5, 32), 2, 2, 1000);
        check(Arch.of(Family.TRANSFORMER, 2, 64, 8), 2, 2, 10);
        check(Arch.of(Family.LSTM, 2, 16, 5), 3, 3, 10);
    }

    @Test
    void fullResNet18MatchesTorchvision() {
        Arch a = Arch.of(Family.RESNET, 18, 1.0, 32);
        try (NDManager m = NDManager.newBaseManager()) {
            Block b = DjlNets.build(a.net());
            DjlNets.initialize(b, m, 1, a.sample().batched(1));
            assertEquals(11_689_512, DjlNets.trainableParameters(b));
        }
    }
}
