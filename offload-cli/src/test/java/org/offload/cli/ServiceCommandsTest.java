package org.offload.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code offload serve}, {@code offload loadtest} and {@code offload run --remote}, on loopback only. */
@Tag("slow")
class ServiceCommandsTest {
    @TempDir
    Path tmp;

    @Test
    void serveRunRemoteAndLoadtestEndToEnd() throws Exception {
        Path portFile = tmp.resolve("port");
        Path tokens = tmp.resolve("tokens");
        Files.writeString(tokens, "sim device,infra cli-test-token-0123456789\n");
        CompletableFuture<MainTest.Result> serve = CompletableFuture.supplyAsync(() -> MainTest.offload("serve",
                "--host", "127.0.0.1", "--port", "0", "--port-file", portFile.toString(), "--tokens", tokens.toString(),
                "--policy", "greedy"));
        try {
            long until = System.nanoTime() + 30_000_000_000L;
            while (!Files.exists(portFile) && System.nanoTime() < until && !serve.isDone()) {
                Thread.sleep(20);
            }
            assertTrue(Files.exists(portFile), serve.isDone() ? serve.get().err() : "serve did not start");
            String url = "http://127.0.0.1:" + Files.readString(portFile).strip();

            MainTest.Result run = MainTest.offload("run", "--duration", "60", "--warmup", "5", "--out",
                    tmp.resolve("remote").toString(), "--remote", url, "--token", "cli-test-token-0123456789",
                    "--telemetry-interval-ms", "0", "--policy", "greedy");
            assertEquals(0, run.code(), run.err());
            assertTrue(run.out().contains("Policy            remote:greedy"), run.out());
            assertTrue(run.out().contains("Overhead          wall"), run.out());
            assertTrue(run.out().contains("; identical"), run.out());

            MainTest.Result load = MainTest.offload("loadtest", url, "--rate", "300", "--duration", "1", "--warmup", "0",
                    "--connections", "2", "--token", "cli-test-token-0123456789");
            assertEquals(0, load.code(), load.err());
            assertTrue(load.out().contains("300 sent, 300 ok, 0 errors"), load.out());
            assertTrue(load.out().contains("p99.9"), load.out());

            MainTest.Result noToken = MainTest.offload("run", "--duration", "60", "--warmup", "5", "--out",
                    tmp.resolve("x").toString(),
                    "--remote", url, "--token", "wrong-token-0123456789abc");
            assertEquals(2, noToken.code());
            assertTrue(noToken.err().contains("401"), noToken.err());

            MainTest.Result otherPolicy = MainTest.offload("run", "--duration", "60", "--warmup", "5", "--out",
                    tmp.resolve("y").toString(), "--remote", url, "--token", "cli-test-token-0123456789",
                    "--policy", "least-utilised");
            assertEquals(2, otherPolicy.code(), otherPolicy.err());
            assertTrue(otherPolicy.err().contains("--policy least-utilised: with --remote the service decides with "
                    + "its own policy 'greedy'"), otherPolicy.err());
            assertFalse(Files.exists(tmp.resolve("y")), tmp.resolve("y") + " should not exist");
        } finally {
            ServeCommand.stopAll();
        }
        MainTest.Result served = serve.get(30, TimeUnit.SECONDS);
        assertEquals(0, served.code(), served.err());
        assertTrue(served.out().contains("offload serve: listening on http://127.0.0.1:"), served.out());
    }

