package org.offload.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.offload.io.ScenarioLoader;
import org.offload.io.TextFiles;
import org.offload.policy.PolicyRegistry;
import org.offload.scenario.Scenario;

/**
 * A scenario as a command loaded it: the validated {@link Scenario}, a label for its source, the source text and
 * the overrides applied to it (enough to write {@code scenario.yaml}).
 */
record LoadedScenario(Scenario scenario, String source, String text, List<String> overrides) {
    /** Label used for the bundled default scenario. */
    static final String DEFAULT_SOURCE = "default.yaml (bundled)";

    /** Loads {@code file}, or the bundled default scenario when it is null, applying {@code overrides}. */
    static LoadedScenario load(Path file, List<String> overrides) {
        ScenarioLoader loader = new ScenarioLoader();
        if (file == null) {
            Scenario s = loader.loadDefault(overrides);
            return new LoadedScenario(s, DEFAULT_SOURCE, defaultText(), List.copyOf(overrides));
        }
        String text = TextFiles.readUtf8(file);
        return new LoadedScenario(loader.parse(text, file.toString(), overrides), file.toString(), text,
                List.copyOf(overrides));
    }

    private static String defaultText() {
        try (InputStream in = ScenarioLoader.class.getClassLoader()
                .getResourceAsStream(ScenarioLoader.DEFAULT_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("bundled scenario " + ScenarioLoader.DEFAULT_RESOURCE + " is missing");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + ScenarioLoader.DEFAULT_RESOURCE, e);
        }
    }

    /** Fails with exit code 2 and the known names when {@code registry} lacks the scenario's policy. */
    void requireKnownPolicy(PolicyRegistry registry) {
        String name = scenario.policy();
        if (!registry.contains(name)) {
            throw ScenarioLoader.errorAt(source, text, overrides, "policy", registry.unknownPolicy(name));
        }
    }
}
