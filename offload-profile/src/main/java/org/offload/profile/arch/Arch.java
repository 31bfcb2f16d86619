package org.offload.profile.arch;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.offload.profile.arch.Layer.Act;
import org.offload.profile.arch.Layer.BatchNorm;
import org.offload.profile.arch.Layer.Conv;
import org.offload.profile.arch.Layer.Dense;
import org.offload.profile.arch.Layer.Seq;

/**
 * One concrete network: family, hyperparameters (depth, width, input size), its layers and the shape of one input
 * sample. Build with {@link #of}; {@link #count()} gives parameters and MACs.
 *
 * @param depth  ResNet depth; hidden layers (MLP); encoder layers (transformer); LSTM layers; unused (MobileNetV2)
 * @param width  width multiplier (ResNet, MobileNetV2); hidden units (MLP, LSTM); model dimension (transformer)
 * @param input  pixels per side (CNNs), features (MLP), sequence length (transformer, LSTM)
 */
public record Arch(Family family, int depth, double width, int input, Layer net, Shape sample) {
    /** Output classes of the CNNs (ImageNet). */
    public static final int IMAGENET_CLASSES = 1000;
    /** Output classes of MLP, transformer and LSTM heads. */
    public static final int SMALL_CLASSES = 10;
    /** Features per time step of the LSTM's input. */
    public static final int LSTM_FEATURES = 64;

    public Layer.Count count() {
        return net.count(sample);
    }

    /** Short name, e.g. {@code resnet50-w1-i224}. */
    public String name() {
        String w = width == Math.rint(width) ? String.valueOf((long) width) : String.valueOf(width);
        return switch (family) {
            case RESNET -> "resnet" + depth + "-w" + w + "-i" + input;
            case MOBILENET_V2 -> "mobilenet_v2-w" + w + "-i" + input;
            default -> family.key() + "-d" + depth + "-w" + w + "-i" + input;
        };
    }

    public static Arch of(Family family, int depth, double width, int input) {
        return switch (family) {
            case MLP -> mlp(depth, (int) width, input);
            case RESNET -> resnet(depth, width, input);
            case MOBILENET_V2 -> mobilenetV2(width, input);
            case TRANSFORMER -> transformer(depth, (int) width, input);
            case LSTM -> lstm(depth, (int) width, input);
        };
    }

    /**
     * The architecture a scenario variant name stands for: {@code resnet18}, {@code resnet34}, {@code resnet50},
     * {@code resnet101}, {@code resnet152}, {@code mobilenet_v2} (optionally {@code _0.5} etc. for the width),
     * {@code mlp-d<depth>-w<units>}, {@code transformer-d<layers>-w<dim>}, {@code lstm-d<layers>-w<hidden>}.
     * {@code input <= 0} uses the family's default. Throws {@link IllegalArgumentException} for other names.
     */
    public static Arch forVariant(Family family, String variant, int input) {
        int in = input > 0 ? input : family.defaultInput();
        String v = variant.trim().toLowerCase(Locale.ROOT).replace('-', '_');
        switch (family) {
            case RESNET -> {
                if (v.matches("resnet_?(18|34|50|101|152)")) {
                    return resnet(Integer.parseInt(v.replaceAll("\\D", "")), 1.0, in);
                }
            }
            case MOBILENET_V2 -> {
                if (v.matches("mobilenet_?v2")) {
                    return mobilenetV2(1.0, in);
                }
                if (v.matches("mobilenet_?v2_[0-9.]+")) {
                    return mobilenetV2(Double.parseDouble(v.substring(v.lastIndexOf('_') + 1)), in);
                }
            }
            default -> {
                String p = family.key() + "_d(\\d+)_w(\\d+)";
                if (v.matches(p)) {
                    String[] parts = v.substring(family.key().length() + 2).split("_w");
                    return of(family, Integer.parseInt(parts[0]), Integer.parseInt(parts[1]), in);
                }
            }
        }
        throw new IllegalArgumentException("unknown " + family.key() + " variant '" + variant + "'; known forms: "
                + switch (family) {
                    case RESNET -> "resnet18, resnet34, resnet50, resnet101, resnet152";
                    case MOBILENET_V2 -> "mobilenet_v2, mobilenet_v2_0.5 (width multiplier)";
                    default -> family.key() + "-d<layers>-w<width>, e.g. " + family.key() + "-d2-w256";
                });
    }

    // ------------------------------------------------------------------ MLP

    static Arch mlp(int hiddenLayers, int units, int features) {
        List<Layer> l = new ArrayList<>();
        for (int i = 0; i < hiddenLayers; i++) {
            l.add(new Dense(units, true));
            l.add(new Act(Act.Kind.RELU));
        }
        l.add(new Dense(SMALL_CLASSES, true));
        return new Arch(Family.MLP, hiddenLayers, units, features, new Seq(l), Shape.of(features));
    }

    // ------------------------------------------------------------------ ResNet (torchvision)

