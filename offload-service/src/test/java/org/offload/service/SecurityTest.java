package org.offload.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.offload.policy.builtin.BuiltInPolicies;

class SecurityTest {
    private static final String TASK = "{\"application\":\"HEALTH_APP\",\"device\":1}";

    @TempDir
    Path dir;

    @Test
    void missingOrInvalidTokensAre401AndWrongRolesAre403() {
        try (OffloadService s = TestSupport.start(TestSupport.config())) {
            TestSupport.Reply none = TestSupport.call(s, "POST", "/v1/decisions", null, TASK);
            assertEquals(401, none.status());
            assertTrue(none.raw().headers().firstValue("WWW-Authenticate").orElse("").startsWith("Bearer"),
                    none.raw().headers().firstValue("WWW-Authenticate").orElse(""));
            assertEquals(401, TestSupport.call(s, "POST", "/v1/decisions", "not-a-valid-token-at-all", TASK).status());
            assertEquals(401, TestSupport.call(s.baseUrl(), "POST", "/v1/decisions", null, TASK, "application/json")
                    .status());
            assertEquals(401, TestSupport.call(s, "GET", "/v1/policies", null, null).status());
            // device: decide and telemetry, not policy changes; admin: policy changes only
            assertEquals(200, TestSupport.call(s, "POST", "/v1/decisions", TestSupport.DEVICE_TOKEN, TASK).status());
            assertEquals(200, TestSupport.call(s, "POST", "/v1/telemetry", TestSupport.DEVICE_TOKEN, "{}").status());
            assertEquals(200, TestSupport.call(s, "GET", "/v1/policies", TestSupport.DEVICE_TOKEN, null).status());
            TestSupport.Reply forbidden = TestSupport.call(s, "PUT", "/v1/policy", TestSupport.DEVICE_TOKEN,
                    "{\"policy\":\"greedy\"}");
            assertEquals(403, forbidden.status());
            assertTrue(forbidden.json().path("error").asText().contains("admin"),
                    forbidden.json().path("error").asText());
            assertEquals(403, TestSupport.call(s, "POST", "/v1/decisions", TestSupport.ADMIN_TOKEN, TASK).status());
            assertEquals(200, TestSupport.call(s, "PUT", "/v1/policy", TestSupport.ADMIN_TOKEN,
                    "{\"policy\":\"greedy\"}").status());
            assertEquals("greedy", TestSupport.call(s, "POST", "/v1/decisions", TestSupport.BOTH_TOKEN, TASK).json()
                    .path("policy").asText());
            // the probes and metrics need no token
            assertEquals(200, TestSupport.call(s, "GET", "/healthz", null, null).status());
            assertEquals(200, TestSupport.call(s, "GET", "/readyz", null, null).status());
            assertEquals(200, TestSupport.call(s, "GET", "/metrics", null, null).status());
        }
    }

    @Test
    void perTokenRateLimitAnswers429() {
        AtomicLong nanos = new AtomicLong(1_000_000_000L);
        ServiceConfig cfg = TestSupport.config().withLimits(ServiceConfig.DEFAULT_MAX_BODY_BYTES, 10, 3);
        try (OffloadService s = OffloadService.builder(cfg, TestSupport.scenario()).tokens(TestSupport.tokens())
                .nanos(nanos::get).start()) {
            for (int i = 0; i < 3; i++) {
                assertEquals(200, TestSupport.call(s, "POST", "/v1/decisions", TestSupport.DEVICE_TOKEN, TASK).status());
            }
            TestSupport.Reply limited = TestSupport.call(s, "POST", "/v1/decisions", TestSupport.DEVICE_TOKEN, TASK);
            assertEquals(429, limited.status());
            assertEquals("1", limited.raw().headers().firstValue("Retry-After").orElse(""));
            // another token has its own bucket
            assertEquals(200, TestSupport.call(s, "POST", "/v1/decisions", TestSupport.BOTH_TOKEN, TASK).status());
            nanos.addAndGet(100_000_000L); // 0.1 s refills one request at 10/s
            assertEquals(200, TestSupport.call(s, "POST", "/v1/decisions", TestSupport.DEVICE_TOKEN, TASK).status());
            assertEquals(429, TestSupport.call(s, "POST", "/v1/decisions", TestSupport.DEVICE_TOKEN, TASK).status());
        }
    }

