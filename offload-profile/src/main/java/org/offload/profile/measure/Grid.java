package org.offload.profile.measure;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.offload.profile.arch.Arch;
import org.offload.profile.arch.Family;

/**
 * The configurations a profiling run measures on each hardware profile: inference of each network at some batch
 * sizes, and (on single-thread profiles) training steps with SGD and Adam.
 *
 * <ul>
 *   <li>{@code tiny}: a few small networks, for tests (seconds).</li>
 *   <li>{@code small}: the shipped data set: every family, ResNet-18/34/50 and MobileNetV2 at two input sizes,
 *       a width multiplier, batch 1 and a larger batch (a few minutes on 2 cores).</li>
 *   <li>{@code full}: more widths, depths, inputs and batches (tens of minutes).</li>
 * </ul>
 */
public final class Grid {
    /** One measurement: a network, a batch size, and inference or a training step with an optimizer. */
    public record Config(Arch arch, int batch, String mode, String optimizer) {
        public static Config infer(Arch a, int batch) {
            return new Config(a, batch, "inference", "none");
        }

        public static Config train(Arch a, int batch, String optimizer) {
            return new Config(a, batch, "train", optimizer);
        }

        public boolean training() {
            return mode.equals("train");
        }

        public String label() {
            return arch.name() + " b" + batch + (training() ? " train-" + optimizer : "");
        }
    }

    private final String name;
    private final List<Config> inference;
    private final List<Config> training;

    private Grid(String name, List<Config> inference, List<Config> training) {
        this.name = name;
        this.inference = List.copyOf(inference);
        this.training = List.copyOf(training);
    }

    public String name() {
        return name;
    }

    public List<Config> inference() {
        return inference;
    }

    /** Training steps; measured on the single-thread hardware profiles only. */
    public List<Config> training() {
        return training;
    }

