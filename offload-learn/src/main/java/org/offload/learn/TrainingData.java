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

    /** Reads {@code features} and {@code target} (and {@code sample}) from {@code csv}, by header name. */
    public static TrainingData read(Path csv, List<String> features, String target) throws IOException {
        try (BufferedReader in = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
            String header = in.readLine();
            if (header == null) {
                throw new IOException(csv + ": empty file");
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
                    throw new IOException(csv + ":" + lineNo + ": " + t.length + " fields, header has " + cols.size());
                }
                float[] row = new float[fi.length];
                for (int i = 0; i < fi.length; i++) {
                    row[i] = Float.parseFloat(t[fi[i]]);
                }
                xs.add(row);
                ys.add(Float.parseFloat(t[ti]));
                gs.add(Integer.parseInt(t[gi]));
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

    private static int column(List<String> cols, String name, Path csv) throws IOException {
        int i = cols.indexOf(name);
        if (i < 0) {
            throw new IOException(csv + ": no column '" + name + "' (columns: " + String.join(", ", cols) + ")");
        }
        return i;
    }
}
