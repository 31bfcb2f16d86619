package org.offload.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.RandomAccessFile;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 26 items 1, 5 and 6 against a service in its own JVM with a 128 MiB heap (and
 * {@code -XX:+ExitOnOutOfMemoryError}, so running out of memory ends the process): slow bodies declaring 64 KiB,
 * slowloris heads, 5,000 + 5,000 of both at once, and model files too large to read. Each test forks its own
 * service. Tagged {@code slow} (about a minute in all).
 */
@Tag("slow")
class SmallHeapForkedTest {
    private static final String TASK = "{\"application\":\"HEALTH_APP\",\"device\":1}";

    @TempDir
    Path dir;

    /**
     * Item 1: 2,000 connections of one device token send headers with {@code Content-Length: 65536} and one body
     * byte. Before, the reader allocated the declared 64 KiB each (128 MiB: the 128 MiB heap ran out, as ~1,750
     * did in the attack run); now buffers grow with the bytes and are capped, so the service answers valid
     * decisions meanwhile and every stalled body gets 408.
     */
    @Test
    void stalledBodiesDeclaringLargeLengthsDoNotExhaustTheHeap() throws Exception {
        // The client reopens each connection as soon as it has its 408, sometimes before the service has counted
        // the old one closed: with the default cap (1,024 per address, 1,000 used here) a few reopened ones were
        // refused at once on a loaded CI machine. The cap has its own test below; here it is out of the way.
        String cfg = "limits: {body_timeout_s: 4, max_connections_per_client: 4096}\n";
        try (ForkedService s = ForkedService.start(dir, cfg, "128m");
             SlowClients attack = SlowClients.start(options(s, 2, 2000, 0, 1))) {
            assertEquals(2000, attack.awaitOpen(30), ForkedService.log(dir));
            for (int i = 0; i < 20; i++) {
                assertEquals(200, TestSupport.call(s.baseUrl(), "POST", "/v1/decisions", TestSupport.DEVICE_TOKEN,
                        TASK, "application/json").status());
            }
            String metrics = metrics(s);
            assertTrue(value(metrics, "offload_request_body_bytes_held") <= 2000, metrics);
            long end = System.nanoTime() + 40_000_000_000L; // 4 s each, later on a busy machine
            while (attack.stats().endings().getOrDefault("stalled 408", 0L) < 2000 && System.nanoTime() < end) {
                Thread.sleep(200);
            }
            assertTrue(s.alive(), "the service died: " + ForkedService.log(dir));
            assertEquals(Map.of("stalled 408", attack.stats().endings().get("stalled 408")), attack.stats().endings(),
                    "every stalled body ends with 408; refused connections: "
                            + value(metrics(s), "offload_refused_connections"));
            assertTrue(attack.stats().endings().get("stalled 408") >= 2000, attack.stats().toString());
        }
    }

    /**
     * Item 5: connections dripping one header line every 0.5 s are closed at the header deadline (2 s here;
     * before, Jetty's idle timer restarted on every byte and held them for ever), and one address cannot open more
     * than {@code max_connections_per_client}.
     */
    @Test
    void slowlorisHeadsAreClosedAtTheDeadlineAndConnectionsCappedPerAddress() throws Exception {
        String cfg = "limits: {header_timeout_s: 2, max_connections_per_client: 300}\n";
        try (ForkedService s = ForkedService.start(dir, cfg, "128m")) {
            try (SlowClients drip = SlowClients.start(options(s, 1, 0, 200, 0.5))) {
                assertEquals(200, drip.awaitOpen(20));
                Thread.sleep(4500);
                SlowClients.Stats st = drip.stats();
                assertTrue(st.endings().getOrDefault("dripping closed", 0L) >= 200, st.toString());
                assertTrue(st.maxHeldDrippingS() < 3.5, "a dripping head was held " + st.maxHeldDrippingS() + " s");
                assertEquals(200, TestSupport.call(s.baseUrl(), "GET", "/healthz", null, null, null).status());
            }
            try (SlowClients many = SlowClients.start(options(s, 1, 0, 400, 5))) {
                Thread.sleep(1500);
                String m = metrics(s);
                // the service's own count (the client re-opens refused ones at once, so its count flickers)
                assertTrue(value(m, "offload_open_connections") <= 300 + 2, m);
                assertTrue(value(m, "offload_refused_connections") >= 100, m);
            }
        }
    }

