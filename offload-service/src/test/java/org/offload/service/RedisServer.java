package org.offload.service;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A real {@code redis-server} on a free loopback port, for one test: started by {@link #start}, stopped by
 * {@link #close}. Where the Debian package is missing the test is skipped with the reason (never a silent pass).
 * {@link #durable} keeps an append-only file fsync'ed on every write, so that a restart loses nothing acknowledged.
 */
public final class RedisServer implements AutoCloseable {
    private final int port;
    private final Path dir;
    private final boolean durable;
    private Process process;

    private RedisServer(int port, Path dir, boolean durable) {
        this.port = port;
        this.dir = dir;
        this.durable = durable;
    }

    /** Why Redis tests are skipped here. */
    public static final String NOT_INSTALLED = "skipped: redis-server not installed (Debian package redis-server; "
            + "./test installs it when run as root with apt-get)";

    /** Whether {@code redis-server} can be run here. */
    public static boolean installed() {
        try {
            Process p = new ProcessBuilder("redis-server", "--version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Skips the calling test, saying why, when redis-server is missing. */
    public static void assumeInstalled() {
        assumeTrue(installed(), NOT_INSTALLED);
    }

    /** A server without persistence. */
    public static RedisServer start() {
        return start(false);
    }

    /** A server; with {@code durable}, every write is in its append-only file before Redis acknowledges it. */
    public static RedisServer start(boolean durable) {
        assumeInstalled();
        try {
            RedisServer s = new RedisServer(freePort(), Files.createTempDirectory("offload-redis-"), durable);
            s.launch();
            return s;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    public String url() {
        return "redis://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    /** Starts the server (again, after {@link #kill}) on the same port and directory, and waits until it answers. */
    public void launch() throws IOException {
        List<String> cmd = new ArrayList<>(List.of("redis-server", "--port", Integer.toString(port), "--bind",
                "127.0.0.1", "--save", "", "--dir", dir.toString(), "--protected-mode", "no"));
        cmd.addAll(durable ? List.of("--appendonly", "yes", "--appendfsync", "always") : List.of("--appendonly", "no"));
        process = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(dir.resolve("redis.log").toFile()).start();
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (System.nanoTime() < deadline) {
            if ("+PONG".equals(command("PING"))) {
                return;
            }
            if (!process.isAlive()) {
                break;
            }
            sleep(20);
        }
        throw new IllegalStateException("redis-server did not start on port " + port + ": "
                + Files.readString(dir.resolve("redis.log")));
    }

    /** Kills the server at once (SIGKILL, like a crash) and waits until it is gone. */
    public void kill() {
        process.destroyForcibly();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** One inline command; its first reply line, or null when the server does not answer. */
    public String command(String line) {
        try (Socket s = new Socket(java.net.InetAddress.getLoopbackAddress(), port)) {
            s.setSoTimeout(2000);
            OutputStream out = s.getOutputStream();
            out.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = s.getInputStream();
            StringBuilder b = new StringBuilder();
            int c;
            while ((c = in.read()) >= 0 && c != '\r') {
                b.append((char) c);
            }
            return b.toString();
        } catch (IOException e) {
            return null;
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        if (process != null) {
            kill();
        }
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temporary directory left behind
        }
    }
}
