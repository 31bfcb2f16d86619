package org.offload.learn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.offload.io.ScenarioLoader;
import org.offload.policy.PolicyContext;
import org.offload.policy.learned.DlTierPolicy;
import org.offload.policy.learned.ExpertLabeler;
import org.offload.policy.learned.Mlp;
import org.offload.policy.learned.MlpFormat;
import org.offload.policy.learned.TierFeatures;
import org.offload.scenario.Scenario;
import org.offload.sim.OffloadSimulation;

/** Dataset generation and training on small data: deterministic, consistent, usable by the policy. */
@Tag("slow")
class LearnPipelineTest {
    @TempDir
    static Path tmp;

    static Scenario base;
    static DatasetGenerator.Options small;
    static Path data;

    @BeforeAll
    static void generate() throws IOException {
        base = new ScenarioLoader().loadDefault(List.of());
        small = DatasetGenerator.Options.defaults().withSamples(600).withEpisodes(3).withDevices(100, 800)
                .withDuration(120, 30).withSeed(5);
        data = tmp.resolve("data");
        DatasetGenerator.generate(base, small, data, null);
    }

    @Test
    void theSameSeedWritesTheSameDataset() throws IOException {
        Path again = tmp.resolve("again");
        DatasetGenerator.Summary s = DatasetGenerator.generate(base, small, again, null);
        assertEquals(600, s.tierRows());
        for (String f : List.of(DatasetGenerator.TIER_FILE, DatasetGenerator.VM_FILE, DatasetGenerator.EPISODES_FILE)) {
            assertArrayEquals(Files.readAllBytes(data.resolve(f)), Files.readAllBytes(again.resolve(f)), f);
        }
        Path other = tmp.resolve("other");
        DatasetGenerator.generate(base, small.withSeed(6), other, null);
        assertNotEquals(Files.readString(data.resolve(DatasetGenerator.TIER_FILE)),
                Files.readString(other.resolve(DatasetGenerator.TIER_FILE)), "another seed gives another dataset");
    }

    @Test
    void rowsCarryTheFeaturesAndConsistentLabels() throws IOException {
        List<String> lines = Files.readAllLines(data.resolve(DatasetGenerator.TIER_FILE));
        assertEquals(String.join(",", DatasetGenerator.tierHeader()), lines.get(0));
        assertEquals(601, lines.size());
        List<String> header = DatasetGenerator.tierHeader();
        int f0 = header.indexOf(TierFeatures.NAMES.get(0));
        int expert = header.indexOf("expert");
        int covered = header.indexOf("expert_covered");
        int oracle = header.indexOf("oracle");
        int level = header.indexOf("oracle_level");
        for (String line : lines.subList(1, lines.size())) {
            String[] t = line.split(",");
            float[] x = new float[TierFeatures.NAMES.size()];
            for (int i = 0; i < x.length; i++) {
                x[i] = Float.parseFloat(t[f0 + i]);
            }
            assertEquals(ExpertLabeler.label(x), Integer.parseInt(t[expert]), line);
            assertEquals(ExpertLabeler.covered(x) ? 1 : 0, Integer.parseInt(t[covered]), line);
            int o = Integer.parseInt(t[oracle]);
            assertTrue(o >= 0 && o < TierFeatures.TIERS, line);
            assertTrue(Integer.parseInt(t[level]) >= 0 && Integer.parseInt(t[level]) <= 2, line);
        }
        List<String> vm = Files.readAllLines(data.resolve(DatasetGenerator.VM_FILE));
        assertEquals(String.join(",", DatasetGenerator.vmHeader()), vm.get(0));
        assertTrue(vm.size() > 100, "VM rows: " + vm.size());
        int target = DatasetGenerator.vmHeader().indexOf("target");
        int admits = DatasetGenerator.vmHeader().indexOf("admits");
        for (String line : vm.subList(1, vm.size())) {
            String[] t = line.split(",");
            double y = Double.parseDouble(t[target]);
            assertTrue(y >= 0 && y <= 1, line);
            if (t[admits].equals("0")) {
                assertEquals(0.0, y, line);
            }
        }
    }

    @Test
    void trainingTwiceWithTheSameSeedExportsTheSameWeights() throws IOException {
        Trainer.Options o = Trainer.Options.tier().withEpochs(3).withSeed(9);
        Trainer.Result a = Trainer.trainTier(data, "oracle", o, null);
        Trainer.Result b = Trainer.trainTier(data, "oracle", o, null);
        assertEquals(MlpFormat.toText(a.model()), MlpFormat.toText(b.model()));
        assertEquals(3, a.curve().size());
        assertEquals(480, a.trainRows());
        Trainer.Result c = Trainer.trainTier(data, "oracle", o.withSeed(10), null);
        assertNotEquals(MlpFormat.toText(a.model()), MlpFormat.toText(c.model()), "another seed gives other weights");

        Trainer.Result v1 = Trainer.trainVm(data, Trainer.Options.vm().withEpochs(2), null);
        Trainer.Result v2 = Trainer.trainVm(data, Trainer.Options.vm().withEpochs(2), null);
        assertEquals(MlpFormat.toText(v1.model()), MlpFormat.toText(v2.model()));
    }

