package org.offload.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 26 item 9 (drain period, decision audit sampling) and "also for operators" (reload, request ids, metrics auth). */
class ShutdownAndOperatorsTest {
    private static final String TASK = "{\"application\":\"HEALTH_APP\",\"device\":1}";

    @TempDir
    Path dir;

    /**
     * Before: /readyz showed 503 for only 33-133 ms before the port closed. With {@code shutdown.drain_s}, the
     * service keeps answering for that long after readiness turned 503, telling clients to close.
     */
    @Test
    void readinessTurns503ForTheDrainPeriodWhileRequestsAreStillServed() throws Exception {
        ServiceConfig cfg = TestSupport.config().withShutdown(new ServiceConfig.Shutdown(5, 1.0));
        OffloadService s = TestSupport.start(cfg);
        long t0 = System.nanoTime();
        CompletableFuture<Void> stopping = CompletableFuture.runAsync(s::stop);
        while (!s.draining()) {
            Thread.sleep(1);
        }
        assertEquals(503, TestSupport.call(s.baseUrl(), "GET", "/readyz", null, null, null).status());
        Thread.sleep(400);
        TestSupport.Reply during = TestSupport.call(s, "POST", "/v1/decisions", TestSupport.DEVICE_TOKEN, TASK);
        assertEquals(200, during.status(), "a decision 0.4 s into the 1 s drain");
        assertEquals("close", during.raw().headers().firstValue("Connection").orElse(""));
        stopping.get(10, TimeUnit.SECONDS);
        assertTrue((System.nanoTime() - t0) / 1e9 >= 1.0, "the drain period was cut short");
    }

    /** Item 9: decisions are audited as a sample (audit.decision_sample) and buffered. */
    @Test
    void decisionAuditIsSampled() throws Exception {
        Path audit = dir.resolve("audit.jsonl");
        ServiceConfig cfg = TestSupport.config().withAudit(new ServiceConfig.Audit(audit, true, 0.1, 0, 3));
        try (OffloadService s = TestSupport.start(cfg)) {
            for (int i = 0; i < 600; i++) {
                TestSupport.call(s, "POST", "/v1/decisions", TestSupport.DEVICE_TOKEN, TASK);
            }
        }
        long lines = Files.readAllLines(audit).stream().filter(l -> l.contains("\"event\":\"decision\"")).count();
        assertTrue(lines >= 30 && lines <= 100, lines + " of 600 decisions audited at a 10 % sample");
    }

    /** Tokens are reloaded without a restart: on POST /v1/reload and when the file changes. */
    @Test
    void tokensAreReloadedOnRequestAndOnChange() throws Exception {
        Path tokens = dir.resolve("tokens");
        Files.writeString(tokens, TestSupport.TOKENS_TEXT);
        Files.setPosixFilePermissions(tokens, PosixFilePermissions.fromString("rw-------"));
        String fresh = "rotated-token-5d1e8a0c3b7f92e4";
        ServiceConfig cfg = TestSupport.config().withTokensFile(tokens).withReloadIntervalS(0.2);
        try (OffloadService s = OffloadService.builder(cfg, TestSupport.scenario()).tokens(Tokens.load(tokens))
                .start()) {
            Files.writeString(tokens, TestSupport.TOKENS_TEXT.replace(TestSupport.DEVICE_TOKEN, fresh));
            TestSupport.Reply reload = TestSupport.call(s, "POST", "/v1/reload", TestSupport.ADMIN_TOKEN, null);
            assertEquals(200, reload.status(), reload.body());
            assertEquals(401, TestSupport.call(s, "POST", "/v1/decisions", TestSupport.DEVICE_TOKEN, TASK).status());
            assertEquals(200, TestSupport.call(s, "POST", "/v1/decisions", fresh, TASK).status());
            // and without a call: the file is watched
            Files.writeString(tokens, TestSupport.TOKENS_TEXT + "later device later-token-9a8b7c6d5e4f3a2b1c0d\n");
            long end = System.nanoTime() + 5_000_000_000L;
            int status = 0;
            while (System.nanoTime() < end && status != 200) {
                Thread.sleep(100);
                status = TestSupport.call(s, "POST", "/v1/decisions", "later-token-9a8b7c6d5e4f3a2b1c0d", TASK).status();
            }
            assertEquals(200, status, "the changed tokens file was not picked up");
            // a broken file keeps the old tokens
            Files.writeString(tokens, "broken\n");
            TestSupport.Reply failed = TestSupport.call(s, "POST", "/v1/reload", TestSupport.ADMIN_TOKEN, null);
            assertEquals(400, failed.status(), failed.body());
            assertEquals(200, TestSupport.call(s, "POST", "/v1/decisions", TestSupport.DEVICE_TOKEN, TASK).status());
        }
    }

    /** Request ids in answers (headers and error bodies) and in the audit log. */
    @Test
    void requestIdsAreReturnedAndLogged() throws Exception {
        Path audit = dir.resolve("audit.jsonl");
        try (OffloadService s = TestSupport.start(TestSupport.config().withAudit(audit, false))) {
            TestSupport.Reply ok = TestSupport.call(s, "POST", "/v1/decisions", TestSupport.DEVICE_TOKEN, TASK);
            assertTrue(ok.raw().headers().firstValue("X-Request-Id").orElse("").matches("[0-9a-f]{16}"));
            java.net.http.HttpResponse<String> mine = java.net.http.HttpClient.newHttpClient().send(
                    java.net.http.HttpRequest.newBuilder(java.net.URI.create(s.baseUrl() + "/v1/policy"))
                            .header("X-Request-Id", "client-chosen-42").header("Content-Type", "application/json")
                            .header("Authorization", "Bearer " + TestSupport.ADMIN_TOKEN)
                            .PUT(java.net.http.HttpRequest.BodyPublishers.ofString("{\"policy\":\"nope\"}")).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            assertEquals("client-chosen-42", mine.headers().firstValue("X-Request-Id").orElse(""));
            assertEquals("client-chosen-42", Fields.MAPPER.readTree(mine.body()).path("request_id").asText());
        }
        boolean logged = false;
        for (String line : Files.readAllLines(audit)) {
            JsonNode j = Fields.MAPPER.readTree(line);
            logged |= j.path("request_id").asText().equals("client-chosen-42");
        }
        assertTrue(logged, Files.readString(audit));
    }

    /** metrics.auth: token puts /metrics behind a token with the metrics role. */
    @Test
    void metricsCanRequireAToken() {
        String tokens = TestSupport.TOKENS_TEXT + "scraper metrics scrape-token-3e9d1c7b5a2f8e6d\n";
        ServiceConfig cfg = TestSupport.config().withMetricsAuth(ServiceConfig.MetricsAuth.TOKEN);
        try (OffloadService s = OffloadService.builder(cfg, TestSupport.scenario())
                .tokens(Tokens.parse(tokens, "t")).start()) {
            assertEquals(401, TestSupport.call(s, "GET", "/metrics", null, null).status());
            assertEquals(403, TestSupport.call(s, "GET", "/metrics", TestSupport.DEVICE_TOKEN, null).status());
            TestSupport.Reply m = TestSupport.call(s, "GET", "/metrics", "scrape-token-3e9d1c7b5a2f8e6d", null);
            assertEquals(200, m.status());
            assertTrue(m.body().contains("offload_http_requests_total"));
        }
        try (OffloadService s = TestSupport.start(TestSupport.config())) {
            assertEquals(200, TestSupport.call(s, "GET", "/metrics", null, null).status(), "default: none");
        }
    }
}