    @Test
    void auditLogRecordsAdminActionsAndDecisionsButNeverTokens() throws IOException {
        Path audit = dir.resolve("logs/audit.jsonl");
        ServiceConfig cfg = TestSupport.config().withAudit(audit, true);
        try (OffloadService s = TestSupport.start(cfg)) {
            TestSupport.call(s, "PUT", "/v1/policy", TestSupport.ADMIN_TOKEN, "{\"policy\":\"greedy\"}");
            TestSupport.call(s, "PUT", "/v1/policy", TestSupport.DEVICE_TOKEN, "{\"policy\":\"random\"}");
            TestSupport.call(s, "PUT", "/v1/policy", "wrong-token-0123456789abcdef", "{\"policy\":\"random\"}");
            TestSupport.call(s, "PUT", "/v1/policy", TestSupport.ADMIN_TOKEN, "{\"policy\":\"no-such-policy\"}");
            TestSupport.call(s, "POST", "/v1/decisions", TestSupport.DEVICE_TOKEN, TASK);
        }
        String text = Files.readString(audit);
        for (String token : List.of(TestSupport.DEVICE_TOKEN, TestSupport.ADMIN_TOKEN, TestSupport.BOTH_TOKEN,
                "wrong-token-0123456789abcdef")) {
            assertFalse(text.contains(token), "the audit log contains a token");
        }
        List<JsonNode> lines = new ArrayList<>();
        for (String l : text.strip().split("\n")) {
            lines.add(Fields.MAPPER.readTree(l));
        }
        List<String> summary = new ArrayList<>();
        for (JsonNode l : lines) {
            assertTrue(l.hasNonNull("time"), l.toString());
            summary.add(l.path("event").asText() + "/" + l.path("result").asText("") + "/" + l.path("actor").asText(""));
        }
        assertEquals(List.of("service_start//", "policy_change/ok/ops", "policy_change/denied/fleet",
                "policy_change/denied/", "policy_change/failed/ops", "decision//fleet", "service_stop//"), summary);
        assertEquals("least-utilised", lines.get(1).path("from").asText());
        assertEquals("greedy", lines.get(1).path("to").asText());
        assertEquals(403, lines.get(2).path("status").asInt());
        assertEquals(401, lines.get(3).path("status").asInt());
        assertEquals("placed", lines.get(5).path("outcome").asText());
    }

    @Test
    void everyFailedPolicyChangeByAnAdminIsAudited() throws IOException {
        Path audit = dir.resolve("audit.jsonl");
        List<Integer> statuses = new ArrayList<>();
        try (OffloadService s = TestSupport.start(TestSupport.config().withAudit(audit, false))) {
            String url = s.baseUrl();
            String admin = TestSupport.ADMIN_TOKEN;
            for (String[] attempt : new String[][] {
                    {"{\"policy\":", "application/json"}, {"{\"policy\":\"greedy\"}", "text/plain"},
                    {"{\"policy\":7}", "application/json"}, {"{}", "application/json"},
                    {"{\"policy\":\"greedy\",\"extra\":1}", "application/json"},
                    {"{\"policy\":\"" + "x".repeat(70_000) + "\"}", "application/json"},
                    {"{\"policy\":\"no-such-policy\"}", "application/json"}}) {
                statuses.add(TestSupport.call(url, "PUT", "/v1/policy", admin, attempt[0], attempt[1]).status());
            }
        }
        assertEquals(List.of(400, 415, 400, 400, 400, 413, 400), statuses);
        List<Integer> audited = new ArrayList<>();
        for (String l : Files.readString(audit).strip().split("\n")) {
            JsonNode j = Fields.MAPPER.readTree(l);
            if (j.path("event").asText().equals("policy_change")) {
                assertEquals("failed", j.path("result").asText(), l);
                assertEquals("ops", j.path("actor").asText(), l);
                assertTrue(j.path("error").asText().length() > 5, l);
                audited.add(j.path("status").asInt());
            }
        }
        assertEquals(statuses, audited);
    }

    @Test
    void aBadModelFileIsNeverQuotedInTheAnswerOrTheAuditLog() throws IOException {
        Path secret = Files.writeString(dir.resolve("passwd"), "root:x:0:0:first-secret-line:/root:/bin/bash\n");
        Path later = Files.writeString(dir.resolve("later.mlp"), "offload-mlp 1\nsecond-secret-record 1 2\n");
        Path audit = dir.resolve("audit.jsonl");
        PolicyCatalog catalog = new PolicyCatalog(BuiltInPolicies.registry()).withModelPolicies("dl-tier");
        List<String> errors = new ArrayList<>();
        ServiceConfig cfg = TestSupport.config().withAudit(audit, false)
                .withModels(new ServiceConfig.Models(dir, ServiceConfig.Models.DEFAULT_MAX_BYTES));
        try (OffloadService s = OffloadService.builder(cfg, TestSupport.scenario()).catalog(catalog)
                .tokens(TestSupport.tokens()).start()) {
            for (Path model : List.of(secret, later)) {
                TestSupport.Reply r = TestSupport.call(s, "PUT", "/v1/policy", TestSupport.ADMIN_TOKEN,
                        "{\"policy\":\"dl-tier\",\"model\":" + Fields.MAPPER.writeValueAsString(model.toString())
                                + "}");
                assertEquals(400, r.status(), r.body());
                assertEquals("model", r.json().path("field").asText());
                errors.add(r.json().path("error").asText());
            }
            assertEquals("least-utilised", s.engine().active().name());
        }
        String text = Files.readString(audit);
        for (String answer : List.of(errors.get(0), errors.get(1), text)) {
            assertFalse(answer.contains("first-secret-line") || answer.contains("root:x")
                    || answer.contains("second-secret-record"), answer);
        }
        assertTrue(errors.get(0).startsWith("model: " + secret.toRealPath() + " is not a valid model file for policy "
                + "'dl-tier'"),
                errors.get(0));
    }