    @Test
    void loadtestRefusesOtherHostsAndServeRejectsBadInput() throws Exception {
        MainTest.Result far = MainTest.offload("loadtest", "http://192.0.2.10:8080", "--rate", "10", "--duration", "1");
        assertEquals(2, far.code());
        assertTrue(far.err().contains("only targets this machine"), far.err());

        Path cfg = tmp.resolve("service.yaml");
        Files.writeString(cfg, "port: 8080\nconstraints:\n  data_classes:\n    pii: {keep_on: [fog]}\n");
        MainTest.Result bad = MainTest.offload("serve", "--config", cfg.toString());
        assertEquals(2, bad.code());
        assertTrue(bad.err().contains("service.yaml:4: constraints.data_classes.pii.keep_on[0]: unknown tier 'fog'"),
                bad.err());

        MainTest.Result noTokens = MainTest.offload("serve", "--port", "0", "--host", "127.0.0.1", "--tokens",
                tmp.resolve("missing").toString());
        assertEquals(2, noTokens.code());
        assertTrue(noTokens.err().contains("cannot read the tokens file"), noTokens.err());

        MainTest.Result policy = MainTest.offload("serve", "--port", "0", "--no-auth", "--policy", "nope");
        assertEquals(2, policy.code());
    }

    @Test
    void hashTokensPrintsSaltedHashes() {
        InputStream stdin = System.in;
        try {
            System.setIn(new ByteArrayInputStream("fleet device fleet-token-0123456789\n# comment\n"
                    .getBytes(StandardCharsets.UTF_8)));
            MainTest.Result r = MainTest.offload("serve", "--hash-tokens");
            assertEquals(0, r.code(), r.err());
            assertTrue(r.out().strip().matches("fleet device sha256:[0-9a-f]{32}:[0-9a-f]{64}"), r.out());
            assertFalse(r.out().contains("fleet-token-0123456789"), r.out());
        } finally {
            System.setIn(stdin);
        }
    }

    /** Issue 27: serve takes policy options; an option the policy lacks is a usage error. */
    @Test
    void serveTakesPolicyOptionsAndWarnsWhenNoAuthIgnoresTokens() throws Exception {
        Path portFile = tmp.resolve("port-options");
        Path tokens = tmp.resolve("tokens-options");
        Files.writeString(tokens, "sim device,infra cli-test-token-0123456789\n");
        MainTest.Result bad = MainTest.offload("serve", "--port", "0", "--tokens", tokens.toString(), "--policy",
                "greedy", "--policy-option", "v=1");
        assertEquals(2, bad.code(), bad.err());
        assertTrue(bad.err().contains("has no option 'v'"), bad.err());
        CompletableFuture<MainTest.Result> serve = CompletableFuture.supplyAsync(() -> MainTest.offload("serve",
                "--port", "0", "--port-file", portFile.toString(), "--tokens", tokens.toString(), "--policy",
                "accuracy-aware", "--policy-option", "v=0.5", "--policy-option", "a_min=0.7"));
        try {
            long until = System.nanoTime() + 30_000_000_000L;
            while (!Files.exists(portFile) && System.nanoTime() < until && !serve.isDone()) {
                Thread.sleep(20);
            }
            assertTrue(Files.exists(portFile), serve.isDone() ? serve.get().err() : "serve did not start");
            java.net.http.HttpResponse<String> r = java.net.http.HttpClient.newHttpClient().send(
                    java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:"
                            + Files.readString(portFile).strip() + "/v1/policies"))
                            .header("Authorization", "Bearer cli-test-token-0123456789").build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            assertTrue(r.body().contains("\"options\":{\"v\":\"0.5\",\"a_min\":\"0.7\"}")
                    || r.body().contains("\"options\":{\"a_min\":\"0.7\",\"v\":\"0.5\"}"), r.body());
        } finally {
            ServeCommand.stopAll();
        }
        MainTest.Result served = serve.get(30, TimeUnit.SECONDS);
        assertEquals(0, served.code(), served.err());
        assertTrue(served.err().contains("may be read by every user"), "tokens file warning: " + served.err());
        assertTrue(ServeCommand.ignoredTokensWarning(true, "a device x").contains("OFFLOAD_TOKENS is set but "
                + "--no-auth"));
        assertEquals(null, ServeCommand.ignoredTokensWarning(false, "a device x"));
        assertEquals(null, ServeCommand.ignoredTokensWarning(true, null));
    }
}
