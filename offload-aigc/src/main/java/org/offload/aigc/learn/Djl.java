package org.offload.aigc.learn;

/**
 * Puts DJL in the mode this project uses before its engine loads: offline (the PyTorch natives come from the
 * {@code pytorch-native-cpu} Maven jar; nothing is downloaded), one intra-op and one inter-op thread (faster
 * on 2 cores and deterministic), no graph optimiser. System properties already set win.
 */
public final class Djl {
    private Djl() {
    }

    public static void configure() {
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
