package org.offload.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;

import org.junit.jupiter.api.Test;

class LoadTestTest {
    @Test
    void openLoopLoadIsMeasuredWithCorrectedLatency() throws Exception {
        try (OffloadService s = TestSupport.start(TestSupport.config())) {
            LoadTest.Options o = new LoadTest.Options(URI.create(s.baseUrl()), 1000, 1, 0.3, TestSupport.DEVICE_TOKEN,
                    4, 1);
            LoadTest.Result r = LoadTest.run(o);
            assertEquals(1000, r.sent());
            assertEquals(1000, r.ok(), r.statuses().toString());
            assertEquals(1000, r.latency().getTotalCount());
            // loose: a cold JVM on a busy CI machine
            assertTrue(r.achievedRate() > 300 && r.achievedRate() < 1200, "rate " + r.achievedRate());
            StringWriter out = new StringWriter();
            LoadTest.print(r, new PrintWriter(out, true));
            assertTrue(out.toString().contains("p99.9"), out.toString());
            assertTrue(out.toString().contains("1000 sent, 1000 ok, 0 errors"), out.toString());
            // without a token every request is an error, counted by status
            LoadTest.Result unauth = LoadTest.run(new LoadTest.Options(URI.create(s.baseUrl()), 200, 0.5, 0, null, 2, 1));
            assertTrue(unauth.sent() == 0 || unauth.statuses().containsKey(401), unauth.sent() + " sent, statuses "
                    + unauth.statuses());
        } catch (java.io.IOException e) {
            // GET /v1/policies needs a token too: the unauthenticated run fails before any load
            assertTrue(e.getMessage().contains("401"), e.getMessage());
        }
    }

    @Test
    void refusesAnythingButLoopback() {
        for (String url : new String[] {"http://192.0.2.1:8080", "http://10.0.0.1:8080", "http://example.invalid:80"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LoadTest.validate(
                    new LoadTest.Options(URI.create(url), 10, 1, 0, null, 1, 1)));
            assertTrue(e.getMessage().contains("only targets this machine"), e.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> LoadTest.validate(
                new LoadTest.Options(URI.create("https://127.0.0.1:8443"), 10, 1, 0, null, 1, 1)));
        assertThrows(IllegalArgumentException.class, () -> LoadTest.validate(
                new LoadTest.Options(URI.create("http://127.0.0.1:8080"), 1e6, 1, 0, null, 1, 1)));
        assertThrows(IllegalArgumentException.class, () -> LoadTest.validate(
                new LoadTest.Options(URI.create("http://127.0.0.1:8080"), 100, 10_000, 0, null, 1, 1)));
        LoadTest.validate(new LoadTest.Options(URI.create("http://localhost:8080"), 100, 1, 0, null, 1, 1));
        LoadTest.validate(new LoadTest.Options(URI.create("http://[::1]:8080"), 100, 1, 0, null, 1, 1));
    }
}
