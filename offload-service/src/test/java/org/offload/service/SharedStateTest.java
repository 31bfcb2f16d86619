package org.offload.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.offload.service.state.RedisState;

/**
 * Two service replicas on one real Redis ({@code state: {backend: redis}}): what one is told, the other knows;
 * claims and rate limits hold across both; a Redis crash answers 503 with the reason and the service recovers
 * without a restart, losing nothing it acknowledged; an unreachable Redis at start is a clear error.
 */
class SharedStateTest {
    static ServiceConfig config(String url, String extra) {
        return new ServiceConfigLoader().parse("host: 127.0.0.1\nport: 0\nstate: {backend: redis, url: '" + url
                + "', claims_ttl_s: 30}\n" + extra, "service.yaml", Path.of(".")).config();
    }

    private static String decision(int device) {
        return "{\"application\":\"AUGMENTED_REALITY\",\"device\":" + device + "}";
    }

    @Test
    void twoReplicasShareTelemetryClaimsAndIds() {
        try (RedisServer redis = RedisServer.start();
             OffloadService a = TestSupport.start(config(redis.url(), ""));
             OffloadService b = TestSupport.start(config(redis.url(), ""))) {
            assertEquals(200, TestSupport.call(a, "POST", "/v1/telemetry", TestSupport.BOTH_TOKEN,
                    "{\"vms\":[{\"vm\":5,\"utilization_percent\":55}]}").status());
            assertEquals(55.0, b.engine().withState(st -> st.vmUtilization(5)), 1e-9, "b sees a's telemetry");

            Set<String> ids = new HashSet<>();
            Set<Integer> byB = new HashSet<>();
            for (int i = 0; i < 20; i++) {
                TestSupport.Reply r = TestSupport.call(b, "POST", "/v1/decisions", TestSupport.DEVICE_TOKEN,
                        decision(i));
                assertEquals(200, r.status(), r.body());
                byB.add(r.json().path("vm").asInt());
                ids.add(r.json().path("task_id").asText());
                ids.add(TestSupport.call(a, "POST", "/v1/decisions", TestSupport.DEVICE_TOKEN, decision(30 + i))
                        .json().path("task_id").asText());
            }
            assertEquals(40, ids.size(), "task ids are unique across replicas");
            for (int vm : byB) {
                double claimed = a.engine().withState(st -> st.vmUtilization(vm));
                assertTrue(claimed > (vm == 5 ? 55 : 0), "a does not see b's claim on vm:" + vm + " (" + claimed + ")");
            }
            assertEquals(200, TestSupport.call(b, "POST", "/v1/telemetry", TestSupport.BOTH_TOKEN,
                    "{\"vms\":[{\"vm\":5,\"utilization_percent\":7}]}").status());
            pause(); // a's view of the state may be up to RedisState.MAX_VIEW_AGE_S old
            assertEquals(7.0, a.engine().withState(st -> st.vmUtilization(5)), 1e-9,
                    "a report through b supersedes the claims a sees");
        }
    }

