package org.offload.aigc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.offload.io.ScenarioFileException;

/** Strict AIGC scenario files: errors name file, line and key. */
class ScenarioErrorsTest {
    private static ScenarioFileException fail(String yaml, String... overrides) {
        return assertThrows(ScenarioFileException.class,
                () -> new AigcScenarioLoader().parse(yaml, "scenarios/a.yaml", List.of(overrides)));
    }

    @Test
    void unknownKeyNamesLineAndKey() {
        String yaml = TestScenarios.SMALL.replace("  servers: 2\n", "  servers: 2\n  sevrers: 3\n");
        ScenarioFileException e = fail(yaml);
        assertEquals("edge.sevrers", e.key());
        assertEquals(9, e.line());
        assertTrue(e.getMessage().startsWith("scenarios/a.yaml:9: edge.sevrers: unknown key"), e.getMessage());
    }

    @Test
    void wrongTypeAndRange() {
        ScenarioFileException e = fail(TestScenarios.SMALL.replace("cpu_ghz: 7", "cpu_ghz: fast"));
        assertEquals("scenarios/a.yaml:9: edge.cpu_ghz: expected a number, got 'fast'", e.getMessage());
        e = fail(TestScenarios.SMALL.replace("size_mb: 90", "size_mb: -90"));
        assertEquals("task_types[1].model.size_mb", e.key());
        assertEquals(18, e.line());
        e = fail(TestScenarios.SMALL, "model_count=7");
        assertEquals("scenarios/a.yaml: model_count: must be between 1 and the number of task_types (3), got 7"
                .replace("scenarios/a.yaml:", "--set:"), e.getMessage());
        e = fail(TestScenarios.SMALL.replace("latency_weight: 0.5", "latency_weight: 0.7"));
        assertEquals("reward.energy_weight", e.key());
    }

    @Test
    void missingKindOrRequiredKey() {
        ScenarioFileException e = fail(TestScenarios.SMALL.replace("kind: aigc\n", ""));
        assertEquals("scenarios/a.yaml: kind: is required", e.getMessage());
        e = fail(TestScenarios.SMALL.replace("kind: aigc", "kind: des"));
        assertEquals("kind", e.key());
        e = fail(TestScenarios.SMALL.replace("cache: {capacity_models: 1}", "cache: {capacity_mb: 100}"));
        assertEquals("edge.cache.capacity_models", e.key());
    }

    @Test
    void recognisesAigcFiles(@TempDir Path dir) throws Exception {
        Path a = dir.resolve("a.yaml");
        Files.writeString(a, TestScenarios.SMALL);
        Path b = dir.resolve("b.yaml");
        Files.writeString(b, "name: x\nduration_s: 10\n");
        assertTrue(AigcScenarioLoader.isAigcFile(a), "a.yaml says kind: aigc");
        assertFalse(AigcScenarioLoader.isAigcFile(b), "b.yaml is a discrete-event scenario");
        assertFalse(AigcScenarioLoader.isAigcFile(dir.resolve("missing.yaml")), "a missing file is no AIGC scenario");
        assertEquals(4, new AigcScenarioLoader().load(a, List.of()).devices().count());
    }
}
