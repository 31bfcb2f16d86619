package org.offload.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeMap;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Thousands of invalid, malformed and oversized requests: every one is answered 4xx (or the connection is closed
 * for garbage that is not HTTP), the service stays up and answers valid requests, and the heap used after a GC
 * stays within a bound.
 */
@Tag("slow")
class MalformedFloodTest {
    private static final int REQUESTS = 3000;
    private static final long HEAP_GROWTH_BOUND = 48L * 1024 * 1024;

    @Test
    void invalidAndOversizedBodiesGet4xxAndTheServiceStaysUpWithBoundedHeap() throws Exception {
        try (OffloadService s = TestSupport.start(TestSupport.config())) {
            HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(5)).build();
            // Warm up, then take the baseline.
            for (int i = 0; i < 200; i++) {
                send(client, s, body(new SplittableRandom(i), i), "application/json");
            }
            long baseline = usedAfterGc();
            SplittableRandom r = new SplittableRandom(42);
            TreeMap<Integer, Integer> statuses = new TreeMap<>();
            long start = System.nanoTime();
            for (int i = 0; i < REQUESTS; i++) {
                int status;
                if (i % 100 == 7) {
                    status = rawOversizedChunked(s, 1_000_000);
                } else if (i % 100 == 13) {
                    status = rawGarbage(s, r);
                } else if (i % 50 == 3) {
                    status = send(client, s, "{\"application\":\"" + "A".repeat(200_000) + "\"}", "application/json");
                } else {
                    status = send(client, s, body(r, i), i % 17 == 0 ? "text/plain" : "application/json");
                }
                statuses.merge(status, 1, Integer::sum);
                assertTrue(status == -1 || (status >= 400 && status < 500), "request " + i + " answered " + status);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            assertTrue(seconds < 40, "flood took " + seconds + " s");
            // still up and correct
            assertEquals(200, TestSupport.call(s, "GET", "/healthz", null, null).status());
            TestSupport.Reply ok = TestSupport.call(s, "POST", "/v1/decisions", TestSupport.DEVICE_TOKEN,
                    "{\"application\":\"HEALTH_APP\",\"device\":1}");
            assertEquals(200, ok.status());
            assertEquals("placed", ok.json().path("outcome").asText());
            long after = usedAfterGc();
            System.out.printf("flood: %d requests in %.1f s, statuses %s, heap after GC %d -> %d MiB%n", REQUESTS,
                    seconds, statuses, baseline >> 20, after >> 20);
            assertTrue(after - baseline < HEAP_GROWTH_BOUND, "heap grew by " + ((after - baseline) >> 20) + " MiB");
            assertTrue(statuses.getOrDefault(400, 0) > REQUESTS / 2,
                    "statuses " + statuses);
            assertTrue(statuses.getOrDefault(413, 0) > 50,
                    "statuses.getOrDefault(413, 0) = " + statuses.getOrDefault(413, 0));
        }
    }

    private static String body(SplittableRandom r, int i) {
        List<String> bodies = List.of(
                "{",
                "{\"application\":\"HEALTH_APP\",\"device\":1,\"x\":" + i + "}",
                "{\"application\":\"HEALTH_APP\",\"device\":" + (1000 + i) + "}",
                "{\"application\":\"HEALTH_APP\",\"device\":1,\"delay_sensitivity\":" + (2 + i) + "}",
                "{\"application\":null,\"device\":1}",
                "[" + "1,".repeat(100) + "1]",
                "{\"application\":\"HEALTH_APP\",\"device\":1,\"length_mi\":\"lots\"}",
                "\u0000\u0001\u0002garbage",
                "{\"a\":" + "{\"a\":".repeat(40) + "1" + "}".repeat(40) + "}",
                "{\"application\":\"HEALTH_APP\",\"device\":1,\"device\":1}",
                "{\"k" + i + "\":1}",
                "{\"application\":\"HEALTH_APP\",\"device\":99999999999999999999999}",
                "");
        return bodies.get(r.nextInt(bodies.size()));
    }

    private static int send(HttpClient client, OffloadService s, String body, String type) throws Exception {
        HttpRequest req = HttpRequest.newBuilder(URI.create(s.baseUrl() + "/v1/decisions"))
                .timeout(Duration.ofSeconds(10)).header("Authorization", "Bearer " + TestSupport.DEVICE_TOKEN)
                .header("Content-Type", type).POST(HttpRequest.BodyPublishers.ofString(body)).build();
        return client.send(req, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    /** A chunked body (no Content-Length) far above the limit: 413, then the connection is closed. */
    private static int rawOversizedChunked(OffloadService s, int bytes) throws IOException {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        byte[] data = new byte[bytes];
        java.util.Arrays.fill(data, (byte) '[');
        HttpRequest req = HttpRequest.newBuilder(URI.create(s.baseUrl() + "/v1/telemetry"))
                .timeout(Duration.ofSeconds(10)).header("Authorization", "Bearer " + TestSupport.DEVICE_TOKEN)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(data))).build();
        try {
            return client.send(req, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1; // the server may close the connection while the client is still sending
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    /** Not HTTP at all, or an HTTP request with absurd headers: 4xx or a closed connection. */
    private static int rawGarbage(OffloadService s, SplittableRandom r) throws IOException {
        try (Socket sock = new Socket()) {
            sock.connect(new InetSocketAddress("127.0.0.1", s.port()), 5000);
            sock.setSoTimeout(5000);
            OutputStream out = sock.getOutputStream();
            String req = switch (r.nextInt(4)) {
                case 0 -> "\u0016\u0003\u0001\u0002\u0000\u0001\u0000\u0001\u00fc\u0003\u0003 hello\r\n\r\n";
                case 3 -> "BLAH /v1/decisions HTTP/1.1\r\nHost: x\r\n\r\n";
                case 1 -> "POST /v1/decisions HTTP/1.1\r\nHost: x\r\nX-Big: " + "y".repeat(20_000) + "\r\n\r\n";
                default -> "POST /v1/decisions HTTP/1.1\r\nHost: x\r\nContent-Length: -5\r\n\r\n";
            };
            out.write(req.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = sock.getInputStream();
            byte[] head = in.readNBytes(12);
            if (head.length < 12) {
                return -1;
            }
            return Integer.parseInt(new String(head, 9, 3, StandardCharsets.US_ASCII));
        } catch (IOException e) {
            return -1;
        }
    }

    private static long usedAfterGc() throws InterruptedException {
        Runtime rt = Runtime.getRuntime();
        long best = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(50);
            best = Math.min(best, rt.totalMemory() - rt.freeMemory());
        }
        return best;
    }
}
