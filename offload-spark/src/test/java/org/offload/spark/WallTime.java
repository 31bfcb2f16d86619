package org.offload.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Comparing two engines' tables: everything but the columns that measure wall time. */
public final class WallTime {
    private WallTime() {
    }

    /** The CSV text without the columns whose header names wall time ({@code wall_time_s}, AIGC {@code train_seconds}). */
    public static String withoutWallColumns(String csv) {
        List<String> lines = csv.lines().toList();
        String[] header = lines.get(0).split(",", -1);
        List<Integer> keep = new ArrayList<>();
        for (int i = 0; i < header.length; i++) {
            if (!header[i].contains("wall") && !header[i].contains("train_seconds")) {
                keep.add(i);
            }
        }
        assertTrue(keep.size() < header.length, "a wall-time column: " + Arrays.toString(header));
        StringBuilder b = new StringBuilder();
        for (String l : lines) {
            String[] cells = l.split(",", -1);
            assertEquals(header.length, cells.length, "quoted commas are not expected: " + l);
            b.append(String.join(",", keep.stream().map(i -> cells[i]).toList())).append('\n');
        }
        return b.toString();
    }

}
