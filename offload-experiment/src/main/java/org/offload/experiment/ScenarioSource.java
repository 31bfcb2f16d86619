package org.offload.experiment;

import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.offload.io.ScenarioFileException;
import org.offload.io.ScenarioLoader;
import org.offload.scenario.Scenario;

/**
 * The text of a sweep's scenario, read once, from which every run's scenario is parsed with its overrides (serialisable:
 * it travels with a sweep's runs to other machines).
 *
 * @param label names the source in messages and in each run's {@code scenario.yaml}
 * @param parseName the name errors are reported under; its base name is the default scenario name
 */
public record ScenarioSource(String label, String parseName, String text) implements Serializable {
    /** Label of the bundled default scenario. */
    public static final String DEFAULT_LABEL = "default.yaml (bundled)";

    /** Reads {@code file}, or the bundled default scenario when it is null. */
    public static ScenarioSource read(Path file) {
        if (file == null) {
            try (InputStream in = ScenarioLoader.class.getClassLoader()
                    .getResourceAsStream(ScenarioLoader.DEFAULT_RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException("bundled scenario " + ScenarioLoader.DEFAULT_RESOURCE
                            + " is missing");
                }
                return new ScenarioSource(DEFAULT_LABEL, "default.yaml",
                        new String(in.readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new IllegalStateException("cannot read " + ScenarioLoader.DEFAULT_RESOURCE, e);
            }
        }
        try {
            return new ScenarioSource(file.toString(), file.toString(), Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new ScenarioFileException(file.toString(), -1, "", "cannot read the file (" + e + ")");
        }
    }

    /** The validated scenario with {@code overrides} applied. */
    public Scenario parse(List<String> overrides) {
        return new ScenarioLoader().parse(text, parseName, overrides);
    }
}
