package org.offload.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.offload.scenario.Scenario;

/**
 * Input that is not a scenario at all, or is valid YAML that no scenario value can be: each is an error in plain
 * words that names the file, the line and, where there is one, the key.
 */
class BadInputTest {
    private final ScenarioLoader loader = new ScenarioLoader();

    private static String defaultText() throws IOException {
        try (var in = ScenarioLoader.class.getClassLoader().getResourceAsStream(ScenarioLoader.DEFAULT_RESOURCE)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void aFileThatIsNotUtf8SaysSoWithTheByteOffset(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("bin.yaml");
        byte[] bytes = "name: x\nseed: 1\nduration_s: \u00e9\n".getBytes(StandardCharsets.ISO_8859_1);
        Files.write(file, bytes);
        ScenarioFileException e = assertThrows(ScenarioFileException.class, () -> loader.load(file));
        assertEquals(file + ":3: not UTF-8 text: byte 0xe9 at offset 28 cannot be read as UTF-8 (scenario and "
                + "configuration files are UTF-8 YAML; is this the right file?)", e.getMessage());
        Files.write(file, new byte[] {(byte) 0x7f, 'E', 'L', 'F', 2, 1, 1, 0, (byte) 0x89, 0});
        assertEquals(1, assertThrows(ScenarioFileException.class, () -> loader.load(file)).line());
    }

    @Test
    void aMissingFileOrADirectoryIsAPlainMessage(@TempDir Path dir) {
        Path missing = dir.resolve("nofile.yaml");
        assertEquals(missing + ": no such file", assertThrows(ScenarioFileException.class,
                () -> loader.load(missing)).getMessage());
        Path relative = Path.of("surely-not-here.yaml");
        assertEquals("surely-not-here.yaml: no such file (looked for " + relative.toAbsolutePath() + ")",
                assertThrows(ScenarioFileException.class, () -> loader.load(relative)).getMessage());
        assertEquals(dir + ": is a directory, not a file",
                assertThrows(ScenarioFileException.class, () -> loader.load(dir)).getMessage());
    }

    @Test
    void nestingBeyondTheParsersLimitIsBadInputWithALine() {
        String deep = "name: x\nduration_s: 10\ndevices: " + "[".repeat(1005) + "]".repeat(1005) + "\n";
        ScenarioFileException e = assertThrows(ScenarioFileException.class,
                () -> loader.parse(deep, "deep.yaml", List.of()));
        assertEquals("deep.yaml:3: nested more than 1000 levels deep, the most this reader accepts (a scenario needs "
                + "a handful); is this the right file?", e.getMessage());
        ScenarioFileException set = assertThrows(ScenarioFileException.class,
                () -> loader.loadDefault(List.of("devices.count=" + "[".repeat(1005) + "]".repeat(1005))));
        assertEquals("--set", set.file());
    }

    @Test
    void notANumberAndInfinityAreValidYamlButNotFiniteNumbers() throws IOException {
        String text = defaultText();
        for (String value : List.of(".nan", ".NaN", ".inf", "-.inf", "+.Inf", "1e999")) {
            ScenarioFileException e = assertThrows(ScenarioFileException.class, () -> loader.parse(
                    text.replaceFirst("(?m)^duration_s: .*$", "duration_s: " + value), "d.yaml", List.of()));
            assertEquals("d.yaml:30: duration_s: must be a finite number, got " + value, e.getMessage());
        }
        ScenarioFileException e = assertThrows(ScenarioFileException.class,
                () -> loader.loadDefault(List.of("edge.vm.mips=.inf")));
        assertEquals("--set: edge.vm.mips: must be a finite number, got .inf", e.getMessage());
    }

    @Test
    void aliasesAreExpandedAndTheirErrorsPointAtTheAlias() throws IOException {
        String text = defaultText();
        String aliased = text.replaceFirst("(?m)^  vm: \\{cores: 2, mips: 10000, memory_mb: 8192}",
                "  vm: &vm {cores: 2, mips: 10000, memory_mb: 8192}");
        String shared = aliased.replaceFirst("(?m)^  vm: \\{cores: 4, mips: 20000, memory_mb: 32768}", "  vm: *vm");
        Scenario s = loader.parse(shared, "a.yaml", List.of());
        assertEquals(s.edge().vm(), s.cloud().vm());
        ScenarioFileException e = assertThrows(ScenarioFileException.class,
                () -> loader.parse(aliased.replaceFirst("(?m)^seed: 1", "seed: *nope"), "a.yaml", List.of()));
        assertEquals("seed", e.key());
        assertEquals("alias *nope names no anchor (&nope) defined before it", e.problem());
    }

    @Test
    void anAliasBombIsRefusedQuickly() {
        StringBuilder bomb = new StringBuilder("name: bomb\nduration_s: 10\na0: &a0 [x, x, x, x, x, x, x, x, x]\n");
        for (int i = 1; i < 10; i++) {
            bomb.append("a").append(i).append(": &a").append(i).append(" [");
            bomb.append(String.join(", ", java.util.Collections.nCopies(9, "*a" + (i - 1)))).append("]\n");
        }
        ScenarioFileException e = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> assertThrows(
                ScenarioFileException.class, () -> loader.parse(bomb.toString(), "bomb.yaml", List.of())));
        assertEquals("bomb.yaml", e.file());
        assertEquals("aliases expand to more than 10000 values (an alias bomb?); write the values out instead",
                e.problem());
    }
}