    @Test
    void tokensAreStoredHashedAndHashedLinesAuthenticate() {
        String line = Tokens.hashedLine("ops", EnumSet.of(Tokens.Role.ADMIN), "a-long-enough-secret-token");
        assertTrue(line.matches("ops admin sha256:[0-9a-f]{32}:[0-9a-f]{64}"), line);
        assertFalse(line.contains("a-long-enough-secret-token"), line);
        Tokens t = Tokens.parse(line + "\nfleet device plain-token-0123456789\n", "tokens.txt");
        Tokens.Identity ops = t.authenticate("a-long-enough-secret-token");
        assertNotNull(ops);
        assertEquals("ops", ops.name());
        assertTrue(ops.has(Tokens.Role.ADMIN), "ops has the admin role");
        assertFalse(ops.has(Tokens.Role.DEVICE), "ops lacks the device role");
        assertEquals("fleet", t.authenticate("plain-token-0123456789").name());
        assertNull(t.authenticate("plain-token-0123456780"));
        assertNull(t.authenticate(""));
        Tokens env = Tokens.fromEnvironment("a device tok-a1b2c3d4e5f60718293a;b admin tok-b9c8d7e6f5a40312c1b0",
                "OFFLOAD_TOKENS");
        assertEquals(2, env.size());
        assertEquals("b", env.authenticate("tok-b9c8d7e6f5a40312c1b0").name());
    }

    @Test
    void malformedTokenFilesNameFileAndLine() {
        ServiceConfigException role = assertThrows(ServiceConfigException.class,
                () -> Tokens.parse("# c\nops root token-0123456789abcdef\n", "tokens.txt"));
        assertTrue(role.getMessage().startsWith("tokens.txt:2: unknown role 'root'"), role.getMessage());
        ServiceConfigException shortToken = assertThrows(ServiceConfigException.class,
                () -> Tokens.parse("ops admin short\n", "t"));
        assertTrue(shortToken.getMessage().contains("must be 16 to 512 characters"), shortToken.getMessage());
        assertFalse(shortToken.getMessage().contains("short"), "the error message echoes the token");
        assertThrows(ServiceConfigException.class, () -> Tokens.parse("a device x-0123456789abcdefghij\na device "
                + "y-0123456789abcdefghij", "t"));
        assertThrows(ServiceConfigException.class, () -> Tokens.parse("# nothing\n", "t"));
        ServiceConfigException shared = assertThrows(ServiceConfigException.class,
                () -> Tokens.parse("a device same-token-0123456789\n\nb admin same-token-0123456789\n", "t"));
        assertEquals("t:3: the same token as line 1; each identity needs its own token", shared.getMessage());
        assertFalse(shared.getMessage().contains("same-token-0123456789"), "the error message echoes the token");
        String hashed = Tokens.hashedLine("ops", EnumSet.of(Tokens.Role.ADMIN), "shared-secret-0123456789");
        shared = assertThrows(ServiceConfigException.class,
                () -> Tokens.parse(hashed + "\nfleet device shared-secret-0123456789\n", "t"));
        assertEquals("t:2: the same token as line 1; each identity needs its own token", shared.getMessage());
    }

    /** Issue 26 item 7: plain HTTP on an address other than loopback is warned about loudly at start. */
    @Test
    void plainHttpOnANetworkAddressIsWarnedAbout() {
        try (OffloadService s = TestSupport.start(TestSupport.config().withHost("0.0.0.0"))) {
            assertTrue(s.warnings().stream().anyMatch(w -> w.startsWith("WARNING: listening on 0.0.0.0 over plain "
                    + "HTTP")), s.warnings().toString());
        }
        try (OffloadService s = TestSupport.start(TestSupport.config())) {
            assertEquals(List.of(), s.warnings(), "loopback needs no warning");
        }
    }

    @Test
    void withoutTokensTheServiceRefusesToStartUnlessNoAuthOnLoopback() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> OffloadService.builder(TestSupport.config(), TestSupport.scenario()).start());
        assertTrue(e.getMessage().contains("no tokens"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> OffloadService.builder(
                TestSupport.config().withHost("0.0.0.0"), TestSupport.scenario()).noAuth(true).start());
        try (OffloadService s = OffloadService.builder(TestSupport.config(), TestSupport.scenario()).noAuth(true).start()) {
            assertEquals(200, TestSupport.call(s, "POST", "/v1/decisions", null, TASK).status());
        }
    }
}
