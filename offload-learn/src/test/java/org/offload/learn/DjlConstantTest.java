package org.offload.learn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

/**
 * {@link Djl#constant}: a constant in a recorded computation keeps its value until the backward pass, even when the
 * garbage collector runs in between (DJL's {@code mul(Number)} does not: its scalar's memory is freed by then).
 */
class DjlConstantTest {
    @Test
    void aConstantSurvivesAGarbageCollectionBeforeTheBackwardPass() throws Exception {
        Djl.engine();
        for (int round = 0; round < 3; round++) {
            try (NDManager m = NDManager.newBaseManager()) {
                NDArray x = m.create(new float[] {1f, 2f, 3f});
                x.setRequiresGradient(true);
                try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                    NDArray loss = x.mul(Djl.constant(m, 3f)).sum();
                    collectGarbageAndReuseFreedMemory();
                    gc.backward(loss);
                }
                assertArrayEquals(new float[] {3f, 3f, 3f}, x.getGradient().toFloatArray(), "round " + round);
            }
        }
    }

    /** Runs the collector (and so the cleaners of unreachable direct buffers) and allocates small native blocks. */
    private static void collectGarbageAndReuseFreedMemory() throws InterruptedException {
        for (int k = 0; k < 2; k++) {
            System.gc();
            Thread.sleep(50);
        }
        for (int k = 0; k < 100; k++) {
            ByteBuffer.allocateDirect(4).putFloat(0, 1000f);
        }
    }
}
