package org.offload.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.offload.scenario.Scenario;

/**
 * QoS classes and network slices in the decision service ({@code qos:} in the service config): the class in the
 * request and the answer, slice-aware estimates from link telemetry with per-slice counts, the same answers with
 * the Redis backend, and the strict config keys. The bulk class saturates site 0's WLAN (264 Mbit/s) with up to
 * 20,000 transfers; HEALTH_APP (class critical: 20 KB up, 1,250 KB down, 3,000 MI on a 10,000 MIPS edge core)
 * has a 1.5 s target. Its slice reserves 40% of the WLAN.
 */
class QosSlicesServiceTest {
    static final String QOS = """
            qos:
              slices:
                - {name: urllc, share: 0.4, links: [wlan]}
              classes:
                - {name: critical, latency_target_s: 1.5, bandwidth_mbps: 2, slice: urllc}
                - {name: bulk, latency_target_s: 30}
              applications: {HEALTH_APP: critical, HEAVY_COMP_APP: bulk}
            """;

    private static ServiceConfigLoader.Loaded parse(String yaml) {
        return new ServiceConfigLoader(k -> null).parse(yaml, "service.yaml", Path.of("."));
    }

    /** A service on the test scenario with {@code extra} config (its {@code qos:} applied to the scenario). */
    static OffloadService start(String extra) {
        ServiceConfigLoader.Loaded loaded = parse("host: 127.0.0.1\nport: 0\npolicy: edge-only\n" + extra);
        Scenario scenario = loaded.scenario(TestSupport.scenario());
        return OffloadService.builder(loaded.config(), scenario).tokens(TestSupport.tokens()).start();
    }

    /** Site 0's WLAN carries {@code bulk} transfers of the remainder and {@code urllc} of the slice. */
    static String wlanLoad(int bulk, int urllc, boolean perSlice) {
        return "{\"links\":[{\"link\":\"wlan\",\"site\":0,\"active_transfers\":" + (bulk + urllc)
                + (perSlice ? ",\"slice_transfers\":{\"urllc\":" + urllc + "}" : "") + "}]}";
    }

    static JsonNode decide(OffloadService s, String app, String extra) {
        TestSupport.Reply r = TestSupport.call(s, "POST", "/v1/decisions", TestSupport.DEVICE_TOKEN,
                "{\"application\":\"" + app + "\",\"device\":1,\"site\":0" + extra + "}");
        assertEquals(200, r.status(), r.body());
        return r.json();
    }

    static void telemetry(OffloadService s, String body) {
        TestSupport.Reply r = TestSupport.call(s, "POST", "/v1/telemetry", TestSupport.BOTH_TOKEN, body);
        assertEquals(200, r.status(), r.body());
    }

    @Test
    void theCriticalClassKeepsMeetingItsTargetWhileBulkSaturatesTheLink() {
        try (OffloadService sliced = start(QOS); OffloadService plain = start("")) {
            boolean plainMissed = false;
            for (int bulk : new int[] {0, 10, 100, 1_000, 20_000}) {
                telemetry(sliced, wlanLoad(bulk, 2, true));
                telemetry(plain, wlanLoad(bulk, 2, false));
                JsonNode a = decide(sliced, "HEALTH_APP", "");
                assertEquals("placed", a.path("outcome").asText(), a.toString());
                double est = a.path("estimates").path("latency_s").asDouble();
                assertTrue(est <= 1.5, bulk + " bulk transfers: critical estimate " + est + " s misses 1.5 s");
                assertEquals("critical", a.path("qos").path("qos_class").asText(), a.toString());
                assertEquals("urllc", a.path("qos").path("slice").asText());
                assertTrue(a.path("qos").path("estimate_meets_target").asBoolean());
                // Closed form: the slice's GPS rate split among its 2 transfers and the newcomer.
                double wlanRate = 264e6 * 0.4 / (bulk > 0 ? 1.0 : 0.4) / 3;
                double expectedWlan = (20 + 1250) * 8000 / wlanRate;
                assertTrue(est >= expectedWlan, est + " < the slice's transfer time " + expectedWlan);
                assertTrue(est <= expectedWlan + 0.3 + 1e-9, est + " > transfer " + expectedWlan + " + 0.3 s execution");

                JsonNode p = decide(plain, "HEALTH_APP", "");
                assertTrue(p.path("qos").isMissingNode(), "no qos block without classes: " + p);
                plainMissed |= p.path("estimates").path("latency_s").asDouble() > 1.5;
            }
            assertTrue(plainMissed, "without the slice the saturated WLAN must push the estimate past the target");
        }
    }

