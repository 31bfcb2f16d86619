package org.offload.service;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.offload.io.ScenarioLoader;
import org.offload.scenario.Scenario;

/**
 * A decision service in its own JVM, for the slow-client and memory cases that need a small heap
 * ({@code -Xmx128m}): {@link #start} launches {@link #main} with the test class path; the child writes its port
 * to a file and stops when its standard input closes (or when it is destroyed).
 */
final class ForkedService implements AutoCloseable {
    final Process process;
    final int port;
    final Path dir;

    private ForkedService(Process process, int port, Path dir) {
        this.process = process;
        this.port = port;
        this.dir = dir;
    }

    /** Starts a service with {@code configYaml} (and the test tokens) in a JVM with {@code heap}, e.g. "128m". */
    static ForkedService start(Path dir, String configYaml, String heap) throws IOException, InterruptedException {
        Path config = Files.writeString(dir.resolve("service.yaml"), configYaml);
        Path tokens = dir.resolve("tokens");
        Files.writeString(tokens, TestSupport.TOKENS_TEXT);
        Files.setPosixFilePermissions(tokens, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        Path portFile = dir.resolve("port");
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + heap, "-XX:+ExitOnOutOfMemoryError", "-cp", cp, ForkedService.class.getName(),
                config.toString(), tokens.toString(), portFile.toString()));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(dir.resolve("service.log").toFile()).start();
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (System.nanoTime() < deadline) {
            if (Files.exists(portFile) && Files.size(portFile) > 0) {
                return new ForkedService(p, Integer.parseInt(Files.readString(portFile).strip()), dir);
            }
            if (!p.isAlive()) {
                throw new IllegalStateException("the forked service exited: " + log(dir));
            }
            Thread.sleep(50);
        }
        p.destroyForcibly();
        throw new IllegalStateException("the forked service did not start: " + log(dir));
    }

    static String log(Path dir) {
        try {
            return Files.readString(dir.resolve("service.log"));
        } catch (IOException e) {
            return "(no log)";
        }
    }

    String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    boolean alive() {
        return process.isAlive();
    }

    @Override
    public void close() throws InterruptedException {
        try {
            process.getOutputStream().close();
        } catch (IOException ignored) {
            // it is being stopped anyway
        }
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }

    /** The child: config file, tokens file, port file. */
    public static void main(String[] args) throws IOException {
        ServiceConfigLoader.Loaded loaded = new ServiceConfigLoader().load(Path.of(args[0]));
        Scenario scenario = new ScenarioLoader().loadDefault(List.of());
        OffloadService s = OffloadService.builder(loaded.config().withPort(0), scenario)
                .tokens(Tokens.load(Path.of(args[1])))
                .catalog(new PolicyCatalog(org.offload.policy.builtin.BuiltInPolicies.registry()).withModelPolicies("dl-tier"))
                .start();
        Files.writeString(Path.of(args[2]), s.port() + "\n", StandardCharsets.US_ASCII);
        InputStream in = System.in;
        while (in.read() >= 0) {
            // until the parent closes our standard input
        }
        s.stop();
        System.exit(0);
    }
}