    /**
     * The reproducibility the trainer guarantees holds for one PyTorch intra-op thread: with two, same-seed vm-nn
     * trainings differed by up to 9e-4 (1 run in 20). Training therefore sets one thread itself, whatever the process
     * set before; here an earlier caller set two.
     */
    @Test
    void trainingRunsOnOneThreadWhateverTheProcessSetBefore() throws IOException {
        Trainer.Result reference = Trainer.trainVm(data, Trainer.Options.vm().withEpochs(2), null);
        Djl.setThreads(2);
        List<Integer> threadsSeen = new ArrayList<>();
        Trainer.Result r = Trainer.trainVm(data, Trainer.Options.vm().withEpochs(2), m -> threadsSeen.add(Djl.threads()));
        assertFalse(threadsSeen.isEmpty());
        assertEquals(List.of(1), threadsSeen.stream().distinct().toList(), "PyTorch threads during training");
        assertEquals(MlpFormat.toText(reference.model()), MlpFormat.toText(r.model()));
    }

    /**
     * Learning, not the label distribution: on held-out decisions the tier network picks the oracle's tier (the one
     * with the lowest estimated service time, a function of 25 features) far more often than always answering the
     * most frequent class of the training rows (right for 43% of the held-out ones); an untrained network of the same
     * shape stays below. Measured on this data set: 82.5% after 20 epochs against a 71.7% threshold; untrained 13-38%
     * (seeds 9-11).
     */
    @Test
    void theTierNetworkLearnsTheOracleLabelsBeyondTheMostFrequentClass() throws IOException {
        Trainer.Result r = Trainer.trainTier(data, "oracle", Trainer.Options.tier().withEpochs(20).withSeed(9), null);
        double target = r.baseline() + 0.5 * (1 - r.baseline());
        assertTrue(r.baseline() > 0.4 && r.baseline() < 0.6, "most frequent class " + r.baseline());
        assertTrue(r.validationMetric() > target, "validation accuracy " + r.validationMetric()
                + ", most frequent class " + r.baseline() + ": learning must halve its error (> " + target + ")");
        Trainer.Result untrained = Trainer.trainTier(data, "oracle",
                Trainer.Options.tier().withEpochs(1).withSeed(9).withLearningRate(1e-12f), null);
        assertTrue(untrained.validationMetric() < target, "the threshold is one an untrained network misses: "
                + untrained.validationMetric());
    }

    @Test
    void trainedModelsRunInTheSimulatorAndTheCurveIsWritten() throws IOException {
        Trainer.Result tier = Trainer.trainTier(data, "expert", Trainer.Options.tier().withEpochs(2), null);
        Trainer.Result vm = Trainer.trainVm(data, Trainer.Options.vm().withEpochs(2), null);
        Path tf = tmp.resolve("tier.mlp");
        Path vf = tmp.resolve("vm.mlp");
        MlpFormat.save(tier.model(), tf);
        MlpFormat.save(vm.model(), vf);
        assertEquals("expert", MlpFormat.load(tf).meta().get("labels"));
        LearningCurve.write(tier, tmp.resolve("curve.csv"), tmp.resolve("curve.png"));
        assertEquals(3, Files.readAllLines(tmp.resolve("curve.csv")).size());
        assertTrue(Files.size(tmp.resolve("curve.png")) > 1000,
                tmp.resolve("curve.png") + " has " + Files.size(tmp.resolve("curve.png")) + " bytes");

        Scenario s = base.withDevices(100).withDuration(120, 20).withPolicy("dl-tier");
        var policy = DlTierPolicy.create(new PolicyContext(s, new SplittableRandom(1),
                Map.of("model", tf + java.io.File.pathSeparator + vf)), DlTierPolicy.TIER_EXPERT_RESOURCE);
        var r = OffloadSimulation.builder(s).policy("dl-tier", policy).build().run();
        assertTrue(r.overall().completed() > 0, "r.overall().completed() = " + r.overall().completed());
    }

    @Test
    void aRunThatRecordsNoTierRowsFailsAndLeavesNothingBehind() throws IOException {
        DatasetGenerator.Options none = DatasetGenerator.Options.defaults().withSamples(20).withEpisodes(2)
                .withDevices(50, 60).withDuration(100, 99.99).withSeed(5);
        Path fresh = tmp.resolve("made/deeper");
        DatasetException e = assertThrows(DatasetException.class,
                () -> DatasetGenerator.generate(base, none, fresh, null));
        assertTrue(e.getMessage().startsWith("no tier rows recorded in 2 episodes"), e.getMessage());
        assertTrue(e.getMessage().contains("shorten --warmup or lengthen --duration"), e.getMessage());
        assertFalse(Files.exists(tmp.resolve("made")), "directories it created are removed");

        // an existing dataset is left as it was
        Path existing = tmp.resolve("existing");
        Files.createDirectories(existing);
        Files.writeString(existing.resolve(DatasetGenerator.TIER_FILE), "old");
        assertThrows(DatasetException.class, () -> DatasetGenerator.generate(base, none, existing, null));
        try (var files = Files.list(existing)) {
            assertEquals(List.of(existing.resolve(DatasetGenerator.TIER_FILE)), files.toList());
        }
        assertEquals("old", Files.readString(existing.resolve(DatasetGenerator.TIER_FILE)));
    }
}
