package org.offload.profile;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.offload.io.AtomicFiles;
import org.offload.profile.measure.ImageCost;
import org.offload.profile.measure.ProfileRow;

/**
 * A profile data set on disk: {@value #PROFILE_CSV} (one {@link ProfileRow} per configuration and hardware
 * profile), {@value #PREPROCESS_CSV} (image decode and preprocessing, {@link ImageCost}) and {@value #METADATA}
 * (machine, libraries, grid, load average, energy source, notes). A small data set measured on the development
 * machine ships as a class-path resource ({@link #BUNDLED_DIR}).
 */
public final class ProfileDataset {
    public static final String PROFILE_CSV = "profile.csv";
    public static final String PREPROCESS_CSV = "preprocess.csv";
    public static final String METADATA = "metadata.json";
    /** Class-path folder of the shipped data set. */
    public static final String BUNDLED_DIR = "org/offload/profile/data/";

    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final List<ProfileRow> rows;
    private final JsonNode metadata;

    public ProfileDataset(List<ProfileRow> rows, JsonNode metadata) {
        this.rows = List.copyOf(rows);
        this.metadata = metadata;
    }

    public List<ProfileRow> rows() {
        return rows;
    }

    public JsonNode metadata() {
        return metadata;
    }

    /** The inference rows. */
    public List<ProfileRow> inference() {
        return rows.stream().filter(ProfileRow::inference).toList();
    }

    public static void write(Path dir, List<ProfileRow> rows, List<ImageCost.Row> images, ObjectNode metadata)
            throws IOException {
        Files.createDirectories(dir);
        AtomicFiles.write(dir.resolve(PROFILE_CSV), out -> {
            out.write(String.join(",", ProfileRow.COLUMNS) + "\n");
            for (ProfileRow r : rows) {
                out.write(r.toCsv() + "\n");
            }
        });
        AtomicFiles.write(dir.resolve(PREPROCESS_CSV), out -> {
            out.write(String.join(",", ImageCost.Row.COLUMNS) + "\n");
            for (ImageCost.Row r : images) {
                out.write(r.toCsv() + "\n");
            }
        });
        AtomicFiles.write(dir.resolve(METADATA), out -> out.write(JSON.writeValueAsString(metadata) + "\n"));
    }

    /** Reads a data set directory (metadata optional). */
    public static ProfileDataset read(Path dir) throws IOException {
        List<ProfileRow> rows;
        try (Reader r = Files.newBufferedReader(dir.resolve(PROFILE_CSV), StandardCharsets.UTF_8)) {
            rows = readRows(r, dir.resolve(PROFILE_CSV).toString());
        }
        Path meta = dir.resolve(METADATA);
        return new ProfileDataset(rows, Files.exists(meta) ? JSON.readTree(meta.toFile()) : JSON.createObjectNode());
    }

    /** The data set that ships with the module (measured on the development machine). */
    public static ProfileDataset bundled() {
        ClassLoader cl = ProfileDataset.class.getClassLoader();
        try (InputStream csv = cl.getResourceAsStream(BUNDLED_DIR + PROFILE_CSV);
             InputStream meta = cl.getResourceAsStream(BUNDLED_DIR + METADATA)) {
            if (csv == null) {
                throw new IllegalStateException("the bundled profile data set " + BUNDLED_DIR + PROFILE_CSV + " is missing");
            }
            List<ProfileRow> rows = readRows(new InputStreamReader(csv, StandardCharsets.UTF_8), BUNDLED_DIR + PROFILE_CSV);
            return new ProfileDataset(rows, meta == null ? JSON.createObjectNode() : JSON.readTree(meta));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<ProfileRow> readRows(Reader in, String label) throws IOException {
        BufferedReader r = new BufferedReader(in);
        String header = r.readLine();
        if (header == null || !header.equals(String.join(",", ProfileRow.COLUMNS))) {
            throw new IOException(label + ": not a profile CSV (header should be " + String.join(",", ProfileRow.COLUMNS)
                    + ")");
        }
        List<ProfileRow> rows = new ArrayList<>();
        String line;
        int n = 1;
        while ((line = r.readLine()) != null) {
            n++;
            if (line.isBlank()) {
                continue;
            }
            try {
                rows.add(ProfileRow.fromCsv(line));
            } catch (RuntimeException e) {
                throw new IOException(label + ":" + n + ": " + e.getMessage(), e);
            }
        }
        return rows;
    }
}
