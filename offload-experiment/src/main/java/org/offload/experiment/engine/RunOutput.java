package org.offload.experiment.engine;

import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * What one run produced, as values rather than side effects so that any executor (a thread pool here, a cluster
 * later) can hand it back to the driver: its files by path relative to the run's folder, written by the engine in
 * the order given (the summary last: its presence marks a finished run), and the value of every metric of the
 * study, in the study's metric order (NaN where there is none).
 */
public record RunOutput(Map<String, byte[]> files, double[] values) implements Serializable {
    public RunOutput {
        files = Collections.unmodifiableMap(new LinkedHashMap<>(files));
        values = values.clone();
    }

    @Override
    public double[] values() {
        return values.clone();
    }

    /** Every regular file under {@code dir} (sorted by path), as {@link #files} entries. */
    public static Map<String, byte[]> readTree(Path dir) throws IOException {
        Map<String, byte[]> out = new LinkedHashMap<>();
        List<Path> files;
        try (Stream<Path> walk = Files.walk(dir)) {
            files = walk.filter(Files::isRegularFile).sorted().toList();
        }
        for (Path f : files) {
            out.put(dir.relativize(f).toString().replace('\\', '/'), Files.readAllBytes(f));
        }
        return out;
    }
}
