package org.offload.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.offload.model.Decision;
import org.offload.policy.PolicyRegistry;
import org.offload.policy.builtin.BuiltInPolicies;

/** Graceful shutdown: requests in flight when stop() is called complete; readiness turns 503 meanwhile. */
@Tag("slow")
class GracefulShutdownTest {
    @Test
    void inFlightRequestsCompleteAndNewOnesAreTurnedAway() throws Exception {
        PolicyRegistry registry = BuiltInPolicies.registry().register("slow", "sleeps 600 ms, then the cloud", c -> (t, v) -> {
            try {
                Thread.sleep(600);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return Decision.cloud(v.firstCloudVm());
        });
        ServiceConfig cfg = TestSupport.config().withPolicy("slow", null).withShutdownGraceS(10);
        OffloadService s = OffloadService.builder(cfg, TestSupport.scenario()).tokens(TestSupport.tokens())
                .catalog(new PolicyCatalog(registry)).start();
        int port = s.port();
        CompletableFuture<TestSupport.Reply> slow = CompletableFuture.supplyAsync(() -> TestSupport.call(s, "POST",
                "/v1/decisions", TestSupport.DEVICE_TOKEN, "{\"application\":\"HEALTH_APP\",\"device\":1}"));
        long waitUntil = System.nanoTime() + 5_000_000_000L;
        while (s.inFlight() == 0 && System.nanoTime() < waitUntil) {
            Thread.sleep(2);
        }
        assertEquals(1, s.inFlight(), "the slow request never started");
        CompletableFuture<Void> stopping = CompletableFuture.runAsync(s::stop);
        while (!s.draining()) {
            Thread.sleep(1);
        }
        // While draining: not ready, new work refused, the slow request still running.
        assertEquals(503, TestSupport.call(s.baseUrl(), "GET", "/readyz", null, null, null).status());
        TestSupport.Reply refused = TestSupport.call(s, "POST", "/v1/decisions", TestSupport.DEVICE_TOKEN,
                "{\"application\":\"HEALTH_APP\",\"device\":1}");
        assertEquals(503, refused.status());
        assertFalse(slow.isDone(), "the slow request is still in flight");
        TestSupport.Reply done = slow.get(10, TimeUnit.SECONDS);
        assertEquals(200, done.status(), done.body());
        assertEquals("placed", done.json().path("outcome").asText());
        assertEquals("cloud", done.json().path("tier").asText());
        stopping.get(10, TimeUnit.SECONDS);
        assertThrows(ConnectException.class, () -> {
            try (Socket sock = new Socket()) {
                sock.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            } catch (ConnectException e) {
                throw e;
            } catch (IOException e) {
                throw new ConnectException(e.toString());
            }
        });
    }
}
