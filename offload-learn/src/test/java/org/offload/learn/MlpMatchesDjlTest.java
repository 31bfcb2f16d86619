package org.offload.learn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.SequentialBlock;
import ai.djl.training.ParameterStore;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.offload.policy.learned.Mlp;

/** The pure-Java forward pass the simulator runs gives DJL's (PyTorch's) outputs for the exported weights. */
class MlpMatchesDjlTest {
    @BeforeAll
    static void configure() {
        Djl.configure();
    }

    private static void check(List<Integer> hidden, int in, int out, Mlp.Output output, long seed) {
        Engine.getEngine("PyTorch").setRandomSeed((int) seed);
        SplittableRandom r = new SplittableRandom(seed);
        try (NDManager m = NDManager.newBaseManager(Device.cpu(), "PyTorch")) {
            SequentialBlock net = Trainer.network(hidden, out);
            net.initialize(m, DataType.FLOAT32, new Shape(1, in));
            float[] mean = new float[in];
            float[] std = new float[in];
            List<String> names = new ArrayList<>();
            for (int i = 0; i < in; i++) {
                mean[i] = (float) r.nextDouble(-3, 3);
                std[i] = (float) r.nextDouble(0.2, 4);
                names.add("x" + i);
            }
            List<String> classes = new ArrayList<>();
            for (int c = 0; c < out; c++) {
                classes.add("c" + c);
            }
            Mlp mlp = Trainer.export(net, "test", Map.of(), names, mean, std, classes, output);
            Mlp.Runner runner = mlp.runner();
            int n = 200;
            float[] raw = new float[n * in];
            float[] norm = new float[n * in];
            for (int k = 0; k < n; k++) {
                for (int i = 0; i < in; i++) {
                    float v = r.nextInt(6) == 0 ? 0f : (float) r.nextDouble(-10, 10);
                    raw[k * in + i] = v;
                    norm[k * in + i] = (v - mean[i]) / std[i];
                }
            }
            NDArray x = m.create(norm, new Shape(n, in));
            NDArray y = net.forward(new ParameterStore(m, false), new NDList(x), false).singletonOrThrow();
            if (output == Mlp.Output.SOFTMAX) {
                y = y.softmax(1);
            }
            float[] djl = y.toFloatArray();
            float[] row = new float[in];
            for (int k = 0; k < n; k++) {
                System.arraycopy(raw, k * in, row, 0, in);
                float[] java = runner.run(row);
                for (int j = 0; j < out; j++) {
                    float d = djl[k * out + j];
                    assertEquals(d, java[j], 1e-5 * Math.max(1, Math.abs(d)), "sample " + k + " output " + j);
                }
            }
        }
    }

    @Test
    void tierNetwork() {
        check(List.of(64, 32, 16), 25, 4, Mlp.Output.SOFTMAX, 11);
    }

    @Test
    void vmNetwork() {
        check(List.of(16), 16, 1, Mlp.Output.LINEAR, 12);
        check(List.of(32, 16), 16, 1, Mlp.Output.LINEAR, 13);
    }
}