    @Test
    void theRequestMayNameTheClassAndTheBulkClassPaysForTheReservation() {
        try (OffloadService s = start(QOS)) {
            telemetry(s, wlanLoad(400, 5, true));
            JsonNode own = decide(s, "HEAVY_COMP_APP", "");
            assertEquals("bulk", own.path("qos").path("qos_class").asText());
            assertFalse(own.path("qos").has("slice"), "bulk uses the unreserved remainder: " + own);
            JsonNode asBulk = decide(s, "HEALTH_APP", ",\"qos_class\":\"bulk\"");
            JsonNode asCritical = decide(s, "HEALTH_APP", "");
            double bulk = asBulk.path("estimates").path("latency_s").asDouble();
            double critical = asCritical.path("estimates").path("latency_s").asDouble();
            // Remainder: 264 * 0.6 Mbit/s over 401 transfers; slice: 264 * 0.4 over 6.
            assertEquals(10.16e6 / (264e6 * 0.6 / 401), bulk - 0.3, 0.05, asBulk.toString());
            assertTrue(critical < bulk / 10, critical + " vs " + bulk);

            TestSupport.Reply bad = TestSupport.call(s, "POST", "/v1/decisions", TestSupport.DEVICE_TOKEN,
                    "{\"application\":\"HEALTH_APP\",\"device\":1,\"qos_class\":\"gold\"}");
            assertEquals(400, bad.status());
            assertTrue(bad.body().contains("qos_class: unknown QoS class 'gold'"), bad.body());
            TestSupport.Reply badSlice = TestSupport.call(s, "POST", "/v1/telemetry", TestSupport.BOTH_TOKEN,
                    "{\"links\":[{\"link\":\"wan\",\"site\":0,\"active_transfers\":3,\"slice_transfers\":{\"urllc\":1}}]}");
            assertEquals(400, badSlice.status());
            assertTrue(badSlice.body().contains("links[0].slice_transfers.urllc"), badSlice.body());
            TestSupport.Reply tooMany = TestSupport.call(s, "POST", "/v1/telemetry", TestSupport.BOTH_TOKEN,
                    "{\"links\":[{\"link\":\"wlan\",\"site\":0,\"active_transfers\":3,\"slice_transfers\":{\"urllc\":4}}]}");
            assertEquals(400, tooMany.status());
            assertTrue(tooMany.body().contains("add up to more than active_transfers"), tooMany.body());
        }
    }

    @Test
    void redisReplicasGiveTheSameSliceAwareAnswers() {
        RedisServer.assumeInstalled();
        try (RedisServer redis = RedisServer.start();
             OffloadService local = start(QOS);
             OffloadService a = start("state: {backend: redis, url: '" + redis.url() + "', claims_ttl_s: 30}\n" + QOS);
             OffloadService b = start("state: {backend: redis, url: '" + redis.url() + "', claims_ttl_s: 30}\n"
                     + QOS)) {
            telemetry(local, wlanLoad(1_000, 3, true));
            telemetry(a, wlanLoad(1_000, 3, true));
            double expected = decide(local, "HEALTH_APP", "").path("estimates").path("latency_s").asDouble();
            JsonNode viaB = decide(b, "HEALTH_APP", "");
            assertEquals(expected, viaB.path("estimates").path("latency_s").asDouble(), 1e-12,
                    "b reads a's per-slice telemetry from Redis: " + viaB);
            assertTrue(expected <= 1.5);
            double bulkLocal = decide(local, "HEALTH_APP", ",\"qos_class\":\"bulk\"").path("estimates")
                    .path("latency_s").asDouble();
            double bulkB = decide(b, "HEALTH_APP", ",\"qos_class\":\"bulk\"").path("estimates").path("latency_s")
                    .asDouble();
            assertEquals(bulkLocal, bulkB, 1e-12);
        }
    }

    @Test
    void theQosBlockHasStrictKeysAndIsCheckedAgainstTheScenario() {
        Scenario base = TestSupport.scenario();
        assertEquals("service.yaml:4: qos.slices[0].shares: unknown key (did you mean 'share'?); allowed keys here: "
                + "name, share, links", assertThrows(ServiceConfigException.class, () -> parse(
                "host: 127.0.0.1\nqos:\n  slices:\n    - {name: a, shares: 0.5}\n  classes: []\n")).getMessage());
        String sum = assertThrows(ServiceConfigException.class, () -> parse("""
                qos:
                  slices: [{name: a, share: 0.7}, {name: b, share: 0.6, links: [wlan]}]
                  classes: [{name: c, latency_target_s: 1}]
                """)).getMessage();
        assertTrue(sum.startsWith("service.yaml:2: qos.slices: the shares of the slices on wlan links add up to"), sum);
        String slice = assertThrows(ServiceConfigException.class, () -> parse("""
                qos:
                  classes: [{name: c, latency_target_s: 1, slice: nope}]
                """)).getMessage();
        assertTrue(slice.startsWith("service.yaml:2: qos.classes[0].slice: unknown slice 'nope'"), slice);
        String cls = assertThrows(ServiceConfigException.class, () -> parse("""
                qos:
                  classes: [{name: c, latency_target_s: 1}]
                  applications: {HEALTH_APP: d}
                """)).getMessage();
        assertTrue(cls.startsWith("service.yaml:3: qos.applications.HEALTH_APP: unknown QoS class 'd'"), cls);
        ServiceConfigLoader.Loaded app = parse("qos:\n  classes: [{name: c, latency_target_s: 1}]\n"
                + "  applications: {CHESS: c}\n");
        String m = assertThrows(ServiceConfigException.class, () -> app.scenario(base)).getMessage();
        assertTrue(m.startsWith("service.yaml:3: qos.applications.CHESS: no application 'CHESS'"), m);
        assertEquals(base, parse("").scenario(base), "no qos block: the scenario as it is");
    }
}
