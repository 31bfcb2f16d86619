package org.offload.service;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import org.offload.io.ScenarioLoader;
import org.offload.scenario.Scenario;

/** Shared fixtures: a small scenario, tokens, a loopback service on an ephemeral port and an HTTP client. */
final class TestSupport {
    static final String DEVICE_TOKEN = "device-token-0123456789abcdef";
    static final String ADMIN_TOKEN = "admin-token-0123456789abcdef01";
    static final String BOTH_TOKEN = "both-token-0123456789abcdef012";
    static final String TOKENS_TEXT = "# test tokens\n"
            + "fleet device " + DEVICE_TOKEN + "\n"
            + "ops admin " + ADMIN_TOKEN + "\n"
            + "sim admin,device,infra " + BOTH_TOKEN + "\n";

    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private TestSupport() {
    }

    /** The bundled default scenario with 60 devices (3 sites x 8 edge VMs, 4 cloud VMs, devices with a CPU). */
    static Scenario scenario() {
        return new ScenarioLoader().loadDefault(List.of("devices.count=60"));
    }

    static Tokens tokens() {
        return Tokens.parse(TOKENS_TEXT, "test-tokens");
    }

    static ServiceConfig config() {
        return ServiceConfig.defaults().withHost("127.0.0.1").withPort(0);
    }

    static OffloadService start(ServiceConfig config) {
        return OffloadService.builder(config, scenario()).tokens(tokens()).start();
    }

    record Reply(int status, String body, HttpResponse<String> raw) {
        JsonNode json() {
            try {
                return Fields.MAPPER.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException("not JSON: " + body, e);
            }
        }
    }

    static Reply call(OffloadService s, String method, String path, String token, String body) {
        return call(s.baseUrl(), method, path, token, body, "application/json");
    }

    static Reply call(String base, String method, String path, String token, String body, String contentType) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(20));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        if (body != null) {
            if (contentType != null) {
                b.header("Content-Type", contentType);
            }
            b.method(method, HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        } else {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        }
        try {
            HttpResponse<String> r = CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(r.statusCode(), r.body(), r);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A manually advanced clock. */
    static final class ManualClock implements ServiceClock {
        volatile double now;

        @Override
        public double nowS() {
            return now;
        }
    }
}