    static Arch resnet(int depth, double widthMult, int input) {
        int[] blocks = switch (depth) {
            case 18, 34 -> depth == 18 ? new int[] {2, 2, 2, 2} : new int[] {3, 4, 6, 3};
            case 50 -> new int[] {3, 4, 6, 3};
            case 101 -> new int[] {3, 4, 23, 3};
            case 152 -> new int[] {3, 8, 36, 3};
            default -> throw new IllegalArgumentException("ResNet depth must be 18, 34, 50, 101 or 152, got " + depth);
        };
        boolean bottleneck = depth >= 50;
        int expansion = bottleneck ? 4 : 1;
        int base = (int) Math.round(64 * widthMult);
        List<Layer> l = new ArrayList<>();
        l.add(new Conv(base, 7, 2, 3, 1, false));
        l.add(new BatchNorm());
        l.add(new Act(Act.Kind.RELU));
        l.add(new Layer.MaxPool(3, 2, 1));
        int inC = base;
        for (int stage = 0; stage < 4; stage++) {
            int planes = base << stage;
            for (int b = 0; b < blocks[stage]; b++) {
                int stride = (stage > 0 && b == 0) ? 2 : 1;
                int outC = planes * expansion;
                Layer main = bottleneck
                        ? Seq.of(new Conv(planes, 1, 1, 0, 1, false), new BatchNorm(), new Act(Act.Kind.RELU),
                                new Conv(planes, 3, stride, 1, 1, false), new BatchNorm(), new Act(Act.Kind.RELU),
                                new Conv(outC, 1, 1, 0, 1, false), new BatchNorm())
                        : Seq.of(new Conv(planes, 3, stride, 1, 1, false), new BatchNorm(), new Act(Act.Kind.RELU),
                                new Conv(planes, 3, 1, 1, 1, false), new BatchNorm());
                Layer shortcut = (stride != 1 || inC != outC)
                        ? Seq.of(new Conv(outC, 1, stride, 0, 1, false), new BatchNorm()) : null;
                l.add(new Layer.Residual(main, shortcut, true));
                inC = outC;
            }
        }
        l.add(new Layer.GlobalAvgPool());
        l.add(new Dense(IMAGENET_CLASSES, true));
        return new Arch(Family.RESNET, depth, widthMult, input, new Seq(l), Shape.of(3, input, input));
    }

    // ------------------------------------------------------------------ MobileNetV2 (torchvision)

    /** torchvision's {@code _make_divisible(v, 8)}. */
    static int divisible(double v) {
        int n = Math.max(8, (int) (v + 4) / 8 * 8);
        if (n < 0.9 * v) {
            n += 8;
        }
        return n;
    }

    static Arch mobilenetV2(double widthMult, int input) {
        int[][] settings = {{1, 16, 1, 1}, {6, 24, 2, 2}, {6, 32, 3, 2}, {6, 64, 4, 2}, {6, 96, 3, 1},
                {6, 160, 3, 2}, {6, 320, 1, 1}};
        int inC = divisible(32 * widthMult);
        int last = divisible(1280 * Math.max(1.0, widthMult));
        List<Layer> l = new ArrayList<>();
        l.add(new Conv(inC, 3, 2, 1, 1, false));
        l.add(new BatchNorm());
        l.add(new Act(Act.Kind.RELU6));
        for (int[] s : settings) {
            int t = s[0];
            int outC = divisible(s[1] * widthMult);
            for (int i = 0; i < s[2]; i++) {
                int stride = i == 0 ? s[3] : 1;
                int hidden = (int) Math.round(inC * (double) t);
                List<Layer> block = new ArrayList<>();
                if (t != 1) {
                    block.add(new Conv(hidden, 1, 1, 0, 1, false));
                    block.add(new BatchNorm());
                    block.add(new Act(Act.Kind.RELU6));
                }
                block.add(new Conv(hidden, 3, stride, 1, hidden, false));
                block.add(new BatchNorm());
                block.add(new Act(Act.Kind.RELU6));
                block.add(new Conv(outC, 1, 1, 0, 1, false));
                block.add(new BatchNorm());
                Seq main = new Seq(block);
                l.add(stride == 1 && inC == outC ? new Layer.Residual(main, null, false) : main);
                inC = outC;
            }
        }
        l.add(new Conv(last, 1, 1, 0, 1, false));
        l.add(new BatchNorm());
        l.add(new Act(Act.Kind.RELU6));
        l.add(new Layer.GlobalAvgPool());
        l.add(new Dense(IMAGENET_CLASSES, true));
        return new Arch(Family.MOBILENET_V2, 0, widthMult, input, new Seq(l), Shape.of(3, input, input));
    }

    // ------------------------------------------------------------------ sequences

    static Arch transformer(int layers, int dim, int seqLen) {
        List<Layer> l = new ArrayList<>();
        int heads = Math.max(1, dim / 64);
        for (int i = 0; i < layers; i++) {
            l.add(new Layer.EncoderLayer(heads, 4 * dim));
        }
        l.add(new Layer.SequenceMean());
        l.add(new Dense(SMALL_CLASSES, true));
        return new Arch(Family.TRANSFORMER, layers, dim, seqLen, new Seq(l), Shape.of(seqLen, dim));
    }

    static Arch lstm(int layers, int hidden, int seqLen) {
        Seq net = Seq.of(new Layer.Lstm(hidden, layers), new Layer.SequenceLast(), new Dense(SMALL_CLASSES, true));
        return new Arch(Family.LSTM, layers, hidden, seqLen, net, Shape.of(seqLen, LSTM_FEATURES));
    }
}
