package org.offload.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * TLS from a PKCS12 keystore. The JDK has no public API to make a self-signed certificate, so the test makes the
 * keystore with the JDK's {@code keytool} (skipped, with a reason, where it is missing).
 */
class TlsTest {
    private static final String PASSWORD = "test-keystore-password";

    @TempDir
    Path dir;

    @Test
    void servesHttpsFromAPkcs12Keystore() throws Exception {
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        assumeTrue(Files.isExecutable(keytool), "keytool is not available in " + keytool.getParent()
                + "; cannot make a self-signed certificate without it");
        Path ks = dir.resolve("keystore.p12");
        Process p = new ProcessBuilder(keytool.toString(), "-genkeypair", "-alias", "offload", "-keyalg", "EC",
                "-groupname", "secp256r1", "-dname", "CN=localhost", "-ext", "SAN=ip:127.0.0.1,dns:localhost",
                "-validity", "2", "-storetype", "PKCS12", "-keystore", ks.toString(), "-storepass", PASSWORD,
                "-keypass", PASSWORD).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "keytool timed out");
        assumeTrue(p.exitValue() == 0, "keytool failed: " + out);

        // Config file form: the password comes from an environment variable.
        Path cfgFile = dir.resolve("service.yaml");
        Files.writeString(cfgFile, "host: 127.0.0.1\nport: 0\ntls:\n  keystore: keystore.p12\n"
                + "  password_env: TEST_KS_PASSWORD\n");
        ServiceConfig cfg = new ServiceConfigLoader(name -> name.equals("TEST_KS_PASSWORD") ? PASSWORD : null)
                .load(cfgFile).config();
        assertEquals(ks.toAbsolutePath().normalize(), cfg.tls().keystore().toAbsolutePath().normalize());

        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(ks)) {
            store.load(in, PASSWORD.toCharArray());
        }
        Certificate cert = store.getCertificate("offload");
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("offload", cert);
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext ssl = SSLContext.getInstance("TLS");
        ssl.init(null, tmf.getTrustManagers(), null);
        HttpClient client = HttpClient.newBuilder().sslContext(ssl).version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();

        try (OffloadService s = OffloadService.builder(cfg, TestSupport.scenario()).tokens(TestSupport.tokens())
                .start()) {
            assertTrue(s.baseUrl().startsWith("https://127.0.0.1:"), s.baseUrl());
            HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(s.baseUrl() + "/v1/decisions"))
                    .header("Authorization", "Bearer " + TestSupport.DEVICE_TOKEN)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"application\":\"HEALTH_APP\",\"device\":2}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, r.statusCode(), r.body());
            assertTrue(r.body().contains("\"outcome\":\"placed\""), r.body());
            // A client that does not trust the certificate cannot talk to it.
            HttpClient untrusting = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            assertThrows(javax.net.ssl.SSLHandshakeException.class, () -> untrusting.send(
                    HttpRequest.newBuilder(URI.create(s.baseUrl() + "/healthz")).build(),
                    HttpResponse.BodyHandlers.ofString()));
        }
        // Key rotation: a new keystore in place of the old one is served after POST /v1/reload, without a restart.
        ServiceConfig plain = cfg.withTls(new ServiceConfig.Tls(ks, PASSWORD)).withReloadIntervalS(0);
        try (OffloadService s = OffloadService.builder(plain, TestSupport.scenario()).tokens(TestSupport.tokens())
                .start()) {
            Path next = dir.resolve("next.p12");
            Process p2 = new ProcessBuilder(keytool.toString(), "-genkeypair", "-alias", "offload", "-keyalg", "EC",
                    "-groupname", "secp256r1", "-dname", "CN=rotated", "-ext", "SAN=ip:127.0.0.1,dns:localhost",
                    "-validity", "2", "-storetype", "PKCS12", "-keystore", next.toString(), "-storepass", PASSWORD,
                    "-keypass", PASSWORD).redirectErrorStream(true).start();
            p2.getInputStream().readAllBytes();
            assertTrue(p2.waitFor(60, TimeUnit.SECONDS) && p2.exitValue() == 0, "keytool failed");
            Files.copy(next, ks, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            HttpResponse<String> reload = client.send(HttpRequest.newBuilder(URI.create(s.baseUrl() + "/v1/reload"))
                    .header("Authorization", "Bearer " + TestSupport.ADMIN_TOKEN)
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, reload.statusCode(), reload.body());
            assertTrue(reload.body().contains("TLS keystore"), reload.body());
            KeyStore rotated = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(next)) {
                rotated.load(in, PASSWORD.toCharArray());
            }
            KeyStore trustNew = KeyStore.getInstance("PKCS12");
            trustNew.load(null, null);
            trustNew.setCertificateEntry("offload", rotated.getCertificate("offload"));
            TrustManagerFactory tmf2 = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf2.init(trustNew);
            SSLContext ssl2 = SSLContext.getInstance("TLS");
            ssl2.init(null, tmf2.getTrustManagers(), null);
            HttpClient newClient = HttpClient.newBuilder().sslContext(ssl2).version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(5)).build();
            assertEquals(200, newClient.send(HttpRequest.newBuilder(URI.create(s.baseUrl() + "/healthz")).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode());
            HttpClient oldClient = HttpClient.newBuilder().sslContext(ssl).version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(5)).build();
            assertThrows(javax.net.ssl.SSLHandshakeException.class, () -> oldClient.send(
                    HttpRequest.newBuilder(URI.create(s.baseUrl() + "/healthz")).build(),
                    HttpResponse.BodyHandlers.ofString()));
        }
        // A wrong password is reported at start, naming the keystore.
        ServiceConfig wrong = cfg.withTls(new ServiceConfig.Tls(ks, "wrong"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> OffloadService.builder(wrong, TestSupport.scenario()).tokens(TestSupport.tokens()).start());
        assertTrue(e.getMessage().contains("keystore.p12"), e.getMessage());
    }
}
