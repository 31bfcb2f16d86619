package org.offload.learn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.offload.policy.learned.TierFeatures;

/** Malformed or too small datasets are reported as bad input with file, line and column, before any training. */
class TrainingDataTest {
    @TempDir
    Path tmp;

    /** A tier.csv row: sample {@code s}, every feature 1, expert label {@code label}. */
    static String tierRow(int s, String label) {
        List<String> cells = new ArrayList<>(List.of(Integer.toString(s), "0", "1.0"));
        cells.addAll(Collections.nCopies(TierFeatures.NAMES.size(), "1.0"));
        cells.addAll(List.of(label, "1", "0", "0", "1", "1", "1", "1"));
        return String.join(",", cells);
    }

    /** {@code dir/tier.csv} with the header and {@code rows}. */
    Path tierCsv(String dir, List<String> rows) throws IOException {
        Path d = Files.createDirectories(tmp.resolve(dir));
        List<String> lines = new ArrayList<>(List.of(String.join(",", DatasetGenerator.tierHeader())));
        lines.addAll(rows);
        Files.write(d.resolve(DatasetGenerator.TIER_FILE), lines);
        return d;
    }

    private String error(Path dir) {
        return assertThrows(DatasetException.class,
                () -> Trainer.trainTier(dir, "expert", Trainer.Options.tier().withEpochs(1), null)).getMessage();
    }

    @Test
    void malformedCellsNameTheFileLineAndColumn() throws IOException {
        int col = DatasetGenerator.tierHeader().indexOf("length_gi") + 1;
        String bad = tierRow(1, "0").replaceFirst("^1,0,1\\.0,1\\.0", "1,0,1.0,xyz");
        Path d = tierCsv("nonnum", List.of(tierRow(0, "0"), bad));
        String csv = d.resolve(DatasetGenerator.TIER_FILE).toString();
        assertEquals(csv + ":3: column length_gi (" + col + "): 'xyz' is not a number", error(d));

        d = tierCsv("nan", List.of(tierRow(0, "0"), bad.replace("xyz", "NaN")));
        assertTrue(error(d).contains(":3: column length_gi (" + col + "): 'NaN' is not a finite number"), error(d));

        int label = DatasetGenerator.tierHeader().indexOf("expert") + 1;
        d = tierCsv("label", List.of(tierRow(0, "0"), tierRow(1, "7")));
        assertTrue(error(d).endsWith(":3: column expert (" + label + "): '7' is not a class: expected a whole number"
                + " from 0 to 3"), error(d));
        d = tierCsv("fraction", List.of(tierRow(0, "1.5")));
        assertTrue(error(d).contains(":2: column expert"), error(d));

        d = tierCsv("short", List.of(tierRow(0, "0"), "0,1,2"));
        assertTrue(error(d).contains(csv.replace("nonnum", "short") + ":3: 3 fields, header has "), error(d));

        Path missing = Files.createDirectories(tmp.resolve("missing"));
        Files.writeString(missing.resolve(DatasetGenerator.TIER_FILE), "sample,episode\n0,0\n");
        assertTrue(error(missing).contains("no column 'length_gi'"), error(missing));
        Files.writeString(missing.resolve(DatasetGenerator.TIER_FILE), "");
        assertTrue(error(missing).contains("empty file"), error(missing));
    }

    @Test
    void tooFewRowsOrNothingHeldOutIsADatasetErrorSayingWhy() throws IOException {
        Path d = tierCsv("empty", List.of());
        String e = error(d);
        assertTrue(e.startsWith(d.resolve(DatasetGenerator.TIER_FILE) + ": no data rows"), e);
        assertTrue(error(tierCsv("one", List.of(tierRow(0, "0")))).contains("1 data row; training needs at least 2"),
                error(tierCsv("one", List.of(tierRow(0, "0")))));
        // 2 decisions: 20% of them rounds to none held out
        e = error(tierCsv("two", List.of(tierRow(0, "0"), tierRow(1, "1"))));
        assertTrue(e.contains("2 rows in 2 decisions: holding out 20% of the decisions leaves no rows to validate"
                + " on; generate more samples (at least 3 decisions"), e);
    }

    @Test
    void vmNetworkWithNoHeldOutDecisionToScoreIsADatasetError() throws IOException {
        Path d = Files.createDirectories(tmp.resolve("vm"));
        List<String> lines = new ArrayList<>(List.of(String.join(",", DatasetGenerator.vmHeader())));
        for (int s = 0; s < 10; s++) {
            List<String> cells = new ArrayList<>(List.of(Integer.toString(s), "0", "0", "0"));
            cells.addAll(Collections.nCopies(TierFeatures.VM_NAMES.size(), Integer.toString(s)));
            cells.addAll(List.of("1", "0.1", "1", "0.5")); // one admitting VM per decision: nothing to rank
            lines.add(String.join(",", cells));
        }
        Files.write(d.resolve(DatasetGenerator.VM_FILE), lines);
        String e = assertThrows(DatasetException.class,
                () -> Trainer.trainVm(d, Trainer.Options.vm().withEpochs(1), null)).getMessage();
        assertTrue(e.startsWith(d.resolve(DatasetGenerator.VM_FILE) + ": 10 rows in 10 decisions: the 2 rows held"
                + " out (20% of the decisions) have no decision with two VMs"), e);
    }
}
