package org.offload.learn;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.jni.JniUtils;

/**
 * The one place where DJL is set up, for every module that trains or measures networks with it (the dl-tier
 * trainer, the AIGC agents, the profiler): offline (libtorch comes from the {@code pytorch-native-cpu} jar on the
 * class path, never from the network), one intra-op and one inter-op thread (deterministic, and faster than the
 * defaults for small networks on 2 cores), no graph optimiser and headless charts. Values already set on the command
 * line ({@code -D...}) are kept. The properties are read when DJL first starts its engine, so {@link #configure}
 * must run before that; {@link #engine} does it.
 *
 * <p>PyTorch's intra-op thread count is process-wide state that the properties only set once. Training that must
 * be reproducible calls {@link #singleThreaded} (with two threads, same-seed trainings gave weights differing by up to
 * 9e-4: the order of the parallel sums changes between runs, and Adam turns such differences into steps of the
 * learning rate); the profiler sets the count per hardware profile with {@link #setThreads}.
 */
public final class Djl {
    private Djl() {
    }

    /** Sets the DJL properties that are not set yet. */
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

    /** The PyTorch engine, configured and started on first use. */
    public static Engine engine() {
        configure();
        return Engine.getEngine("PyTorch");
    }

    /** Sets PyTorch's intra-op thread count (at::set_num_threads) for the following operations. */
    public static void setThreads(int threads) {
        engine();
        JniUtils.setNumThreads(threads);
    }

    /** PyTorch's intra-op thread count now. */
    public static int threads() {
        engine();
        return JniUtils.getNumThreads();
    }

    /** One intra-op thread from now on, whatever an earlier caller set: the condition for reproducible training. */
    public static void singleThreaded() {
        if (threads() != 1) {
            setThreads(1);
        }
    }

    /**
     * A scalar (0-d float tensor) that PyTorch allocates and owns, held by {@code m}: the safe operand for arithmetic
     * with a constant anywhere a gradient flows ({@code x.mul(Djl.constant(m, 0.5f))}, never {@code x.mul(0.5f)}).
     *
     * <p>DJL's {@code NDArray} operations with a {@code Number} ({@code mul}, {@code div}, {@code minimum},
     * {@code pow}, ...) wrap the number in a tensor over a Java direct buffer ({@code torch::from_blob}, no copy), run
     * the operation and close that tensor at once. Autograd has saved it for the backward pass, but nothing on the
     * Java side refers to the buffer any more: when the garbage collector's cleaner frees it before
     * {@code backward}, the gradient is computed from freed memory (measured: the gradient of {@code x.mul(3f)} came
     * out as 4.4e-41 instead of 3 after a GC). Whether a GC lands between a forward and its backward pass depends on
     * timing, which made same-seed trainings differ now and then, more often under load.
     */
    public static NDArray constant(NDManager m, float value) {
        return m.full(new Shape(), value);
    }

    /** The device to run on: the first GPU when the engine sees one, else the CPU. */
    public static Device device() {
        Engine e = engine();
        return e.getGpuCount() > 0 ? Device.gpu() : Device.cpu();
    }

    /** DJL and PyTorch versions, e.g. {@code DJL 0.36.0, PyTorch 2.7.1}. */
    public static String versions() {
        Engine e = engine();
        return "DJL " + Engine.getDjlVersion() + ", " + e.getEngineName() + " " + e.getVersion();
    }
}
