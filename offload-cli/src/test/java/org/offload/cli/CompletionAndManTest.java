package org.offload.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.offload.cli.MainTest.Result;

/** {@code offload completion} completes in a real bash (and zsh, where installed); {@code offload man} writes pages. */
class CompletionAndManTest {
    @TempDir
    Path tmp;

    /** Runs {@code script} in {@code shell} and returns its standard output. */
    private static String shell(String shell, String script) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(shell, "-c", script).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), shell + " did not finish");
        assertEquals(0, p.exitValue(), shell + " failed; output: " + out);
        return out.strip();
    }

    private static boolean onPath(String program) {
        return Stream.of(System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator))
                .anyMatch(d -> Files.isExecutable(Path.of(d, program)));
    }

    private Path script() throws IOException {
        Result r = MainTest.offload("completion");
        assertEquals(0, r.code(), r.err());
        return Files.writeString(tmp.resolve("offload-completion.bash"), r.out());
    }

    /** What bash completes for the words typed (the last one being completed). */
    private static String complete(Path script, String... words) throws IOException, InterruptedException {
        String array = String.join(" ", Stream.of(words).map(w -> "'" + w + "'").toList());
        return shell("bash", "source '" + script + "'; COMP_WORDS=(" + array + "); COMP_CWORD=" + (words.length - 1)
                + "; COMP_LINE='" + String.join(" ", words) + "'; COMP_POINT=${#COMP_LINE}; _complete_offload;"
                + " printf '%s\\n' \"${COMPREPLY[@]}\"");
    }

    @Test
    void bashCompletesCommandsAndOptions() throws IOException, InterruptedException {
        Assumptions.assumeTrue(onPath("bash"), "skipped: bash is not installed");
        Path script = script();
        assertEquals("run", complete(script, "offload", "ru"));
        assertEquals(List.of("policies", "profile"), complete(script, "offload", "p").lines().sorted().toList());
        assertEquals("--devices", complete(script, "offload", "run", "--dev"));
        List<String> sweep = complete(script, "offload", "sweep", "--p").lines().toList();
        assertTrue(sweep.contains("--policies"), sweep.toString());
    }

    @Test
    void zshLoadsTheSameScript() throws IOException, InterruptedException {
        Assumptions.assumeTrue(onPath("zsh"), "skipped: zsh is not installed (apt-get install zsh to run this check)");
        Path script = script();
        String registered = shell("zsh", "autoload -U +X compinit && compinit -u; autoload -U +X bashcompinit && "
                + "bashcompinit; source '" + script + "'; print -r -- ${_comps[offload]}");
        assertTrue(registered.contains("_complete_offload"), registered);
    }

    @Test
    void manWritesAPagePerCommandWithItsOptions() throws IOException {
        Path dir = tmp.resolve("man");
        Result r = MainTest.offload("man", "--out", dir.toString());
        assertEquals(0, r.code(), r.err());
        for (String page : List.of("offload", "offload-run", "offload-sweep", "offload-validate", "offload-completion",
                "offload-train-aigc", "offload-profile-tradeoff", "offload-aigc-sweep")) {
            assertTrue(Files.isRegularFile(dir.resolve(page + ".adoc")), page + " in " + r.out());
        }
        String run = Files.readString(dir.resolve("offload-run.adoc"));
        assertTrue(run.contains("= offload-run(1)"), run);
        assertTrue(run.contains("*-n*, *--devices*=_N_"), run);
        assertTrue(run.contains("Number of devices (devices.count)."), run);
        assertTrue(r.out().startsWith("Wrote "), r.out());
    }
}
