package org.offload.learn;

/**
 * DJL settings, applied before DJL first loads its engine: offline (libtorch comes from the
 * {@code pytorch-native-cpu} jar on the classpath, never from the network), one intra-op and one inter-op thread
 * (deterministic, and faster than the defaults for these small networks on 2 cores) and no graph optimiser. Values
 * already set on the command line ({@code -D...}) are kept.
 */
public final class Djl {
    private Djl() {
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
}
