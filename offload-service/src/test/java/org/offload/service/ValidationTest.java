package org.offload.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Strict input validation: unknown fields, out-of-range values, wrong types, bad JSON, wrong content type. */
class ValidationTest {
    private static OffloadService service;

    @BeforeAll
    static void start() {
        ServiceConfig cfg = TestSupport.config().withConstraints(new Constraints(
                java.util.Map.of("pii", new Constraints.DataClass("pii", java.util.EnumSet.of(org.offload.model.Tier.LOCAL,
                        org.offload.model.Tier.EDGE), Double.POSITIVE_INFINITY)), java.util.Map.of()));
        service = TestSupport.start(cfg);
    }

    @AfterAll
    static void stop() {
        service.stop();
    }

    private static JsonNode bad(String path, String body, int status) {
        TestSupport.Reply r = TestSupport.call(service, "POST", path, path.equals("/v1/telemetry")
                ? TestSupport.BOTH_TOKEN : TestSupport.DEVICE_TOKEN, body);
        assertEquals(status, r.status(), body + " -> " + r.body());
        JsonNode j = r.json();
        assertEquals(status, j.path("status").asInt());
        assertTrue(j.path("error").asText().length() > 5,
                "j.path(\"error\").asText().length() = " + j.path("error").asText().length());
        return j;
    }

    private static void badField(String path, String body, String field, String messagePart) {
        JsonNode j = bad(path, body, 400);
        assertEquals(field, j.path("field").asText(), j.toString());
        assertTrue(j.path("error").asText().contains(messagePart), j.toString());
    }

    @Test
    void decisionRequestsAreCheckedFieldByField() {
        String p = "/v1/decisions";
        badField(p, "{\"application\":\"HEALTH_APP\",\"device\":1,\"colour\":\"red\"}", "colour", "unknown field 'colour'");
        badField(p, "{\"device\":1}", "application", "is required");
        badField(p, "{\"application\":\"CHESS\",\"device\":1}", "application", "unknown application 'CHESS'");
        badField(p, "{\"application\":\"HEALTH_APP\"}", "device", "is required");
        badField(p, "{\"application\":\"HEALTH_APP\",\"device\":60}", "device", "must be in [0, 59], got 60");
        badField(p, "{\"application\":\"HEALTH_APP\",\"device\":-1}", "device", "must be in [0, 59]");
        badField(p, "{\"application\":\"HEALTH_APP\",\"device\":1.5}", "device", "expected an integer");
        badField(p, "{\"application\":\"HEALTH_APP\",\"device\":\"1\"}", "device", "expected an integer");
        badField(p, "{\"application\":\"HEALTH_APP\",\"device\":1,\"delay_sensitivity\":1.5}", "delay_sensitivity",
                "must be in [0, 1]");
        badField(p, "{\"application\":\"HEALTH_APP\",\"device\":1,\"length_mi\":0}", "length_mi", "must be > 0");
        badField(p, "{\"application\":\"HEALTH_APP\",\"device\":1,\"upload_kb\":-3}", "upload_kb", "must be in [0,");
        badField(p, "{\"application\":\"HEALTH_APP\",\"device\":1,\"max_delay_s\":1e300}", "max_delay_s", "must be");
        badField(p, "{\"application\":\"HEALTH_APP\",\"device\":1,\"site\":3}", "site", "must be in [-1, 2]");
        badField(p, "{\"application\":\"HEALTH_APP\",\"device\":1,\"data_class\":\"secret\"}", "data_class",
                "unknown data class 'secret'; configured: pii");
        badField(p, "{\"application\":\"HEALTH_APP\",\"device\":1,\"id\":-5}", "id", "must be in [0,");
        // whole-body problems name no field
        bad(p, "{\"application\":\"HEALTH_APP\",\"device\":1", 400);
        bad(p, "{\"application\":\"HEALTH_APP\",\"device\":1,\"device\":2}", 400);
        bad(p, "[1,2,3]", 400);
        bad(p, "{\"application\":\"HEALTH_APP\",\"device\":NaN}", 400);
        bad(p, "{} {}", 400);
        bad(p, "", 400);
        bad(p, "{\"a\":" + "[".repeat(50) + "]".repeat(50) + "}", 400);
        // a valid request with every field passes
        TestSupport.Reply ok = TestSupport.call(service, "POST", p, TestSupport.DEVICE_TOKEN,
                "{\"id\":7,\"application\":\"HEALTH_APP\",\"device\":1,\"length_mi\":3000,\"upload_kb\":20,"
                        + "\"download_kb\":1250,\"max_delay_s\":2,\"delay_sensitivity\":0.7,\"memory_mb\":100,"
                        + "\"data_class\":\"pii\",\"site\":0}");
        assertEquals(200, ok.status(), ok.body());
        assertEquals(7, ok.json().path("id").asInt(), "the client's id is echoed");
        assertTrue(ok.json().path("task_id").asText().matches("t_[A-Za-z0-9_-]{22}"), ok.body());
    }

