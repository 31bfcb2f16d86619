package org.offload.aigc.learn;

import org.offload.learn.Djl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.offload.aigc.AgentKind;
import org.offload.aigc.AigcEnv;
import org.offload.aigc.AigcPolicy;
import org.offload.aigc.AigcScenario;
import org.offload.aigc.AigcScenarioLoader;
import org.offload.aigc.Checkpoint;
import org.offload.aigc.EpisodeStats;
import org.offload.aigc.RandomPolicy;
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

    /** Small and fast: the paper's lr, gamma and tau, a small batch and buffer. */
    private static TrainConfig quick(int episodes) {
        return new TrainConfig(episodes, 1e-3, 0.95, 0.01, 5_000, 64, 64, 1, 200, 0.3, 0.02, 0, 1);
    }

    private static AigcScenario scenario() {
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
        TrainConfig c = new TrainConfig(4, 1e-3, 0.95, 0.01, 200, 16, 16, 1, 20, 0.3, 0.02, 2, 1);
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

    @Test
    void savingOverABiggerCheckpointLeavesNoStaleActors(@TempDir Path dir) throws Exception {
        AigcScenario s = scenario();
        TrainConfig c = new TrainConfig(2, 1e-3, 0.95, 0.01, 200, 16, 16, 1, 20, 0.3, 0.02, 2, 1);
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
    void shortTrainingBeatsTheRandomPolicy() {
        AigcScenario s = scenario();
        MaddpgTrainer.Result r = new MaddpgTrainer(s, AgentKind.MADDPG_MATO, quick(60), 1).train(null);
        AigcPolicy learned = r.checkpoint().policy();
        AigcPolicy random = new RandomPolicy();
        AigcEnv env = new AigcEnv(s);
        int n = 20;
        double[] diff = new double[n];
        List<Double> rl = new ArrayList<>();
        List<Double> rr = new ArrayList<>();
        for (int k = 0; k < n; k++) {
            long seed = 10_000 + k;
            double a = EpisodeStats.run(env, learned, seed).reward();
            double b = EpisodeStats.run(env, random, seed).reward();
            diff[k] = a - b;
            rl.add(a);
            rr.add(b);
        }
        double mean = java.util.Arrays.stream(diff).average().orElseThrow();
        double sd = Math.sqrt(java.util.Arrays.stream(diff).map(d -> (d - mean) * (d - mean)).sum() / (n - 1));
        double t = mean / (sd / Math.sqrt(n));
        // Paired over the same 20 episodes: the learned policy's mean reward is higher by a clear margin.
        assertTrue(mean > 0.1 && t > 4, "learned " + rl + " vs random " + rr + ": mean diff " + mean + ", t " + t);
    }

    @Test
    void decodeMapsOutputsToActions() {
        float[] a = {0.1f, 0.9f, 0.2f, 0.7f, 0.6f};
        assertEquals(new org.offload.aigc.AigcAction(1, 0.7f, true), AgentKind.MADDPG_MATO.decode(a, 0, 2));
        assertEquals(new org.offload.aigc.AigcAction(1, 0.7f, true), AgentKind.MADDPG_NOMODEL.decode(a, 0, 2));
        assertArrayEquals(new int[] {5, 4}, new int[] {AgentKind.MADDPG_MATO.actionSize(2),
                AgentKind.MADDPG_NOMODEL.actionSize(2)});
    }
}