    public static Grid named(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "tiny" -> tiny();
            case "small" -> small();
            case "full" -> full();
            default -> throw new IllegalArgumentException("unknown grid '" + name + "'; known: tiny, small, full");
        };
    }

    /**
     * A few small networks, for tests: one family (MLP, batch 64) at three widths whose FLOPs differ 3-7 times and
     * whose few large operations keep the fixed cost per operation small; MobileNetV2 0.25 at 224x224 with batch 1
     * and 16 (activation memory); an LSTM; one training step.
     */
    static Grid tiny() {
        List<Config> inf = List.of(
                Config.infer(Arch.of(Family.MLP, 2, 256, 784), 64),
                Config.infer(Arch.of(Family.MLP, 2, 1024, 784), 64),
                Config.infer(Arch.of(Family.MLP, 2, 2048, 784), 64),
                Config.infer(Arch.of(Family.MOBILENET_V2, 0, 0.25, 224), 1),
                Config.infer(Arch.of(Family.MOBILENET_V2, 0, 0.25, 224), 16),
                Config.infer(Arch.of(Family.LSTM, 1, 32, 8), 2));
        List<Config> tr = List.of(Config.train(Arch.of(Family.MLP, 1, 64, 784), 8, "sgd"));
        return new Grid("tiny", inf, tr);
    }

    static Grid small() {
        List<Config> inf = new ArrayList<>();
        for (int[] dw : new int[][] {{2, 256}, {2, 1024}, {4, 1024}}) {
            for (int b : new int[] {1, 32}) {
                inf.add(Config.infer(Arch.of(Family.MLP, dw[0], dw[1], 784), b));
            }
        }
        for (int depth : new int[] {18, 34, 50}) {
            for (int input : new int[] {112, 224}) {
                inf.add(Config.infer(Arch.of(Family.RESNET, depth, 1.0, input), 1));
            }
        }
        inf.add(Config.infer(Arch.of(Family.RESNET, 18, 0.5, 224), 1));
        inf.add(Config.infer(Arch.of(Family.RESNET, 18, 1.0, 224), 4));
        inf.add(Config.infer(Arch.of(Family.RESNET, 50, 1.0, 224), 4));
        for (double w : new double[] {0.5, 1.0}) {
            for (int input : new int[] {128, 224}) {
                inf.add(Config.infer(Arch.of(Family.MOBILENET_V2, 0, w, input), 1));
            }
        }
        inf.add(Config.infer(Arch.of(Family.MOBILENET_V2, 0, 1.0, 224), 4));
        for (int[] dw : new int[][] {{2, 128}, {4, 256}}) {
            for (int b : new int[] {1, 8}) {
                inf.add(Config.infer(Arch.of(Family.TRANSFORMER, dw[0], dw[1], 64), b));
            }
        }
        inf.add(Config.infer(Arch.of(Family.TRANSFORMER, 2, 256, 128), 1));
        for (int[] dw : new int[][] {{1, 128}, {2, 256}}) {
            for (int b : new int[] {1, 8}) {
                inf.add(Config.infer(Arch.of(Family.LSTM, dw[0], dw[1], 32), b));
            }
        }
        inf.add(Config.infer(Arch.of(Family.LSTM, 2, 128, 64), 1));
        List<Config> tr = new ArrayList<>();
        for (String opt : new String[] {"sgd", "adam"}) {
            for (int b : new int[] {32, 128}) {
                tr.add(Config.train(Arch.of(Family.MLP, 2, 1024, 784), b, opt));
            }
            for (int b : new int[] {4, 16}) {
                tr.add(Config.train(Arch.of(Family.RESNET, 18, 1.0, 112), b, opt));
            }
            tr.add(Config.train(Arch.of(Family.MOBILENET_V2, 0, 0.5, 128), 8, opt));
            tr.add(Config.train(Arch.of(Family.TRANSFORMER, 2, 128, 64), 8, opt));
        }
        return new Grid("small", inf, tr);
    }

    static Grid full() {
        List<Config> inf = new ArrayList<>();
        for (int depth : new int[] {1, 2, 4, 8}) {
            for (int w : new int[] {128, 512, 2048}) {
                for (int b : new int[] {1, 16, 128}) {
                    inf.add(Config.infer(Arch.of(Family.MLP, depth, w, 784), b));
                }
            }
        }
        for (int depth : new int[] {18, 34, 50, 101}) {
            for (double w : new double[] {0.5, 1.0}) {
                for (int input : new int[] {96, 160, 224}) {
                    for (int b : new int[] {1, 4}) {
                        inf.add(Config.infer(Arch.of(Family.RESNET, depth, w, input), b));
                    }
                }
            }
        }
        for (double w : new double[] {0.35, 0.5, 0.75, 1.0, 1.4}) {
            for (int input : new int[] {96, 160, 224}) {
                for (int b : new int[] {1, 8}) {
                    inf.add(Config.infer(Arch.of(Family.MOBILENET_V2, 0, w, input), b));
                }
            }
        }
        for (int layers : new int[] {2, 4, 6}) {
            for (int dim : new int[] {128, 256, 512}) {
                for (int seq : new int[] {32, 128}) {
                    for (int b : new int[] {1, 8}) {
                        inf.add(Config.infer(Arch.of(Family.TRANSFORMER, layers, dim, seq), b));
                    }
                }
            }
        }
        for (int layers : new int[] {1, 2, 3}) {
            for (int hidden : new int[] {64, 256, 512}) {
                for (int seq : new int[] {16, 64}) {
                    for (int b : new int[] {1, 16}) {
                        inf.add(Config.infer(Arch.of(Family.LSTM, layers, hidden, seq), b));
                    }
                }
            }
        }
        List<Config> tr = new ArrayList<>(small().training());
        for (String opt : new String[] {"sgd", "adam"}) {
            tr.add(Config.train(Arch.of(Family.RESNET, 50, 1.0, 112), 8, opt));
            tr.add(Config.train(Arch.of(Family.LSTM, 2, 256, 32), 32, opt));
        }
        return new Grid("full", inf, tr);
    }
}