    private static void pause() {
        try {
            Thread.sleep(Math.round(RedisState.MAX_VIEW_AGE_S * 1000) + 5);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void rateLimitsHoldAcrossReplicas() {
        try (RedisServer redis = RedisServer.start();
             OffloadService a = TestSupport.start(config(redis.url(), "limits: {rate_per_s: 0.01, rate_burst: 4}\n"));
             OffloadService b = TestSupport.start(config(redis.url(), "limits: {rate_per_s: 0.01, rate_burst: 4}\n"))) {
            int ok = 0;
            int limited = 0;
            for (int i = 0; i < 8; i++) {
                int status = TestSupport.call(i % 2 == 0 ? a : b, "POST", "/v1/decisions", TestSupport.DEVICE_TOKEN,
                        decision(3)).status();
                ok += status == 200 ? 1 : 0;
                limited += status == 429 ? 1 : 0;
            }
            assertEquals(4, ok, "one bucket of 4 for device 3 across both replicas");
            assertEquals(4, limited);
        }
    }

    @Test
    void concurrentDecisionsOnTwoReplicasNeverOverCommitAVm() throws Exception {
        try (RedisServer redis = RedisServer.start();
             OffloadService a = TestSupport.start(config(redis.url(), ""));
             OffloadService b = TestSupport.start(config(redis.url(), ""))) {
            // nearly full VMs: most decisions must be refused or go elsewhere; none may over-fill a VM
            StringBuilder t = new StringBuilder("{\"vms\":[");
            for (int vm = 0; vm < 28; vm++) {
                t.append(vm == 0 ? "" : ",").append("{\"vm\":").append(vm).append(",\"utilization_percent\":70}");
            }
            assertEquals(200, TestSupport.call(a, "POST", "/v1/telemetry", TestSupport.BOTH_TOKEN, t + "]}").status());
            ExecutorService pool = Executors.newFixedThreadPool(8);
            try {
                List<Future<Integer>> answers = new ArrayList<>();
                for (int i = 0; i < 200; i++) {
                    OffloadService s = i % 2 == 0 ? a : b;
                    int device = i % 60;
                    answers.add(pool.submit(() -> TestSupport.call(s, "POST", "/v1/decisions",
                            TestSupport.DEVICE_TOKEN, decision(device)).status()));
                }
                for (Future<Integer> f : answers) {
                    int status = f.get();
                    assertTrue(status == 200 || status == 503 || status == 429, "status " + status);
                }
            } finally {
                pool.shutdownNow();
            }
            for (int vm = 0; vm < 28; vm++) {
                int v = vm;
                double limit = vm < 24 ? TestSupport.scenario().edge().utilizationLimitPercent()
                        : TestSupport.scenario().cloud().utilizationLimitPercent();
                double seenA = a.engine().withState(st -> st.vmUtilization(v));
                double seenB = b.engine().withState(st -> st.vmUtilization(v));
                assertEquals(seenA, seenB, 1e-6, "both replicas see the same use of vm:" + vm);
                assertTrue(seenA <= limit + 1e-6, "vm:" + vm + " over-committed: " + seenA + " > " + limit);
            }
        }
    }

    @Test
    void aRedisCrashAnswers503ThenRecoversWithoutLosingAcknowledgedState() throws IOException {
        try (RedisServer redis = RedisServer.start(true);
             OffloadService a = TestSupport.start(config(redis.url(), ""));
             OffloadService b = TestSupport.start(config(redis.url(), ""))) {
            assertEquals(200, TestSupport.call(a, "POST", "/v1/telemetry", TestSupport.BOTH_TOKEN,
                    "{\"vms\":[{\"vm\":3,\"utilization_percent\":42}]}").status());
            TestSupport.Reply placed = TestSupport.call(a, "POST", "/v1/decisions", TestSupport.DEVICE_TOKEN,
                    decision(1));
            assertEquals(200, placed.status(), placed.body());
            int vm = placed.json().path("vm").asInt();
            double claimedBefore = b.engine().withState(st -> st.vmUtilization(vm));
            assertEquals(200, TestSupport.call(b, "GET", "/readyz", null, null).status());

            redis.kill();
            TestSupport.Reply down = TestSupport.call(a, "POST", "/v1/decisions", TestSupport.DEVICE_TOKEN,
                    decision(2));
            assertEquals(503, down.status(), down.body());
            assertTrue(down.body().contains("shared state unavailable (Redis at 127.0.0.1:" + redis.port()),
                    down.body());
            TestSupport.Reply notReady = TestSupport.call(b, "GET", "/readyz", null, null);
            assertEquals(503, notReady.status());
            assertTrue(notReady.body().contains("shared state unavailable"), notReady.body());
            assertEquals(503, TestSupport.call(b, "POST", "/v1/telemetry", TestSupport.BOTH_TOKEN,
                    "{\"vms\":[{\"vm\":4,\"utilization_percent\":1}]}").status(), "telemetry is not acknowledged");

            redis.launch();
            int status = 0;
            long deadline = System.nanoTime() + 15_000_000_000L;
            while (status != 200 && System.nanoTime() < deadline) {
                status = TestSupport.call(a, "POST", "/v1/decisions", TestSupport.DEVICE_TOKEN, decision(2)).status();
            }
            assertEquals(200, status, "decisions recover when Redis is back, without restarting the service");
            assertEquals(200, TestSupport.call(b, "GET", "/readyz", null, null).status());
            assertEquals(42.0, b.engine().withState(st -> st.vmUtilization(3)), 1e-9,
                    "acknowledged telemetry survived the crash");
            assertTrue(b.engine().withState(st -> st.vmUtilization(vm)) >= claimedBefore - 1e-9,
                    "the acknowledged claim on vm:" + vm + " survived the crash");
        }
    }

    @Test
    void anUnreachableRedisAtStartIsAClearError() throws IOException {
        int port = RedisServer.freePort();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TestSupport.start(config("redis://127.0.0.1:" + port, "")));
        assertTrue(e.getMessage().startsWith("cannot reach the shared state: Redis at 127.0.0.1:" + port),
                e.getMessage());
        assertTrue(e.getMessage().endsWith("(state.url in the service configuration)"), e.getMessage());
    }
}
