package org.offload.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.offload.io.ScenarioLoader;
import org.offload.model.Tier;
import org.offload.scenario.Scenario;

/** Metrics in Prometheus text, explanations, constraint overrides, infeasible answers and stale telemetry over HTTP. */
class MetricsAndConstraintsTest {
    private static final String AR = "{\"application\":\"AUGMENTED_REALITY\",\"device\":4";

    @Test
    void outOfCoverageDevicesAreAnsweredLocallyOrInfeasibleNeverOnAVm() {
        Constraints health = new Constraints(Map.of(), Map.of("HEALTH_APP",
                List.of(NodeSelector.parse("local"), NodeSelector.parse("site:0"), NodeSelector.parse("vm:27"))));
        try (OffloadService s = TestSupport.start(TestSupport.config().withConstraints(health))) {
            for (String policy : List.of("least-utilised", "edge-only", "cloud-only", "greedy")) {
                assertEquals(200, TestSupport.call(s, "PUT", "/v1/policy", TestSupport.ADMIN_TOKEN,
                        "{\"policy\":\"" + policy + "\"}").status());
                for (String app : List.of("AUGMENTED_REALITY", "HEALTH_APP")) {
                    JsonNode a = decide(s, "{\"application\":\"" + app + "\",\"device\":5,\"site\":-1}");
                    assertEquals("placed", a.path("outcome").asText(), a.toString());
                    assertEquals("local", a.path("node").asText(), policy + ": " + a);
                    assertTrue(a.path("estimates").path("latency_s").isNumber(), a.toString());
                }
            }
        }
        Scenario noCpu = new ScenarioLoader().loadDefault(List.of("devices.count=60", "devices.cpu=none"));
        try (OffloadService s = OffloadService.builder(TestSupport.config(), noCpu).tokens(TestSupport.tokens())
                .start()) {
            JsonNode a = decide(s, AR + ",\"site\":-1}");
            assertEquals("infeasible", a.path("outcome").asText(), a.toString());
            assertTrue(a.path("reason").asText().contains("device is out of coverage"), a.toString());
            assertTrue(a.path("explanation").asText().contains("which the device cannot reach"), a.toString());
        }
    }

