package org.offload.aigc.learn;

import org.offload.learn.Djl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.offload.aigc.ActionLayout;
import org.offload.aigc.AgentKind;
import org.offload.aigc.AigcAction;
import org.offload.aigc.AigcScenario;
import org.offload.aigc.AigcScenarioLoader;
import org.offload.aigc.AigcTraining;
import org.offload.aigc.Checkpoint;
import org.offload.aigc.TrainConfig;
import org.offload.policy.learned.Mlp;
import org.offload.policy.learned.MlpFormat;

/** DJL training: the exported actors match DJL's forward pass, training is reproducible and learns. */
@Tag("slow")
class TrainingTest {
    private static final String SCENARIO = """
            kind: aigc
            slots_per_episode: 10
            area_m: [200, 200]
            model_count: 3
            devices: {count: 4, cpu_ghz: [0.5, 1.5], kappa: 1.0e-27, transmit_w: 0.2}
            edge: {servers: 2, cpu_ghz: 7, cache: {capacity_models: 1}, download_power_w: 2}
            cloud: {cpu_ghz: 40, edge_to_cloud_mbps: 100, cloud_to_edge_mbps: 500, propagation_s: 0.05}
            radio: {bandwidth_mhz: 10, noise_dbm_per_hz: -174, path_loss_db_at_1m: 30, path_loss_exponent: 3}
            reward: {latency_weight: 0.5, energy_weight: 0.5, energy_ref_j: 5, deadline_penalty: 1, shared_weight: 0.5}
            task_types:
              - {name: a, model: {name: ma, size_mb: 120}, data_mb: [0.5, 1.5], cycles_per_bit: 300, deadline_s: [2, 3]}
              - {name: b, model: {name: mb, size_mb: 90}, data_mb: [0.3, 1.0], cycles_per_bit: 400, deadline_s: [1.5, 2.5]}
              - {name: c, model: {name: mc, size_mb: 250}, data_mb: [1.0, 2.5], cycles_per_bit: 250, deadline_s: [2.5, 4]}
            """;

    /** A tiny configuration: {@code episodes} episodes, small networks, batch and buffer. */
    static TrainConfig tiny(int episodes) {
        return AigcTraining.defaults().with(Map.of("episodes", Integer.toString(episodes), "buffer", "200",
                "batch", "16", "hidden", "16", "update_every", "1", "warmup", "20", "eval_every", "2",
                "eval_episodes", "1"));
    }

    /** The small scenario (4 devices, 2 servers, 3 models, 10-slot episodes); LearningTest trains on it too. */
    static AigcScenario scenario() {
        return new AigcScenarioLoader().parse(SCENARIO, "test.yaml", List.of());
    }

    @BeforeAll
    static void djl() {
        Djl.configure();
    }

    @Test
    void pureJavaForwardMatchesDjl() {
        SplittableRandom r = new SplittableRandom(3);
        try (NDManager m = NDManager.newBaseManager();
             BatchedMlp net = new BatchedMlp(m, "t", 3, 5, 16, 4, false, new SplittableRandom(9), true)) {
            float[] x = new float[3 * 2 * 5];
            for (int k = 0; k < x.length; k++) {
                x[k] = (float) (r.nextDouble() * 4 - 2);
            }
            NDArray in = m.create(x, new Shape(3, 2, 5));
            float[] djl = net.forward(in).toFloatArray();
            List<String> names = List.of("a", "b", "c", "d", "e");
            for (int a = 0; a < 3; a++) {
                Mlp mlp = net.toMlp(a, "t" + a, Map.of(), names, List.of("o0", "o1", "o2", "o3"));
                Mlp reread = MlpFormat.parse(MlpFormat.toText(mlp), "t");
                for (int b = 0; b < 2; b++) {
                    float[] xi = java.util.Arrays.copyOfRange(x, (a * 2 + b) * 5, (a * 2 + b + 1) * 5);
                    float[] java = reread.runner().run(xi);
                    for (int o = 0; o < 4; o++) {
                        assertEquals(djl[(a * 2 + b) * 4 + o], java[o], 1e-5);
                    }
                }
            }
        }
    }

