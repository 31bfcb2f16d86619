package org.offload.aigc.learn;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.offload.aigc.AgentKind;
import org.offload.aigc.AigcScenario;
import org.offload.aigc.Checkpoint;
import org.offload.policy.learned.Mlp;
import org.offload.policy.learned.MlpFormat;

/**
 * Trains the same configuration (TrainingTest's scenario and tiny configuration, seed 5) several times in one JVM
 * and prints a hash of each checkpoint's actors and the number of distinct results; optionally with a thread that
 * calls {@code System.gc()} every few milliseconds, which makes a GC between a forward pass and its backward pass
 * likely (the cause of the nondeterminism {@code Djl#constant} fixed). Not a test; run by hand, see docs/aigc.md:
 * {@code java -cp <test class path> org.offload.aigc.learn.ReproducibilityCheck REPEATS AGENT EPISODES [GC_MS]}.
 */
public final class ReproducibilityCheck {
    private ReproducibilityCheck() {
    }

    public static void main(String[] args) {
        int repeats = Integer.parseInt(args[0]);
        AgentKind kind = AgentKind.byId(args[1]);
        int episodes = Integer.parseInt(args[2]);
        long gcMillis = args.length > 3 ? Long.parseLong(args[3]) : 0;
        if (gcMillis > 0) {
            Thread collector = new Thread(() -> {
                while (true) {
                    System.gc();
                    try {
                        Thread.sleep(gcMillis);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "gc-every-" + gcMillis + "ms");
            collector.setDaemon(true);
            collector.start();
        }
        AigcScenario s = TrainingTest.scenario();
        Map<String, Integer> counts = new TreeMap<>();
        for (int r = 0; r < repeats; r++) {
            Checkpoint cp = new MaddpgTrainer(s, kind, TrainingTest.tiny(episodes), 5).train(null).checkpoint();
            StringBuilder text = new StringBuilder();
            for (Mlp actor : cp.actors()) {
                text.append(MlpFormat.toText(actor));
            }
            String hash = String.format(Locale.ROOT, "%08x", text.toString().hashCode());
            counts.merge(hash, 1, Integer::sum);
            System.out.println("training " + r + ": " + hash);
        }
        System.out.println("distinct checkpoints: " + counts.size() + " in " + repeats + " trainings " + counts);
    }
}
