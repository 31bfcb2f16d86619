package org.offload.profile.measure;

import java.util.ArrayList;
import java.util.List;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import org.offload.learn.Djl;
import org.offload.profile.arch.Arch;
import org.offload.profile.arch.Family;
import org.offload.profile.djl.DjlNets;

/**
 * What the profiler's speed calibration measures, beside what a network achieves: GFLOP/s of square matrix products
 * of several sizes and of a ResNet-18 forward pass (224x224, batch 1, FLOPs = 2 x MACs), timed the same way (whole
 * calls, one after the other, with the current threads and affinity). The profiler calibrates with 256x256
 * products ({@link Profiler}); {@code offload profile calibrate} shows how that compares with larger products and
 * with a network.
 */
public final class Calibration {
    /** One measurement: what ran and its rate. */
    public record Rate(String what, long flopsPerCall, double msPerCall, double gflops) {
    }

    private Calibration() {
    }

    /** GFLOP/s of repeated {@code n x n} products for about {@code seconds}, after 5 warm-up products. */
    public static double matrixProductGflops(Device device, int n, double seconds) {
        try (NDManager m = NDManager.newBaseManager(device)) {
            NDArray a = m.randomNormal(new Shape(n, n));
            NDArray b = m.randomNormal(new Shape(n, n));
            for (int i = 0; i < 5; i++) {
                product(m, a, b);
            }
            int calls = 0;
            long start = System.nanoTime();
            long budget = (long) (seconds * 1e9);
            while (System.nanoTime() - start < budget) {
                product(m, a, b);
                calls++;
            }
            double s = (System.nanoTime() - start) / 1e9;
            return calls * 2.0 * n * n * n / s / 1e9;
        }
    }

    private static void product(NDManager m, NDArray a, NDArray b) {
        try (NDManager s = m.newSubManager()) {
            a.tempAttach(s);
            a.matMul(b).getFloat(0, 0);
        }
    }

    /**
     * One round: products of each size in {@code sizes}, then ResNet-18, each for about {@code seconds}, on
     * {@code threads} PyTorch intra-op threads (restored to 1 afterwards).
     */
    public static List<Rate> round(int[] sizes, double seconds, int threads, long seed) {
        Device device = Djl.device();
        Djl.setThreads(threads);
        try {
            List<Rate> out = new ArrayList<>();
            for (int n : sizes) {
                double g = matrixProductGflops(device, n, seconds);
                long flops = 2L * n * n * n;
                out.add(new Rate("matrix product " + n + "x" + n, flops, flops / g / 1e6, g));
            }
            out.add(resnet18(device, seconds, seed));
            return out;
        } finally {
            Djl.setThreads(1);
        }
    }

    private static Rate resnet18(Device device, double seconds, long seed) {
        Arch arch = Arch.of(Family.RESNET, 18, 1.0, 224);
        long flops = 2 * arch.count().macs();
        try (NDManager m = NDManager.newBaseManager(device)) {
            Block block = DjlNets.build(arch.net());
            DjlNets.initialize(block, m, seed, arch.sample().batched(1));
            NDArray x = m.randomNormal(new Shape(arch.sample().batched(1)));
            for (int i = 0; i < 3; i++) {
                forward(m, block, x);
            }
            int calls = 0;
            long start = System.nanoTime();
            long budget = (long) (seconds * 1e9);
            while (System.nanoTime() - start < budget) {
                forward(m, block, x);
                calls++;
            }
            double ms = (System.nanoTime() - start) / 1e6 / calls;
            return new Rate("resnet18, 224x224, batch 1", flops, ms, flops / ms / 1e6);
        }
    }

    private static void forward(NDManager m, Block block, NDArray x) {
        try (NDManager s = m.newSubManager()) {
            x.tempAttach(s);
            block.forward(new ParameterStore(s, false), new NDList(x), false).singletonOrThrow().getFloat(0, 0);
        }
    }
}