    @Test
    void trainingIsReproducible(@TempDir Path dir) throws Exception {
        AigcScenario s = scenario();
        TrainConfig c = tiny(4);
        for (AgentKind kind : AgentKind.values()) {
            Checkpoint a = new MaddpgTrainer(s, kind, c, 5).train(null).checkpoint();
            Checkpoint b = new MaddpgTrainer(s, kind, c, 5).train(null).checkpoint();
            for (int k = 0; k < a.actors().size(); k++) {
                assertEquals(MlpFormat.toText(a.actors().get(k)), MlpFormat.toText(b.actors().get(k)), kind.id());
            }
            a.save(dir.resolve(kind.id()));
            Checkpoint back = Checkpoint.load(dir.resolve(kind.id()));
            assertEquals(kind, back.kind());
            assertEquals(MlpFormat.toText(a.actors().get(0)), MlpFormat.toText(back.actors().get(0)));
            back.requireCompatible(s);
        }
    }

    /**
     * A garbage collection between a forward pass and its backward pass must not change a training (it did when the
     * losses' constants were DJL {@code Number} operands, whose memory the collector frees: {@code Djl#constant}).
     * Without the fix, 10 such trainings in one JVM gave 7 to 9 different checkpoints.
     */
    @Test
    void trainingIsReproducibleWhileTheGarbageCollectorRuns() throws Exception {
        AigcScenario s = scenario();
        TrainConfig c = tiny(4);
        String quiet = actorsText(new MaddpgTrainer(s, AgentKind.MADDPG_NOMODEL, c, 5).train(null).checkpoint());
        Thread collector = new Thread(() -> {
            while (true) {
                System.gc();
                try {
                    Thread.sleep(2);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "gc-every-2ms");
        collector.setDaemon(true);
        collector.start();
        try {
            for (int k = 0; k < 2; k++) {
                Checkpoint cp = new MaddpgTrainer(s, AgentKind.MADDPG_NOMODEL, c, 5).train(null).checkpoint();
                assertEquals(quiet, actorsText(cp), "training " + k + " with a GC every 2 ms");
            }
        } finally {
            collector.interrupt();
            collector.join();
        }
    }

    private static String actorsText(Checkpoint cp) {
        StringBuilder b = new StringBuilder();
        for (Mlp actor : cp.actors()) {
            b.append(MlpFormat.toText(actor));
        }
        return b.toString();
    }

    @Test
    void savingOverABiggerCheckpointLeavesNoStaleActors(@TempDir Path dir) throws Exception {
        AigcScenario s = scenario();
        TrainConfig c = tiny(2);
        Checkpoint many = new MaddpgTrainer(s, AgentKind.MADDPG_MATO, c, 5).train(null).checkpoint();
        Checkpoint one = new MaddpgTrainer(s, AgentKind.SADDPG, c, 5).train(null).checkpoint();
        assertTrue(many.actors().size() > one.actors().size(), "the test needs two actor counts");
        many.save(dir);
        one.save(dir);
        List<String> actors;
        try (java.util.stream.Stream<Path> files = java.nio.file.Files.list(dir)) {
            actors = files.map(f -> f.getFileName().toString()).filter(n -> n.startsWith("actor-")).sorted().toList();
        }
        assertEquals(one.actors().size(), actors.size(), actors.toString());
        assertEquals(AgentKind.SADDPG, Checkpoint.load(dir).kind());
    }

    @Test
    void decodeMapsScoresToActions() {
        // 2 servers: targets edge0, edge1, cloud; 3 ratio levels 0, 0.5, 1; download no/yes.
        float[] a = {0.1f, 0.9f, 0.2f, /* ratio */ 0.7f, 0.1f, 0.6f, /* download */ 0.2f, 0.3f};
        ActionLayout mato = AgentKind.MADDPG_MATO.layout(2, 3);
        assertEquals(new AigcAction(1, 0.0, true), mato.decode(a, 0));
        assertEquals(new AigcAction(1, 0.0, true), AgentKind.MADDPG_NOMODEL.layout(2, 3).decode(a, 0));
        assertEquals(new AigcAction(1, 0.0, false), AgentKind.MADDPG_MATO_NODL.layout(2, 3).decode(a, 0));
        assertArrayEquals(new int[] {8, 6}, new int[] {mato.size(), AgentKind.MADDPG_NOMODEL.layout(2, 3).size()});
        float[] oneHot = new float[8];
        mato.encode(new AigcAction(2, 0.5, true), oneHot, 0);
        assertArrayEquals(new float[] {0, 0, 1, 0, 1, 0, 0, 1}, oneHot);
    }
}
