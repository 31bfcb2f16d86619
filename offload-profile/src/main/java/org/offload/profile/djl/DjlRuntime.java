package org.offload.profile.djl;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;

/**
 * DJL set-up for profiling: offline (libtorch from the {@code pytorch-native-cpu} jar, never downloaded), one
 * inter-op thread, no graph optimiser; values given with {@code -D} are kept. The intra-op thread count is a
 * profiling dimension and is set per configuration with {@link #setThreads}.
 */
public final class DjlRuntime {
    private DjlRuntime() {
    }

    public static synchronized void configure() {
        setIfAbsent("ai.djl.offline", "true");
        setIfAbsent("ai.djl.pytorch.num_threads", "1");
        setIfAbsent("ai.djl.pytorch.num_interop_threads", "1");
        setIfAbsent("ai.djl.pytorch.graph_optimizer", "false");
        setIfAbsent("java.awt.headless", "true");
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }

    /** The PyTorch engine (started on first use). */
    public static Engine engine() {
        configure();
        return Engine.getEngine("PyTorch");
    }

    /** Sets PyTorch's intra-op thread count (at::set_num_threads) for the following operations. */
    public static void setThreads(int threads) {
        engine();
        ai.djl.pytorch.jni.JniUtils.setNumThreads(threads);
    }

    /** The device to profile on: the first GPU when the engine sees one, else the CPU. */
    public static Device device() {
        Engine e = engine();
        return e.getGpuCount() > 0 ? Device.gpu() : Device.cpu();
    }

    /** Initialises {@code block} for inputs of {@code shape} with random weights (seeded by {@code seed}). */
    public static void initialize(Block block, NDManager manager, long seed, long... shape) {
        engine().setRandomSeed((int) seed);
        block.initialize(manager, DataType.FLOAT32, new Shape(shape));
    }

    /** Trainable parameters of an initialised block (PyTorch's {@code model.parameters()}). */
    public static long trainableParameters(Block block) {
        long n = 0;
        for (Pair<String, Parameter> p : block.getParameters()) {
            Parameter param = p.getValue();
            if (param.requiresGradient() && param.isInitialized()) {
                NDArray a = param.getArray();
                n += a.size();
            }
        }
        return n;
    }

    /** DJL and PyTorch versions, e.g. {@code DJL 0.36.0, PyTorch 2.7.1}. */
    public static String versions() {
        Engine e = engine();
        return "DJL " + Engine.getDjlVersion() + ", " + e.getEngineName() + " " + e.getVersion();
    }
}
