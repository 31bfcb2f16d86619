package org.offload.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 26 items 2 (identity bound to the token, plausible telemetry), 3 (refused calls throttled) and 4 (per-device buckets). */
class IdentityAndThrottlingTest {
    static final String WARD = "ward-token-7f3c9d2e4b1a8c6f5e0d";
    static final String TOKENS = TestSupport.TOKENS_TEXT + "ward device " + WARD + " devices=0-9,42\n";

    @TempDir
    Path dir;

    private static OffloadService start(ServiceConfig cfg) {
        return OffloadService.builder(cfg, TestSupport.scenario()).tokens(Tokens.parse(TOKENS, "tokens")).start();
    }

    /**
     * Item 2: a device token cannot report VMs or links (before: setting every edge VM to 100 % and the WLAN to
     * 1e-6 Mbit/s made the service place another device's task with an estimated latency of 1e7 s), a scoped token
     * cannot speak for devices outside its scope (before: any token set device 42 out of coverage), and link
     * reports outside plausible ranges are refused.
     */
    @Test
    void deviceTokensSpeakOnlyForTheirDevicesAndInfrastructureNeedsItsRole() {
        try (OffloadService s = start(TestSupport.config())) {
            TestSupport.Reply vms = TestSupport.call(s, "POST", "/v1/telemetry", TestSupport.DEVICE_TOKEN,
                    "{\"vms\":[{\"vm\":0,\"utilization_percent\":100}]}");
            assertEquals(403, vms.status(), vms.body());
            assertTrue(vms.json().path("error").asText().contains("infra role"), vms.body());
            TestSupport.Reply link = TestSupport.call(s, "POST", "/v1/telemetry", TestSupport.DEVICE_TOKEN,
                    "{\"links\":[{\"link\":\"wlan\",\"site\":0,\"bandwidth_mbps\":100}]}");
            assertEquals(403, link.status(), link.body());
            // with the infra role, an implausible bandwidth is refused (the scenario's WLAN: 264 Mbit/s; allowed
            // 1/100 to 10 times that)
            TestSupport.Reply implausible = TestSupport.call(s, "POST", "/v1/telemetry", TestSupport.BOTH_TOKEN,
                    "{\"links\":[{\"link\":\"wlan\",\"site\":0,\"bandwidth_mbps\":1e-6}]}");
            assertEquals(400, implausible.status(), implausible.body());
            assertEquals("links[0].bandwidth_mbps", implausible.json().path("field").asText());
            // a scoped token: its devices only, for telemetry and decisions alike
            TestSupport.Reply other = TestSupport.call(s, "POST", "/v1/telemetry", WARD,
                    "{\"devices\":[{\"device\":3,\"site\":1},{\"device\":17,\"site\":-1}]}");
            assertEquals(403, other.status(), other.body());
            assertEquals("devices[1].device", other.json().path("field").asText());
            assertEquals(200, TestSupport.call(s, "POST", "/v1/telemetry", WARD,
                    "{\"devices\":[{\"device\":42,\"site\":-1}]}").status());
            TestSupport.Reply decideOther = TestSupport.call(s, "POST", "/v1/decisions", WARD,
                    "{\"application\":\"HEALTH_APP\",\"device\":17}");
            assertEquals(403, decideOther.status(), decideOther.body());
            assertEquals("device", decideOther.json().path("field").asText());
            // device 42's state is not disclosed to another token's decisions
            TestSupport.Reply decide42 = TestSupport.call(s, "POST", "/v1/decisions", TestSupport.DEVICE_TOKEN,
                    "{\"application\":\"HEALTH_APP\",\"device\":42}");
            assertEquals(200, decide42.status());
        }
    }