    @Test
    void constraintsOverrideThePolicyAndMetricsCountIt() {
        Constraints c = new Constraints(Map.of(
                "patient-records", new Constraints.DataClass("patient-records", EnumSet.of(Tier.LOCAL, Tier.EDGE),
                        Double.POSITIVE_INFINITY),
                "on-device", new Constraints.DataClass("on-device", EnumSet.of(Tier.LOCAL), Double.POSITIVE_INFINITY),
                "instant", new Constraints.DataClass("instant", EnumSet.allOf(Tier.class), 0.001)),
                Map.of("HEALTH_APP", List.of(NodeSelector.parse("site:1"))));
        TestSupport.ManualClock clock = new TestSupport.ManualClock();
        ServiceConfig cfg = TestSupport.config().withConstraints(c).withPolicy("cloud-only", null)
                .withTelemetryMaxAgeS(10);
        try (OffloadService s = OffloadService.builder(cfg, TestSupport.scenario()).tokens(TestSupport.tokens())
                .clock(clock).start()) {
            // cloud-only picks a cloud VM: fine without a data class
            JsonNode free = decide(s, AR + "}");
            assertEquals("cloud", free.path("tier").asText());
            assertTrue(free.path("explanation").asText().startsWith("cloud-only (least-utilised cloud VM): vm:"),
                    free.toString());
            // patient records must stay on device or edge: replaced by the fastest feasible option
            JsonNode pr = decide(s, AR + ",\"data_class\":\"patient-records\"}");
            assertEquals("placed", pr.path("outcome").asText());
            assertTrue(List.of("edge", "local").contains(pr.path("tier").asText()), pr.toString());
            assertTrue(pr.path("constraint").path("policy_choice").asText().startsWith("cloud vm:"), pr.toString());
            assertTrue(pr.path("constraint").path("violation").asText()
                    .startsWith("data class 'patient-records' must stay on device, edge"), pr.toString());
            assertTrue(pr.path("explanation").asText().contains("replaced by"), pr.toString());
            // HEALTH_APP may only use site 1 (VMs 8..15)
            JsonNode health = decide(s, "{\"application\":\"HEALTH_APP\",\"device\":4}");
            int vm = health.path("vm").asInt();
            assertTrue(vm >= 8 && vm < 16, health.toString());
            assertEquals(1, health.path("site").asInt());
            // an SLO nothing can meet: infeasible, with a reason
            JsonNode none = decide(s, AR + ",\"data_class\":\"instant\"}");
            assertEquals("infeasible", none.path("outcome").asText());
            assertTrue(none.path("reason").asText().contains("latency SLO 0.001 s"), none.toString());
            // on-device data where the device has a CPU: local
            assertEquals("local", decide(s, AR + ",\"data_class\":\"on-device\"}").path("tier").asText());

            // telemetry is fresh after a report, stale after max_age_s, and decisions say so
            assertEquals(200, TestSupport.call(s, "POST", "/v1/telemetry", TestSupport.BOTH_TOKEN,
                    StateJson.randomTelemetry(TestSupport.scenario(), new java.util.SplittableRandom(1))).status());
            JsonNode fresh = decide(s, AR + "}");
            assertTrue(fresh.path("telemetry").path("fresh").asBoolean(), fresh.toString());
            clock.now = 11;
            JsonNode stale = decide(s, AR + "}");
            assertFalse(stale.path("telemetry").path("fresh").asBoolean(), stale.toString());
            assertTrue(stale.path("telemetry").path("stale").get(0).asText().matches("vm:\\d+ \\(11\\.0 s old > 10 s\\)"),
                    stale.toString());

            String metrics = TestSupport.call(s, "GET", "/metrics", null, null).body();
            assertEquals(7, value(metrics, "offload_http_requests_total{endpoint=\"/v1/decisions\",status=\"200\"}"));
            assertEquals(1, value(metrics, "offload_http_requests_total{endpoint=\"/v1/telemetry\",status=\"200\"}"));
            assertEquals(3, value(metrics, "offload_decisions_total{outcome=\"placed\",tier=\"cloud\"}"));
            assertEquals(3, value(metrics, "offload_decisions_total{outcome=\"placed\",tier=\"edge\"}")
                    + value(metrics, "offload_decisions_total{outcome=\"placed\",tier=\"local\"}"));
            assertEquals(1, value(metrics, "offload_decisions_total{outcome=\"infeasible\",tier=\"none\"}"));
            assertEquals(4, value(metrics, "offload_constraint_overrides_total"));
            assertEquals(7, value(metrics, "offload_http_request_duration_seconds_count{endpoint=\"/v1/decisions\"}"));
            assertEquals(7, value(metrics,
                    "offload_http_request_duration_seconds_bucket{endpoint=\"/v1/decisions\",le=\"+Inf\"}"));
            assertTrue(metrics.contains("# TYPE offload_http_request_duration_seconds histogram"), metrics);
            assertTrue(metrics.contains("le=\"5.0E-5\""), "the first bucket (50 us) as the client library writes it");
            // the JVM's metrics: GC pauses and heap
            assertTrue(metrics.contains("jvm_gc_collection_seconds_count{"), "no GC pause metrics");
            assertTrue(metrics.contains("jvm_memory_used_bytes{area=\"heap\"}"), "no heap metric");
            assertTrue(metrics.contains("offload_policy_info{policy=\"cloud-only\"} 1"), metrics);
            // every sample line is NAME{labels} VALUE or NAME VALUE
            for (String line : metrics.split("\n")) {
                assertTrue(line.startsWith("# HELP ") || line.startsWith("# TYPE ")
                        || line.matches("[a-z_]+(\\{[a-z_]+=\"[^\"]*\"(,[a-z_]+=\"[^\"]*\")*})? [0-9.eE+-]+"), line);
            }
        }
    }

    private static JsonNode decide(OffloadService s, String body) {
        TestSupport.Reply r = TestSupport.call(s, "POST", "/v1/decisions", TestSupport.DEVICE_TOKEN, body);
        assertEquals(200, r.status(), r.body());
        return r.json();
    }

    private static long value(String metrics, String sample) {
        Matcher m = Pattern.compile("^" + Pattern.quote(sample) + " (\\d+)(\\.0)?$", Pattern.MULTILINE).matcher(metrics);
        assertTrue(m.find(), "no sample " + sample + " in\n" + metrics);
        return Long.parseLong(m.group(1));
    }
}