    @Test
    void telemetryIsCheckedWithIndexedFieldNames() {
        String p = "/v1/telemetry";
        badField(p, "{\"vms\":[{\"vm\":0},{\"vm\":1,\"utilization_percent\":150}]}", "vms[1].utilization_percent",
                "must be in [0, 100]");
        badField(p, "{\"vms\":[{\"vm\":28}]}", "vms[0].vm", "must be in [0, 27]");
        badField(p, "{\"vms\":[{\"vm\":0,\"temperature\":50}]}", "vms[0].temperature", "unknown field");
        badField(p, "{\"links\":[{\"link\":\"wifi\",\"site\":0}]}", "links[0].link", "unknown link 'wifi'");
        badField(p, "{\"links\":[{\"link\":\"wlan\"}]}", "links[0].site", "is required");
        badField(p, "{\"links\":[{\"link\":\"man\",\"site\":0}]}", "links[0].site", "give no site");
        badField(p, "{\"links\":[{\"link\":\"wan\",\"site\":1,\"bandwidth_mbps\":0}]}", "links[0].bandwidth_mbps",
                "must be in");
        badField(p, "{\"devices\":[{\"device\":3,\"battery_percent\":101}]}", "devices[0].battery_percent", "[0, 100]");
        badField(p, "{\"devices\":[{\"device\":3,\"x\":5}]}", "devices[0].y", "x and y go together");
        badField(p, "{\"vms\":{\"vm\":0}}", "vms", "expected a list");
        badField(p, "{\"vms\":[" + "{\"vm\":0},".repeat(28) + "{\"vm\":0}]}", "vms", "at most 28 items");
        badField(p, "{\"nodes\":[]}", "nodes", "unknown field");
        badField(p, "{\"vms\":[{\"vm\":4},{\"vm\":4}]}", "vms[1].vm", "a second report for vm 4");
        badField(p, "{\"links\":[{\"link\":\"man\"},{\"link\":\"man\"}]}", "links[1].link", "a second report");
        badField(p, "{\"devices\":[{\"device\":2},{\"device\":2}]}", "devices[1].device", "a second report");
        TestSupport.Reply ok = TestSupport.call(service, "POST", p, TestSupport.BOTH_TOKEN,
                "{\"vms\":[{\"vm\":3,\"utilization_percent\":40,\"load\":2}],\"links\":[{\"link\":\"man\","
                        + "\"bandwidth_mbps\":500}],\"devices\":[{\"device\":3,\"battery_percent\":80}]}");
        assertEquals(200, ok.status(), ok.body());
        assertEquals(1, ok.json().path("accepted").path("vms").asInt());
    }

    @Test
    void policyChangesAreChecked() {
        TestSupport.Reply r = TestSupport.call(service, "PUT", "/v1/policy", TestSupport.ADMIN_TOKEN,
                "{\"policy\":\"nope\"}");
        assertEquals(400, r.status());
        assertEquals("policy", r.json().path("field").asText());
        r = TestSupport.call(service, "PUT", "/v1/policy", TestSupport.ADMIN_TOKEN,
                "{\"policy\":\"greedy\",\"model\":\"/nonexistent/model.mlp\"}");
        assertEquals(400, r.status());
        assertEquals("model", r.json().path("field").asText());
        r = TestSupport.call(service, "PUT", "/v1/policy", TestSupport.ADMIN_TOKEN, "{\"policy\":\"greedy\",\"why\":1}");
        assertEquals("why", r.json().path("field").asText());
        assertEquals("least-utilised", service.engine().active().name());
    }

    @Test
    void contentTypeAndSizeAreEnforced() {
        TestSupport.Reply r = TestSupport.call(service.baseUrl(), "POST", "/v1/decisions", TestSupport.DEVICE_TOKEN,
                "{\"application\":\"HEALTH_APP\",\"device\":1}", "text/plain");
        assertEquals(415, r.status());
        String big = "{\"application\":\"HEALTH_APP\",\"device\":1,\"pad\":\"" + "x".repeat(70_000) + "\"}";
        assertEquals(413, TestSupport.call(service, "POST", "/v1/decisions", TestSupport.DEVICE_TOKEN, big).status());
        assertEquals(404, TestSupport.call(service, "GET", "/v2/anything", null, null).status());
        assertEquals(405, TestSupport.call(service, "GET", "/v1/decisions", null, null).status());
    }
}
