package org.offload.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** offload dataset, offload train and run --model, end to end on tiny data. */
class LearnCommandsTest {
    @TempDir
    Path tmp;

    @Test
    void datasetTrainAndRunWithTheTrainedModels() throws Exception {
        Path data = tmp.resolve("data");
        MainTest.Result d = MainTest.offload("dataset", "--out", data.toString(), "--samples", "300", "--episodes",
                "2", "--devices", "100..400", "--duration", "100", "--warmup", "20", "--seed", "3");
        assertEquals(0, d.code(), d.err());
        assertTrue(d.out().contains("300 tier rows"), d.out());
        assertTrue(Files.exists(data.resolve("tier.csv")), data.resolve("tier.csv") + " is missing");
        assertTrue(Files.exists(data.resolve("vm.csv")), data.resolve("vm.csv") + " is missing");

        Path tier = tmp.resolve("models/tier.mlp");
        MainTest.Result t = MainTest.offload("train", "tier-nn", "--data", data.toString(), "--labels", "oracle",
                "--out", tier.toString(), "--epochs", "2", "--no-chart");
        assertEquals(0, t.code(), t.err());
        assertTrue(t.out().contains("Validation accuracy"), t.out());
        assertTrue(Files.exists(tmp.resolve("models/tier-curve.csv")),
                tmp.resolve("models/tier-curve.csv") + " is missing");

        Path vm = tmp.resolve("models/vm.mlp");
        MainTest.Result v = MainTest.offload("train", "vm-nn", "--data", data.toString(), "--out", vm.toString(),
                "--epochs", "1", "--hidden", "8", "--no-chart");
        assertEquals(0, v.code(), v.err());

        MainTest.Result r = MainTest.run(tmp.resolve("run"), "--policy", "dl-tier", "--model", tier.toString(),
                "--model", vm.toString(), "--policy-option", "batch_window_s=0.05");
        assertTrue(r.out().contains("dl-tier"), r.out());
    }

    @Test
    void badArgumentsExit2() {
        assertEquals(2, MainTest.offload("train", "tier-nn", "--data", tmp.toString(), "--out",
                tmp.resolve("x.mlp").toString()).code(), "tier-nn needs --labels");
        assertEquals(2, MainTest.offload("train", "nope", "--data", tmp.toString(), "--labels", "expert", "--out",
                tmp.resolve("x.mlp").toString()).code());
        assertEquals(2, MainTest.offload("train", "tier-nn", "--data", tmp.toString(), "--labels", "expert",
                "--out", tmp.resolve("x.mlp").toString()).code(), "no tier.csv there");
        assertEquals(2, MainTest.offload("dataset", "--out", tmp.toString(), "--devices", "9..3").code());
        assertEquals(2, MainTest.offload("run", "--policy", "dl-tier", "--model",
                tmp.resolve("missing.mlp").toString()).code());
    }

    @Test
    void aMalformedOrTooSmallDatasetIsAUsageErrorNamingFileAndLine() throws Exception {
        Path data = Files.createDirectories(tmp.resolve("bad"));
        List<String> header = org.offload.learn.DatasetGenerator.tierHeader();
        String row = String.join(",", java.util.Collections.nCopies(header.size(), "0"));
        Path csv = data.resolve("tier.csv");
        Files.write(csv, List.of(String.join(",", header), row, row.replaceFirst("^0,0,0,0", "1,0,0,xyz")));
        MainTest.Result r = MainTest.offload("train", "tier-nn", "--data", data.toString(), "--labels", "expert",
                "--epochs", "1", "--out", tmp.resolve("x.mlp").toString());
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains(csv + ":3: column length_gi (4): 'xyz' is not a number"), r.err());
        assertFalse(r.err().contains("internal error"), r.err());

        Files.write(csv, List.of(String.join(",", header), row, row.replaceFirst("^0", "1")));
        r = MainTest.offload("train", "tier-nn", "--data", data.toString(), "--labels", "expert",
                "--epochs", "1", "--out", tmp.resolve("x.mlp").toString());
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("2 rows in 2 decisions: holding out 20% of the decisions leaves no rows to"
                + " validate on"), r.err());
        assertFalse(Files.exists(tmp.resolve("x.mlp")), "no model written");
    }

    @Test
    void trainHelpShowsNetDataAndOutAsRequired() {
        MainTest.Result r = MainTest.offload("train", "--help");
        assertEquals(0, r.code(), r.err());
        String usage = r.out().substring(0, r.out().indexOf("Train a dl-tier network"));
        assertTrue(usage.contains("offload train NET --data=DIR -o=FILE "), usage);
        assertFalse(usage.contains("[-o=FILE]") || usage.contains("[--data=DIR]"), usage);
        assertTrue(usage.contains("offload train aigc"), usage);
        assertTrue(r.out().contains("Model file to write (required)"), r.out());
        assertEquals(0, MainTest.offload("train", "aigc", "--help").code(), "the subcommand needs none of them");
    }

    @Test
    void datasetChecksEveryArgumentBeforeCreatingTheOutputDirectory() {
        for (String bad : List.of("NaN", "Infinity")) {
            Path out = tmp.resolve("q-" + bad);
            MainTest.Result r = MainTest.offload("dataset", "--out", out.toString(), "--samples", "20", "--episodes",
                    "2", "--devices", "50..60", "--duration", bad, "--warmup", "10");
            assertEquals(2, r.code(), r.err());
            assertTrue(r.err().contains("--duration: expected a finite number of seconds > 0, got '" + bad + "'"),
                    r.err());
            assertFalse(Files.exists(out), bad + ": nothing written");
        }
    }

    @Test
    void datasetWithNoTierRowsFailsAndLeavesNoDirectoryAndFewerRowsThanAskedWarns() {
        Path out = tmp.resolve("w");
        MainTest.Result r = MainTest.offload("dataset", "--out", out.toString(), "--samples", "20", "--episodes", "2",
                "--devices", "50..60", "--duration", "100", "--warmup", "99.99");
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("no tier rows recorded in 2 episodes"), r.err());
        assertFalse(Files.exists(out), "no output directory");

        out = tmp.resolve("x");
        r = MainTest.offload("dataset", "--out", out.toString(), "--samples", "100000", "--episodes", "1",
                "--devices", "50..50", "--duration", "30", "--warmup", "20");
        assertEquals(0, r.code(), r.err());
        List<String> warnings = r.err().lines().filter(l -> l.contains("warning")).toList();
        assertEquals(1, warnings.size(), r.err());
        assertTrue(warnings.get(0).matches("dataset: warning: wrote \\d+ tier rows, fewer than the 100000 asked"
                + " for .*"), warnings.get(0));
        assertTrue(Files.exists(out.resolve("tier.csv")), out.resolve("tier.csv") + " is missing");
    }
}
