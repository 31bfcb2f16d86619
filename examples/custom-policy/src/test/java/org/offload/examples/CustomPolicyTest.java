package org.offload.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Runs this project's policy through the real {@code offload} command: with {@code --policy-jar}, and through the
 * launcher with {@code OFFLOAD_CLASSPATH}; without the jar the policy is unknown.
 */
class CustomPolicyTest {
    static final Path OFFLOAD_JAR = Path.of(System.getProperty("offload.jar"));
    static final Path POLICY_JAR = Path.of(System.getProperty("policy.jar"));
    static final Path LAUNCHER = Path.of(System.getProperty("offload.launcher"));

    record Result(int code, String out) {
    }

    static Result run(List<String> command, Map<String, String> env) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().putAll(env);
        Process p = pb.start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Result(p.waitFor(), out);
    }

    static List<String> offload(String... args) {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", OFFLOAD_JAR.toString()));
        cmd.addAll(List.of(args));
        return cmd;
    }

    @Test
    void thePolicyRunsThroughTheOffloadCommandWithPolicyJar() throws Exception {
        assertTrue(Files.isRegularFile(OFFLOAD_JAR), "no offload jar at " + OFFLOAD_JAR);
        assertTrue(Files.isRegularFile(POLICY_JAR), "this project's jar is not packaged: " + POLICY_JAR);
        Result listed = run(offload("policies", "--policy-jar", POLICY_JAR.toString()), Map.of());
        assertEquals(0, listed.code(), listed.out());
        assertTrue(listed.out().contains("own-site-first"), listed.out());

        Path out = Path.of("target", "run");
        Result r = run(offload("run", "--policy-jar", POLICY_JAR.toString(), "--policy", "own-site-first",
                "--policy-option", "threshold=60", "--duration", "120", "--warmup", "20", "--out", out.toString()),
                Map.of());
        assertEquals(0, r.code(), r.out());
        assertTrue(r.out().contains("own-site-first"), r.out());
        String summary = Files.readString(out.resolve("summary.json"));
        assertTrue(summary.matches("(?s).*\"policy\" ?: ?\"own-site-first\".*"), summary);

        Result unknown = run(offload("run", "--policy", "own-site-first", "--duration", "60", "--warmup", "10",
                "--out", "target/none"), Map.of());
        assertEquals(2, unknown.code(), unknown.out());
        assertTrue(unknown.out().contains("unknown policy 'own-site-first'"), unknown.out());
    }

    @Test
    void theLauncherFindsThePolicyOnOffloadClasspath() throws Exception {
        assertTrue(Files.isRegularFile(LAUNCHER), "no launcher at " + LAUNCHER);
        Result r = run(List.of("bash", LAUNCHER.toString(), "policies"),
                Map.of("OFFLOAD_CLASSPATH", POLICY_JAR.toAbsolutePath() + File.pathSeparator + "/nonexistent.jar"));
        assertEquals(0, r.code(), r.out());
        assertTrue(r.out().contains("own-site-first"), r.out());
    }
}
