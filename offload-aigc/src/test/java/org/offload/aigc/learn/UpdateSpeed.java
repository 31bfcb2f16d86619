package org.offload.aigc.learn;

import ai.djl.ndarray.NDManager;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;
import org.offload.aigc.ActionLayout;
import org.offload.aigc.AgentKind;
import org.offload.aigc.AigcTraining;
import org.offload.aigc.Features;
import org.offload.aigc.TrainConfig;
import org.offload.learn.Djl;

/**
 * Measures one MADDPG gradient step (10 devices, 3 servers, 4 models, batch 1,024, the default learner) done the
 * straightforward way ({@link MaddpgUpdate#naive}) and the faster way, interleaved in one JVM so that both see the
 * same machine; prints the thread CPU milliseconds of each round and the medians. Not a test (the machine is shared
 * and noisy); run it by hand, see docs/aigc.md.
 */
public final class UpdateSpeed {
    private UpdateSpeed() {
    }

    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 8;
        int reps = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        Djl.configure();
        TrainConfig c = AigcTraining.defaults();
        int n = 10;
        ActionLayout layout = AgentKind.MADDPG_MATO.layout(3, c.ratioLevels());
        Features f = new Features(true, true, false);
        int actorIn = f.localSize(n, 3, 4);
        int g = f.globalSize(n, 3, 4);
        int criticIn = MaddpgUpdate.criticInputs(MaddpgUpdate.Structure.PER_DEVICE, n, g, layout);
        double[][] ms = new double[2][rounds];
        try (NDManager base = NDManager.newBaseManager()) {
            Replay replay = new Replay(4096, n, n, actorIn, g, n * layout.size());
            SplittableRandom rnd = new SplittableRandom(3);
            for (int k = 0; k < 4096; k++) {
                float[] x = random(rnd, n * actorIn);
                float[] gg = random(rnd, g);
                float[] a = new float[n * layout.size()];
                for (int i = 0; i < n; i++) {
                    layout.sample(null, 0, 1, rnd, a, i * layout.size());
                }
                replay.add(x, gg, a, random(rnd, n), x, gg, 0.95f);
            }
            for (int round = 0; round < rounds; round++) {
                for (int v = 0; v < 2; v++) {
                    try (BatchedMlp actor = new BatchedMlp(base, "a", n, actorIn, 64, layout.size(), false,
                            new SplittableRandom(1), true);
                         BatchedMlp actorT = new BatchedMlp(base, "at", n, actorIn, 64, layout.size(), false,
                                 new SplittableRandom(1), false);
                         BatchedMlp critic = new BatchedMlp(base, "c", n, criticIn, 64, 1, false,
                                 new SplittableRandom(2), true);
                         BatchedMlp criticT = new BatchedMlp(base, "ct", n, criticIn, 64, 1, false,
                                 new SplittableRandom(2), false)) {
                        MaddpgUpdate u = new MaddpgUpdate(MaddpgUpdate.Structure.PER_DEVICE, n, layout, actorIn, g, c,
                                actor, actorT, critic, criticT);
                        u.naive = v == 0;
                        u.step(base, replay.sample(1024, rnd), 1024, 1.0, null);
                        long t0 = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
                        for (int k = 0; k < reps; k++) {
                            u.step(base, replay.sample(1024, rnd), 1024, 1.0, null);
                        }
                        ms[v][round] = (ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() - t0) / 1e6 / reps;
                    }
                }
                System.out.printf(Locale.ROOT, "round %d: naive %.1f ms, faster %.1f ms per step%n", round, ms[0][round],
                        ms[1][round]);
            }
        }
        double a = median(ms[0]);
        double b = median(ms[1]);
        System.out.printf(Locale.ROOT, "median CPU ms per gradient step: naive %.1f, faster %.1f, ratio %.2f"
                + " (critic inputs %d)%n", a, b, a / b, criticIn);
    }

    private static float[] random(SplittableRandom r, int n) {
        float[] x = new float[n];
        for (int k = 0; k < n; k++) {
            x[k] = (float) r.nextDouble();
        }
        return x;
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

}