    /**
     * The must-show case: 5,000 stalled bodies and 5,000 dripping heads (from 20 addresses, reopened whenever the
     * service closes them) on a 128 MiB heap, while valid decisions keep being answered. Latency is measured by the
     * documented command (docs/service.md), not here; this checks that the service survives and answers.
     */
    @Test
    void survivesFiveThousandStalledBodiesAndFiveThousandDrippingHeads() throws Exception {
        try (ForkedService s = ForkedService.start(dir, "", "128m");
             SlowClients attack = SlowClients.start(options(s, 20, 5000, 5000, 2))) {
            int open = attack.awaitOpen(60);
            assertTrue(open >= 9000, "only " + open + " slow connections open");
            Map<Integer, Integer> statuses = new TreeMap<>();
            long end = System.nanoTime() + 12_000_000_000L;
            while (System.nanoTime() < end) {
                statuses.merge(TestSupport.call(s.baseUrl(), "POST", "/v1/decisions", TestSupport.DEVICE_TOKEN, TASK,
                        "application/json").status(), 1, Integer::sum);
                Thread.sleep(20);
            }
            assertTrue(s.alive(), "the service died: " + ForkedService.log(dir));
            assertEquals(Map.of(200, statuses.values().stream().mapToInt(Integer::intValue).sum()), statuses,
                    "valid decisions during the attack");
            SlowClients.Stats st = attack.stats();
            System.out.println("5000+5000 slow clients on 128 MiB: " + statuses + "; " + st);
            assertTrue(st.endings().getOrDefault("stalled 408", 0L) > 0, st.toString());
            assertTrue(st.endings().getOrDefault("dripping closed", 0L) > 0, st.toString());
        }
    }

    /**
     * Item 6: a model file larger than {@code models.max_bytes} is refused before it is read (before: a 200 MB
     * file without line breaks ended a 128 MiB service in 0.7 s), and so is one under the limit with a line longer
     * than 1 MiB (the loader reads lines); the service keeps running the old policy.
     */
    @Test
    void modelFilesTooLargeToReadAreRefusedBeforeReading() throws Exception {
        Path models = Files.createDirectories(dir.resolve("models"));
        try (RandomAccessFile f = new RandomAccessFile(models.resolve("huge.mlp").toFile(), "rw")) {
            f.setLength(200L << 20); // 200 MB of zero bytes, no line break
        }
        Files.write(models.resolve("one-line.mlp"), "7".repeat(3 << 20).getBytes(StandardCharsets.US_ASCII));
        String cfg = "models: {dir: " + models + "}\n";
        try (ForkedService s = ForkedService.start(dir, cfg, "128m")) {
            TestSupport.Reply huge = TestSupport.call(s.baseUrl(), "PUT", "/v1/policy", TestSupport.ADMIN_TOKEN,
                    "{\"policy\":\"dl-tier\",\"model\":\"huge.mlp\"}", "application/json");
            assertEquals(400, huge.status(), huge.body());
            assertEquals("model", huge.json().path("field").asText());
            assertTrue(huge.json().path("error").asText().contains("larger than models.max_bytes"), huge.body());
            TestSupport.Reply line = TestSupport.call(s.baseUrl(), "PUT", "/v1/policy", TestSupport.ADMIN_TOKEN,
                    "{\"policy\":\"dl-tier\",\"model\":\"one-line.mlp\"}", "application/json");
            assertEquals(400, line.status(), line.body());
            assertTrue(line.json().path("error").asText().contains("a line longer than"), line.body());
            assertTrue(s.alive(), ForkedService.log(dir));
            TestSupport.Reply ok = TestSupport.call(s.baseUrl(), "POST", "/v1/decisions", TestSupport.DEVICE_TOKEN,
                    TASK, "application/json");
            assertEquals("least-utilised", ok.json().path("policy").asText());
        }
    }

    private static SlowClients.Options options(ForkedService s, int addresses, int stalled, int dripping,
                                               double dripS) throws Exception {
        return new SlowClients.Options(new InetSocketAddress(InetAddress.getLoopbackAddress(), s.port),
                InetAddress.getByName("127.0.0.2"), addresses, TestSupport.DEVICE_TOKEN, stalled, dripping, dripS);
    }

    private static String metrics(ForkedService s) {
        return TestSupport.call(s.baseUrl(), "GET", "/metrics", null, null, null).body();
    }

    private static double value(String metrics, String name) {
        for (String line : metrics.split("\n")) {
            if (line.startsWith(name + " ")) {
                return Double.parseDouble(line.substring(name.length() + 1));
            }
        }
        throw new AssertionError("no " + name + " in " + metrics);
    }
}
