package org.offload.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * The Kubernetes manifests and the Dockerfile under {@code deploy/} agree with the service: probe paths are the
 * service's health endpoints, probe ports, the container port, the configured port and the Service's target port
 * are one port, the ConfigMap's configuration and the Secret's tokens file parse with the service's own strict
 * loaders, and the paths the configuration names are where the volumes are mounted.
 */
class DeploymentManifestsTest {
    private static final Path DEPLOY = Path.of("..", "deploy");

    @Test
    void manifestsMatchTheService() throws IOException {
        Map<String, JsonNode> byKind = new HashMap<>();
        try (Stream<Path> files = Files.list(DEPLOY.resolve("k8s"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList()) {
                try (MappingIterator<JsonNode> docs = new YAMLMapper().readerFor(JsonNode.class).readValues(f.toFile())) {
                    for (JsonNode doc : docs.readAll()) {
                        if (doc != null && !doc.isNull() && !doc.isEmpty()) {
                            String id = doc.path("kind").asText() + "/" + doc.path("metadata").path("name").asText();
                            assertTrue(byKind.put(id, doc) == null, "two manifests " + id);
                        }
                    }
                }
            }
        }
        JsonNode deployment = byKind.get("Deployment/offload-service");
        JsonNode service = byKind.get("Service/offload-service");
        JsonNode configMap = byKind.get("ConfigMap/offload-service-config");
        JsonNode secret = byKind.get("Secret/offload-service-tokens");
        assertNotNull(deployment);
        assertNotNull(service);
        assertNotNull(configMap);
        assertNotNull(secret);

        JsonNode pod = deployment.path("spec").path("template");
        JsonNode container = pod.path("spec").path("containers").get(0);
        Map<String, Integer> ports = new HashMap<>();
        for (JsonNode p : container.path("ports")) {
            ports.put(p.path("name").asText(), p.path("containerPort").asInt());
        }
        int containerPort = ports.get("http");

        // probes
        JsonNode ready = container.path("readinessProbe").path("httpGet");
        JsonNode live = container.path("livenessProbe").path("httpGet");
        assertEquals(ServiceConfig.READINESS_PATH, ready.path("path").asText());
        assertEquals("HTTPS", ready.path("scheme").asText(), "TLS is on: the probes speak HTTPS");
        assertEquals("HTTPS", live.path("scheme").asText());
        assertEquals(ServiceConfig.LIVENESS_PATH, live.path("path").asText());
        assertEquals(containerPort, port(ready.path("port"), ports));
        assertEquals(containerPort, port(live.path("port"), ports));

        // Service -> pods
        JsonNode sp = service.path("spec").path("ports").get(0);
        assertEquals(containerPort, port(sp.path("targetPort"), ports));
        service.path("spec").path("selector").fields().forEachRemaining(e -> assertEquals(e.getValue().asText(),
                pod.path("metadata").path("labels").path(e.getKey()).asText(), "selector " + e.getKey()));
        assertEquals(deployment.path("spec").path("selector").path("matchLabels"), pod.path("metadata").path("labels"));

        // the configuration the container reads is the ConfigMap's, and it is valid
        Map<String, String> mounts = new HashMap<>();
        for (JsonNode m : container.path("volumeMounts")) {
            mounts.put(m.path("name").asText(), m.path("mountPath").asText());
        }
        Map<String, JsonNode> volumes = new HashMap<>();
        for (JsonNode v : pod.path("spec").path("volumes")) {
            volumes.put(v.path("name").asText(), v);
        }
        List<String> args = new ArrayList<>();
        container.path("args").forEach(a -> args.add(a.asText()));
        String configPath = args.get(args.indexOf("--config") + 1);
        String configVolume = volumeAt(configPath, mounts);
        assertEquals(configMap.path("metadata").path("name").asText(),
                volumes.get(configVolume).path("configMap").path("name").asText());
        String configKey = Path.of(configPath).getFileName().toString();
        String configText = configMap.path("data").path(configKey).asText();
        Map<String, JsonNode> env = new HashMap<>();
        container.path("env").forEach(e -> env.put(e.path("name").asText(), e));
        ServiceConfigLoader.Loaded loaded = new ServiceConfigLoader(k -> env.containsKey(k) ? "from-the-secret" : null)
                .parse(configText, "configmap.yaml", Path.of(mounts.get(configVolume)));
        ServiceConfig cfg = loaded.config();
        loaded.check(new org.offload.io.ScenarioLoader().loadDefault(List.of()));
        assertEquals(containerPort, cfg.port());
        assertEquals(ServiceConfig.DEFAULT_PORT, cfg.port());
        assertEquals("0.0.0.0", cfg.host());
        assertTrue(cfg.shutdownGraceS() + 5 < deployment.path("spec").path("template").path("spec")
                .path("terminationGracePeriodSeconds").asInt(), "terminationGracePeriodSeconds leaves no time for "
                + "the preStop sleep and the graceful stop");

        scaleOut(byKind, deployment, cfg);

        // the tokens file is the Secret's, and it parses
        String tokensVolume = volumeAt(cfg.tokensFile().toString(), mounts);
        assertEquals(secret.path("metadata").path("name").asText(),
                volumes.get(tokensVolume).path("secret").path("secretName").asText());
        String tokensText = secret.path("stringData").path(cfg.tokensFile().getFileName().toString()).asText();
        assertTrue(Tokens.parse(tokensText, "secret.yaml").size() >= 1,
                "Tokens.parse(tokensText, \"secret.yaml\").size() = " + Tokens.parse(tokensText, "secret.yaml").size());
        // TLS on (issue 26 item 7): the keystore is the TLS Secret's, its password comes from the same Secret
        assertNotNull(cfg.tls(), "the ConfigMap's configuration serves plain HTTP");
        String tlsVolume = volumeAt(cfg.tls().keystore().toString(), mounts);
        String tlsSecret = volumes.get(tlsVolume).path("secret").path("secretName").asText();
        assertEquals("offload-service-tls", tlsSecret);
        boolean keyMounted = false;
        for (JsonNode item : volumes.get(tlsVolume).path("secret").path("items")) {
            keyMounted |= item.path("path").asText().equals(cfg.tls().keystore().getFileName().toString());
        }
        assertTrue(keyMounted, "the keystore file is not among the TLS Secret's items");
        JsonNode password = env.get("OFFLOAD_KEYSTORE_PASSWORD").path("valueFrom").path("secretKeyRef");
        assertEquals(tlsSecret, password.path("name").asText());
        // the audit log goes to standard output or to a writable volume (the root file system is read-only)
        assertTrue(container.path("securityContext").path("readOnlyRootFilesystem").asBoolean(), container.toString());
        assertTrue(cfg.auditFile().equals(ServiceConfig.AUDIT_STDOUT) || volumeAt(cfg.auditFile().toString(), mounts)
                != null, "audit file " + cfg.auditFile());

        // Dockerfile: JRE runtime stage running `offload serve` on the same port, with a valid baked-in config
        String docker = Files.readString(DEPLOY.resolve("Dockerfile"));
        assertTrue(docker.contains("FROM eclipse-temurin:17-jre"), docker);
        assertTrue(docker.matches("(?s).*FROM maven:[^\\n]* AS build.*"), docker);
        assertTrue(docker.contains("ENTRYPOINT [\"java\", \"-jar\", \"/app/offload.jar\", \"serve\"]"), docker);
        assertTrue(docker.contains("EXPOSE " + containerPort), docker);
        ServiceConfig image = new ServiceConfigLoader(k -> "from-docker-run").load(DEPLOY.resolve("service.yaml"))
                .config();
        assertEquals(containerPort, image.port());
        assertEquals("0.0.0.0", image.host());
        assertNotNull(image.tls(), "the image's configuration serves plain HTTP on 0.0.0.0");
    }

    private static int port(JsonNode p, Map<String, Integer> named) {
        if (p.isInt()) {
            return p.asInt();
        }
        Integer n = named.get(p.asText());
        assertNotNull(n, "no container port named " + p.asText());
        return n;
    }

    /** The volume mounted at a prefix of {@code path}. */
    private static String volumeAt(String path, Map<String, String> mounts) {
        for (Map.Entry<String, String> m : mounts.entrySet()) {
            if (path.startsWith(m.getValue() + "/")) {
                return m.getKey();
            }
        }
        throw new AssertionError(path + " is on no mounted volume " + mounts);
    }

    /**
     * Issue 27: at least two replicas sharing Redis (the ConfigMap's state.url names the Redis StatefulSet's pod
     * through its headless Service, on its port), an HPA on CPU over the Deployment, a PDB over its pods.
     */
    private static void scaleOut(Map<String, JsonNode> byKind, JsonNode deployment, ServiceConfig cfg) {
        JsonNode labels = deployment.path("spec").path("template").path("metadata").path("labels");
        assertTrue(deployment.path("spec").path("replicas").asInt() >= 2, "fewer than two replicas");
        assertEquals(ServiceConfig.Backend.REDIS, cfg.state().backend(), "replicas need the shared state");
        assertTrue(cfg.claimsTtlS() > 0, "without claims two replicas can over-fill one VM");
        java.net.URI url = java.net.URI.create(cfg.state().url());
        JsonNode sts = byKind.get("StatefulSet/offload-redis");
        assertNotNull(sts, "no Redis StatefulSet");
        String headless = sts.path("spec").path("serviceName").asText();
        JsonNode redisService = byKind.get("Service/" + headless);
        assertNotNull(redisService, "the StatefulSet's service " + headless);
        assertEquals("None", redisService.path("spec").path("clusterIP").asText(), "a headless Service");
        assertEquals(sts.path("metadata").path("name").asText() + "-0." + headless, url.getHost());
        assertEquals(redisService.path("spec").path("ports").get(0).path("port").asInt(), url.getPort());
        JsonNode redisContainer = sts.path("spec").path("template").path("spec").path("containers").get(0);
        assertEquals(url.getPort(), redisContainer.path("ports").get(0).path("containerPort").asInt());
        assertEquals(sts.path("spec").path("selector").path("matchLabels"),
                redisService.path("spec").path("selector"));

        JsonNode hpa = byKind.get("HorizontalPodAutoscaler/offload-service");
        assertNotNull(hpa, "no HorizontalPodAutoscaler");
        assertEquals("Deployment", hpa.path("spec").path("scaleTargetRef").path("kind").asText());
        assertEquals(deployment.path("metadata").path("name").asText(),
                hpa.path("spec").path("scaleTargetRef").path("name").asText());
        assertTrue(hpa.path("spec").path("minReplicas").asInt() >= 2, "the HPA may scale below two replicas");
        assertEquals("cpu", hpa.path("spec").path("metrics").get(0).path("resource").path("name").asText());
        assertTrue(deployment.path("spec").path("template").path("spec").path("containers").get(0)
                .path("resources").path("requests").has("cpu"), "CPU utilisation needs a CPU request");

        JsonNode pdb = byKind.get("PodDisruptionBudget/offload-service");
        assertNotNull(pdb, "no PodDisruptionBudget");
        assertEquals(labels, pdb.path("spec").path("selector").path("matchLabels"));
        assertTrue(pdb.path("spec").path("minAvailable").asInt() >= 1
                && pdb.path("spec").path("minAvailable").asInt() < hpa.path("spec").path("minReplicas").asInt(),
                "minAvailable must keep one pod and still allow a drain");
    }
}
