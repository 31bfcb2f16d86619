package org.offload.profile.arch;

import java.util.Locale;

/** Model families the profiler builds, with their default input size. */
public enum Family {
    /** Multi-layer perceptron on 784 features (an MNIST-sized vector); width = hidden units, depth = hidden layers. */
    MLP(784),
    /** torchvision ResNet (v1.5: stride on the 3x3 convolution of bottlenecks); depth 18, 34, 50, 101 or 152. */
    RESNET(224),
    /** torchvision MobileNetV2; width = width multiplier. */
    MOBILENET_V2(224),
    /** Post-norm transformer encoder over 64-token sequences; width = model dimension (64 per head), depth = layers. */
    TRANSFORMER(64),
    /** LSTM over sequences of 64 features; width = hidden units, depth = layers. */
    LSTM(32);

    private final int defaultInput;

    Family(int defaultInput) {
        this.defaultInput = defaultInput;
    }

    /** Input size when a scenario gives none: pixels per side, features (MLP) or sequence length. */
    public int defaultInput() {
        return defaultInput;
    }

    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The family named {@code s} (any case, '-' or '_'), or null. */
    public static Family parse(String s) {
        String k = s.trim().toUpperCase(Locale.ROOT).replace('-', '_');
        if (k.equals("MOBILENET") || k.equals("MOBILENETV2")) {
            k = "MOBILENET_V2";
        }
        for (Family f : values()) {
            if (f.name().equals(k)) {
                return f;
            }
        }
        return null;
    }
}