    /**
     * Item 4: devices sharing the fleet token have a bucket each, so a flooding device does not starve a
     * well-behaved one (before: 7 of 10 of its requests were refused).
     */
    @Test
    void devicesSharingATokenHaveABucketEach() {
        AtomicLong nanos = new AtomicLong(1_000_000_000L);
        ServiceConfig cfg = TestSupport.config().withLimits(ServiceConfig.DEFAULT_MAX_BODY_BYTES, 10, 5);
        try (OffloadService s = OffloadService.builder(cfg, TestSupport.scenario()).tokens(TestSupport.tokens())
                .nanos(nanos::get).start()) {
            Map<Integer, Integer> flooder = new TreeMap<>();
            for (int i = 0; i < 50; i++) {
                flooder.merge(decide(s, 1), 1, Integer::sum);
            }
            assertEquals(Map.of(200, 5, 429, 45), flooder);
            Map<Integer, Integer> polite = new TreeMap<>();
            for (int i = 0; i < 5; i++) {
                polite.merge(decide(s, 2), 1, Integer::sum);
                nanos.addAndGet(100_000_000L); // one request each 0.1 s, as its rate allows
                polite.merge(decide(s, 2), 1, Integer::sum);
            }
            assertEquals(Map.of(200, 10), polite);
            String m = TestSupport.call(s, "GET", "/metrics", null, null).body();
            assertTrue(m.contains("offload_refused_requests_total{client=\"fleet\",status=\"429\"} 45"), m);
        }
    }

    private static int decide(OffloadService s, int device) {
        return TestSupport.call(s, "POST", "/v1/decisions", TestSupport.DEVICE_TOKEN,
                "{\"application\":\"HEALTH_APP\",\"device\":" + device + "}").status();
    }

    /**
     * Item 3: 1,000 unauthenticated policy changes from one address get 429 beyond the refused-authentication
     * bucket, and only the admitted ones are audited (before: 0 x 429 and 1,000 audit lines, each flushed alone).
     */
    @Test
    void refusedAuthenticationsAreThrottledPerAddressAndAuditedBoundedly() throws IOException {
        Path audit = dir.resolve("audit.jsonl");
        ServiceConfig cfg = TestSupport.config().withAudit(audit, false)
                .withLimits(TestSupport.config().limits().withAuthFailRate(5, 20));
        Map<Integer, Integer> statuses = new TreeMap<>();
        long t0 = System.nanoTime();
        try (OffloadService s = TestSupport.start(cfg)) {
            for (int i = 0; i < 1000; i++) {
                statuses.merge(TestSupport.call(s, "PUT", "/v1/policy", i % 2 == 0 ? null : "guess-" + i + "-aaaaaaaaaa",
                        "{\"policy\":\"greedy\"}").status(), 1, Integer::sum);
            }
            // a valid admin is not locked out by the bucket of refused calls (nor checked against it)
            assertEquals(200, TestSupport.call(s, "PUT", "/v1/policy", TestSupport.ADMIN_TOKEN,
                    "{\"policy\":\"greedy\"}").status());
            String m = TestSupport.call(s, "GET", "/metrics", null, null).body();
            assertTrue(m.contains("offload_refused_requests_total{client=\"127.0.0.1\",status=\"429\"}"), m);
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        assertTrue(statuses.getOrDefault(429, 0) > 900, statuses.toString());
        long denied = Files.readAllLines(audit).stream().filter(l -> l.contains("\"denied\"")).count();
        assertTrue(denied <= 20 + 5 * seconds + 1, denied + " denied lines in " + seconds + " s");
        assertEquals(statuses.get(401).longValue(), denied, "every 401 is audited, no 429");
    }

    @Test
    void theAuditLogRotatesAtItsSizeLimit() throws IOException {
        Path audit = dir.resolve("audit.jsonl");
        ServiceConfig cfg = TestSupport.config().withAudit(new ServiceConfig.Audit(audit, false, 1, 4096, 2));
        try (OffloadService s = TestSupport.start(cfg)) {
            for (int i = 0; i < 60; i++) {
                TestSupport.call(s, "PUT", "/v1/policy", TestSupport.ADMIN_TOKEN, "{\"policy\":\""
                        + (i % 2 == 0 ? "greedy" : "random") + "\"}");
            }
        }
        assertTrue(Files.size(audit) <= 4096, "audit.jsonl " + Files.size(audit));
        assertTrue(Files.size(dir.resolve("audit.jsonl.1")) <= 4096);
        assertTrue(Files.exists(dir.resolve("audit.jsonl.2")));
        assertTrue(!Files.exists(dir.resolve("audit.jsonl.3")), "more files than audit.keep");
        for (String f : List.of("audit.jsonl", "audit.jsonl.1")) {
            for (String line : Files.readAllLines(dir.resolve(f))) {
                JsonNode j = Fields.MAPPER.readTree(line);
                assertTrue(j.hasNonNull("event"), line);
            }
        }
    }
}
