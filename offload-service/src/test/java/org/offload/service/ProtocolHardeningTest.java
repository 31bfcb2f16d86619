package org.offload.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 26 item 8: method override, tokens, task ids, error bodies, concurrent admin changes, content type. */
class ProtocolHardeningTest {
    private static final String TASK = "{\"application\":\"HEALTH_APP\",\"device\":1}";

    @TempDir
    Path dir;

    /** Before: GET /v1/policy with X-HTTP-Method-Override: PUT changed the policy and was audited as a GET. */
    @Test
    void methodOverrideHeadersAreRefused() throws Exception {
        Path audit = dir.resolve("audit.jsonl");
        try (OffloadService s = TestSupport.start(TestSupport.config().withAudit(audit, false))) {
            for (String header : HttpServer.METHOD_OVERRIDES) {
                String answer = raw(s, "GET /v1/policy HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer "
                        + TestSupport.ADMIN_TOKEN + "\r\n" + header + ": PUT\r\nContent-Type: application/json\r\n"
                        + "Content-Length: 19\r\nConnection: close\r\n\r\n{\"policy\":\"greedy\"}");
                assertTrue(answer.startsWith("HTTP/1.1 400"), answer);
                assertTrue(answer.contains("\"error\":\"" + header + " is not accepted"), answer);
            }
            assertEquals("least-utilised", s.engine().active().name());
        }
        assertFalse(Files.readString(audit).contains("policy_change"), Files.readString(audit));
    }

    /** Before: "passwordpassword" loaded, 600-character tokens loaded but never matched, a 0666 file loaded. */
    @Test
    void weakLongAndExposedTokensAreRefused() throws Exception {
        ServiceConfigException weak = assertThrows(ServiceConfigException.class,
                () -> Tokens.parse("ops admin passwordpassword\n", "t"));
        assertTrue(weak.getMessage().contains("too easy to guess"), weak.getMessage());
        assertFalse(weak.getMessage().contains("passwordpassword"), "the token is echoed");
        String longToken = "a1B2c3D4e5F6g7H8".repeat(40);
        ServiceConfigException tooLong = assertThrows(ServiceConfigException.class,
                () -> Tokens.parse("ops admin " + longToken + "\n", "t"));
        assertTrue(tooLong.getMessage().contains("16 to 512 characters"), tooLong.getMessage());
        Path file = Files.writeString(dir.resolve("tokens"), TestSupport.TOKENS_TEXT);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-rw-rw-"));
        ServiceConfigException writable = assertThrows(ServiceConfigException.class, () -> Tokens.load(file));
        assertTrue(writable.getMessage().contains("may be written by other users"), writable.getMessage());
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        assertTrue(Tokens.load(file).warnings().get(0).contains("may be read by every user"));
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        assertEquals(List.of(), Tokens.load(file).warnings());
    }

    /**
     * Before: task ids were a counter (restarting at 1, revealing volume) and a client-chosen id could take a
     * counter value or repeat. Now the service's ids are random and unique; the client's id is only echoed.
     */
    @Test
    void taskIdsAreUnguessableAndUnique() {
        try (OffloadService s = TestSupport.start(TestSupport.config())) {
            Set<String> ids = new HashSet<>();
            for (int i = 0; i < 300; i++) {
                JsonNode a = TestSupport.call(s, "POST", "/v1/decisions", TestSupport.DEVICE_TOKEN,
                        "{\"id\":1,\"application\":\"HEALTH_APP\",\"device\":" + (i % 60) + "}").json();
                assertEquals(1, a.path("id").asLong());
                String id = a.path("task_id").asText();
                assertTrue(id.matches("t_[A-Za-z0-9_-]{22}"), id);
                assertTrue(ids.add(id), "duplicate task id " + id);
            }
        }
    }

