package org.offload.learn;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Rows read from a dataset CSV ({@code tier.csv} or {@code vm.csv} of {@link DatasetGenerator}): the named feature
 * columns as floats, one target column, and a group id (the {@code sample} column) that keeps the VM rows of one
 * decision together.
 *
 * @param x       features, one row per sample
 * @param y       target: a class index (as a float) or a regression value
 * @param group   the {@code sample} column
 * @param names   the feature names, in column order
 */
public record TrainingData(float[][] x, float[] y, int[] group, List<String> names) {
    public int rows() {
        return x.length;
    }

    /**
     * Reads {@code features} and {@code target} (and {@code sample}) from {@code csv}, by header name; see
     * {@link #read(Path, List, String, int)}.
     */
    public static TrainingData read(Path csv, List<String> features, String target) throws IOException {
        return read(csv, features, target, 0);
    }

    /**
     * Reads {@code features} and {@code target} (and {@code sample}) from {@code csv}, by header name. With
     * {@code classes > 0} the target is a class index and must be a whole number in {@code [0, classes)}. A missing
     * column, a row with the wrong number of cells, a feature or target that is not a finite number, or a
     * {@code sample} that is not a whole number is a {@link DatasetException} naming the file, line and column.
     */
    public static TrainingData read(Path csv, List<String> features, String target, int classes) throws IOException {
        try (BufferedReader in = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
            String header = in.readLine();
            if (header == null) {
                throw new DatasetException(csv + ": empty file (no header line)");
            }
            List<String> cols = Arrays.asList(header.split(","));
            int[] fi = new int[features.size()];
            for (int i = 0; i < fi.length; i++) {
                fi[i] = column(cols, features.get(i), csv);
            }
            int ti = column(cols, target, csv);
            int gi = column(cols, "sample", csv);
            List<float[]> xs = new ArrayList<>();
            List<Float> ys = new ArrayList<>();
            List<Integer> gs = new ArrayList<>();
            String line;
            int lineNo = 1;
            while ((line = in.readLine()) != null) {
                lineNo++;
                if (line.isBlank()) {
                    continue;
                }
                String[] t = line.split(",", -1);
                if (t.length != cols.size()) {
                    throw new DatasetException(csv + ":" + lineNo + ": " + t.length + " fields, header has "
                            + cols.size());
                }
                String where = csv + ":" + lineNo;
                float[] row = new float[fi.length];
                for (int i = 0; i < fi.length; i++) {
                    row[i] = number(t, fi[i], cols, where);
                }
                float y = number(t, ti, cols, where);
                if (classes > 0 && !(y == Math.rint(y) && y >= 0 && y < classes)) {
                    throw new DatasetException(where + ": column " + target + " (" + (ti + 1) + "): '" + t[ti]
                            + "' is not a class: expected a whole number from 0 to " + (classes - 1));
                }
                xs.add(row);
                ys.add(y);
                try {
                    gs.add(Integer.parseInt(t[gi].trim()));
                } catch (NumberFormatException e) {
                    throw new DatasetException(where + ": column sample (" + (gi + 1) + "): '" + t[gi]
                            + "' is not a whole number");
                }
            }
            float[] y = new float[ys.size()];
            int[] g = new int[gs.size()];
            for (int i = 0; i < y.length; i++) {
                y[i] = ys.get(i);
                g[i] = gs.get(i);
            }
            return new TrainingData(xs.toArray(new float[0][]), y, g, List.copyOf(features));
        }
    }

    /** Cell {@code c} of row {@code t} as a finite float. */
    private static float number(String[] t, int c, List<String> cols, String where) {
        float v;
        try {
            v = Float.parseFloat(t[c]);
        } catch (NumberFormatException e) {
            throw new DatasetException(where + ": column " + cols.get(c) + " (" + (c + 1) + "): '" + t[c]
                    + "' is not a number");
        }
        if (!Float.isFinite(v)) {
            throw new DatasetException(where + ": column " + cols.get(c) + " (" + (c + 1) + "): '" + t[c]
                    + "' is not a finite number (NaN and Infinity cannot be trained on)");
        }
        return v;
    }

    private static int column(List<String> cols, String name, Path csv) {
        int i = cols.indexOf(name);
        if (i < 0) {
            throw new DatasetException(csv + ": no column '" + name + "' (columns: " + String.join(", ", cols) + ")");
        }
        return i;
    }
}
