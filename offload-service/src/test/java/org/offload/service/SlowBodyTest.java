package org.offload.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Clients with a valid token that send only part of a body (report #1): they get 408 after the body timeout, never
 * a 500, and while more of them stall than the server has threads, valid decisions are answered at once.
 */
@Tag("slow")
class SlowBodyTest {
    /** More than the server's 64 threads: with blocking reads these would hold every one of them. */
    private static final int STALLED = 120;
    private static final double TIMEOUT_S = 2;

    @Test
    void stalledBodiesGet408AndDoNotBlockValidDecisions() throws Exception {
        try (OffloadService s = TestSupport.start(TestSupport.config().withBodyTimeoutS(TIMEOUT_S))) {
            List<Socket> stalled = new ArrayList<>();
            try {
                long start = System.nanoTime();
                for (int i = 0; i < STALLED; i++) {
                    stalled.add(partial(s, "{\"appl"));
                }
                Thread.sleep(200); // let the server dispatch them all
                for (int i = 0; i < 3; i++) {
                    long t = System.nanoTime();
                    TestSupport.Reply ok = TestSupport.call(s, "POST", "/v1/decisions", TestSupport.DEVICE_TOKEN,
                            "{\"application\":\"HEALTH_APP\",\"device\":1}");
                    double waited = (System.nanoTime() - t) / 1e9;
                    assertEquals(200, ok.status(), ok.body());
                    assertTrue(waited < TIMEOUT_S / 2, "a valid decision waited " + waited + " s behind "
                            + STALLED + " stalled bodies");
                }
                TreeMap<String, Integer> answers = new TreeMap<>();
                for (Socket c : stalled) {
                    answers.merge(statusLine(c), 1, Integer::sum);
                }
                double took = (System.nanoTime() - start) / 1e9;
                assertEquals(STALLED, answers.getOrDefault("HTTP/1.1 408 Request Timeout", 0), answers.toString());
                assertTrue(took < TIMEOUT_S + 3, "stalled requests answered after " + took + " s");
            } finally {
                for (Socket c : stalled) {
                    c.close();
                }
            }
            String metrics = TestSupport.call(s, "GET", "/metrics", null, null).body();
            assertTrue(metrics.contains("endpoint=\"/v1/decisions\",status=\"408\"} " + STALLED), metrics);
            assertFalse(metrics.contains("status=\"500\""), metrics);
        }
    }

    @Test
    void aBodyTrickledPastTheDeadlineGets408() throws Exception {
        try (OffloadService s = TestSupport.start(TestSupport.config().withBodyTimeoutS(0.5));
             Socket c = partial(s, "{")) {
            OutputStream out = c.getOutputStream();
            String answer = null;
            for (int i = 0; i < 20 && answer == null; i++) { // a byte every 0.2 s: never idle for 0.5 s
                Thread.sleep(200);
                try {
                    out.write(' ');
                    out.flush();
                } catch (IOException closed) {
                    answer = statusLine(c);
                }
                if (answer == null && c.getInputStream().available() > 0) {
                    answer = statusLine(c);
                }
            }
            assertEquals("HTTP/1.1 408 Request Timeout", answer);
        }
    }

    /** Opens a decision request with a valid token that declares 100 body bytes and sends only {@code part}. */
    private static Socket partial(OffloadService s, String part) throws IOException {
        Socket c = new Socket();
        c.connect(new InetSocketAddress("127.0.0.1", s.port()), 5000);
        c.setSoTimeout(10_000);
        String head = "POST /v1/decisions HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer "
                + TestSupport.DEVICE_TOKEN + "\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n";
        c.getOutputStream().write((head + part).getBytes(StandardCharsets.US_ASCII));
        c.getOutputStream().flush();
        return c;
    }

    /** The status line the server answered on {@code c}, "closed" without one, "no answer" on a read timeout. */
    private static String statusLine(Socket c) throws IOException {
        InputStream in = c.getInputStream();
        StringBuilder sb = new StringBuilder();
        try {
            int b;
            while ((b = in.read()) >= 0 && b != '\r') {
                sb.append((char) b);
            }
        } catch (SocketTimeoutException e) {
            return "no answer";
        } catch (IOException e) {
            return sb.length() == 0 ? "closed" : sb.toString();
        }
        return sb.length() == 0 ? "closed" : sb.toString();
    }
}