    /**
     * Before: errors named com.fasterxml.jackson.databind.JsonNode, DeserializationFeature and
     * StreamReadConstraints and echoed up to 200 characters of input; Jetty's own errors were HTML pages.
     */
    @Test
    void errorsAreJsonInTheServicesOwnWords() throws Exception {
        String marker = "Q".repeat(300);
        try (OffloadService s = TestSupport.start(TestSupport.config())) {
            List<String> bodies = List.of("{\"application\":\"" + marker, "{\"a\":1} {\"b\":2}", "{\"a\":NaN}",
                    "{\"a\":" + "[".repeat(20) + "]".repeat(20) + "}", "{\"a\":\"" + "x".repeat(5000) + "\"}",
                    "{\"a\":1" + "9".repeat(100) + "}", "{'a':1}", "{\"a\" 1}", "[1,2", "{\"" + marker + "\":1,\""
                            + marker + "\":2}", "\u00ff\u00fe", "{\"a\":tru}");
            for (String body : bodies) {
                TestSupport.Reply r = TestSupport.call(s, "POST", "/v1/decisions", TestSupport.DEVICE_TOKEN, body);
                assertEquals(400, r.status(), body);
                String error = r.json().path("error").asText();
                assertTrue(error.startsWith("malformed JSON at line 1, column "), error);
                for (String internal : List.of("jackson", "fasterxml", "JsonNode", "StreamReadConstraints",
                        "DeserializationFeature", "Feature", "code ")) {
                    assertFalse(error.toLowerCase().contains(internal.toLowerCase()), error);
                }
                assertFalse(error.contains("Q".repeat(41)), "echoes input: " + error);
            }
            assertEquals("malformed JSON at line 1, column 9: more than one JSON value; send a single object",
                    TestSupport.call(s, "POST", "/v1/decisions", TestSupport.DEVICE_TOKEN, "{\"a\":1} {\"b\":2}")
                            .json().path("error").asText());
            // Jetty's own answers: oversized headers, a malformed request line, an unknown method
            for (String request : List.of("GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: " + "y".repeat(20_000)
                    + "\r\n\r\n", "GARBAGE\r\n\r\n", "GET /healthz HTTP/9.9\r\nHost: x\r\n\r\n")) {
                String answer = raw(s, request);
                assertTrue(answer.contains("Content-Type: application/json"), answer);
                assertTrue(answer.matches("(?s)HTTP/1.1 [45]\\d\\d .*\\r\\n\\r\\n\\{\"error\":\"[^\"]+\",\"status\":[45]\\d\\d}"),
                        answer);
                assertFalse(answer.contains("<html") || answer.contains("jetty") || answer.contains("Jetty"), answer);
            }
        }
    }

    /** Before: concurrent policy changes could log the wrong "from". Each change now names what it replaced. */
    @Test
    void concurrentPolicyChangesAreAuditedInOrder() throws Exception {
        Path audit = dir.resolve("audit.jsonl");
        List<String> policies = List.of("greedy", "random", "round-robin", "cloud-only");
        try (OffloadService s = TestSupport.start(TestSupport.config().withAudit(audit, false))) {
            ExecutorService pool = Executors.newFixedThreadPool(4);
            List<Future<Integer>> calls = new ArrayList<>();
            for (int i = 0; i < 80; i++) {
                String p = policies.get(i % policies.size());
                calls.add(pool.submit(() -> TestSupport.call(s, "PUT", "/v1/policy", TestSupport.ADMIN_TOKEN,
                        "{\"policy\":\"" + p + "\"}").status()));
            }
            for (Future<Integer> f : calls) {
                assertEquals(200, f.get());
            }
            pool.shutdown();
        }
        String previous = "least-utilised";
        int changes = 0;
        for (String line : Files.readAllLines(audit)) {
            JsonNode j = Fields.MAPPER.readTree(line);
            if (j.path("event").asText().equals("policy_change")) {
                assertEquals(previous, j.path("from").asText(), line);
                previous = j.path("to").asText();
                changes++;
            }
        }
        assertEquals(80, changes);
    }

    /** Before: application/jsonfoo passed the content-type check. */
    @Test
    void onlyJsonContentTypesAreAccepted() {
        try (OffloadService s = TestSupport.start(TestSupport.config())) {
            for (String type : List.of("application/jsonfoo", "application/json-patch+json", "text/json",
                    "application/json; charset=latin1", "application/json;boundary=x")) {
                assertEquals(415, TestSupport.call(s.baseUrl(), "POST", "/v1/decisions", TestSupport.DEVICE_TOKEN,
                        TASK, type).status(), type);
            }
            for (String type : List.of("application/json", "Application/JSON", "application/json; charset=utf-8",
                    "application/json;charset=\"UTF-8\"")) {
                assertEquals(200, TestSupport.call(s.baseUrl(), "POST", "/v1/decisions", TestSupport.DEVICE_TOKEN,
                        TASK, type).status(), type);
            }
        }
    }

    /** Sends raw bytes and returns the whole answer (the connection is closed by the server or after 3 s). */
    static String raw(OffloadService s, String request) throws Exception {
        try (Socket sock = new Socket()) {
            sock.connect(new InetSocketAddress("127.0.0.1", s.port()), 5000);
            sock.setSoTimeout(3000);
            OutputStream out = sock.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = sock.getInputStream();
            StringBuilder sb = new StringBuilder();
            byte[] buf = new byte[4096];
            try {
                for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
                    sb.append(new String(buf, 0, n, StandardCharsets.ISO_8859_1));
                    if (sb.indexOf("\r\n\r\n") >= 0 && sb.indexOf("}") > sb.indexOf("\r\n\r\n")) {
                        break;
                    }
                }
            } catch (java.net.SocketTimeoutException | java.net.SocketException e) {
                // what arrived is the answer
            }
            return sb.toString();
        }
    }
}
