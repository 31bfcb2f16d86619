package org.offload.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.offload.model.Tier;

class ServiceConfigLoaderTest {
    private static final Path BASE = Path.of("/etc/offload");

    private static ServiceConfigLoader.Loaded parse(String yaml) {
        return new ServiceConfigLoader(k -> null).parse(yaml, "service.yaml", BASE);
    }

    private static String error(String yaml) {
        return assertThrows(ServiceConfigException.class, () -> parse(yaml)).getMessage();
    }

    @Test
    void readsEveryKey() {
        ServiceConfig c = parse("""
                host: 0.0.0.0
                port: 9090
                scenario: scenarios/default.yaml
                policy: greedy
                telemetry: {max_age_s: 5}
                limits: {max_body_bytes: 4096, body_timeout_s: 1.5, rate_per_s: 100, rate_burst: 10}
                auth: {tokens_file: /run/secrets/tokens}
                audit: {file: audit.jsonl, decisions: true}
                shutdown: {grace_s: 3}
                constraints:
                  data_classes:
                    patient-records: {keep_on: [device, edge], max_latency_s: 2.5}
                    telemetry: {max_latency_s: 10}
                  applications:
                    HEALTH_APP: {allowed_nodes: [local, site:0, cloud, vm:3]}
                """).config();
        assertEquals("0.0.0.0", c.host());
        assertEquals(9090, c.port());
        assertEquals(BASE.resolve("scenarios/default.yaml"), c.scenario());
        assertEquals("greedy", c.policy().name());
        assertNull(c.model());
        assertEquals(5, c.telemetryMaxAgeS());
        assertEquals(4096, c.maxBodyBytes());
        assertEquals(1.5, c.bodyTimeoutS());
        assertEquals(ServiceConfig.DEFAULT_BODY_TIMEOUT_S, parse("").config().bodyTimeoutS());
        assertEquals(100, c.limits().ratePerS());
        assertEquals(10, c.limits().rateBurst());
        assertEquals(Path.of("/run/secrets/tokens"), c.tokensFile());
        assertEquals(BASE.resolve("audit.jsonl"), c.auditFile());
        assertTrue(c.audit().decisions(), "audit of decisions is on");
        assertEquals(3, c.shutdownGraceS());
        Constraints.DataClass pr = c.constraints().dataClasses().get("patient-records");
        assertEquals(EnumSet.of(Tier.LOCAL, Tier.EDGE), pr.keepOn());
        assertEquals(2.5, pr.maxLatencyS());
        assertEquals(EnumSet.allOf(Tier.class), c.constraints().dataClasses().get("telemetry").keepOn());
        assertEquals(List.of("local", "site:0", "cloud", "vm:3"),
                c.constraints().allowedNodes().get("HEALTH_APP").stream().map(NodeSelector::toString).toList());
        assertEquals(ServiceConfig.defaults(), parse("").config());
    }

    @Test
    void errorsNameFileLineAndKey() {
        assertEquals("service.yaml:2: colour: unknown key; allowed keys here: host, port, scenario, policy, model, "
                + "policy_options, telemetry, limits, tls, auth, metrics, audit, shutdown, models, state, reload, "
                + "constraints, qos", error("port: 1\ncolour: red\n"));
        assertEquals("service.yaml:1: port: must be in [0, 65535], got 70000", error("port: 70000\n"));
        assertEquals("service.yaml:1: port: expected an integer, got 'http'", error("port: http\n"));
        assertEquals("service.yaml:1: limits.body_timeout_s: must be in [0.1, 300], got 0",
                error("limits: {body_timeout_s: 0}\n"));
        assertEquals("service.yaml:3: telemetry.max_age_s: expected a number, got 'soon'",
                error("host: x\ntelemetry:\n  max_age_s: soon\n"));
        assertEquals("service.yaml:4: constraints.data_classes.pii.keep_on[1]: unknown tier 'fog'; allowed: device, "
                + "edge, cloud", error("constraints:\n  data_classes:\n    pii:\n      keep_on: [edge, fog]\n"));
        assertEquals("service.yaml:3: constraints.data_classes.pii.keepon: unknown key (did you mean 'keep_on'?); "
                + "allowed keys here: keep_on, "
                + "max_latency_s", error("constraints:\n  data_classes:\n    pii: {keepon: [edge]}\n"));
        assertEquals("service.yaml:3: constraints.applications.A.allowed_nodes[0]: unknown node 'rack:1'; expected "
                + "local, edge, cloud, site:N or vm:N",
                error("constraints:\n  applications:\n    A: {allowed_nodes: [rack:1]}\n"));
        String noPassword = error("tls: {keystore: ks.p12, password_env: NOPE}\n");
        assertTrue(noPassword.endsWith("tls.password_env: environment variable NOPE is not set"),
                noPassword);
        assertTrue(error("port: [\n").startsWith("service.yaml:"), error("port: [\n"));
        assertTrue(error("- a\n- b\n").contains("the top level must be a mapping"), error("- a\n- b\n"));
        assertEquals("service.yaml:2: port: duplicate key", error("port: 1\nport: 2\n"));
    }

    @Test
    void theStateBlockIsStrict() {
        ServiceConfig c = parse("state:\n  backend: redis\n  url: redis://redis.offload:6379/2\n  claims_ttl_s: 5\n")
                .config();
        assertEquals(new ServiceConfig.State(ServiceConfig.Backend.REDIS, "redis://redis.offload:6379/2", 5), c.state());
        assertEquals(ServiceConfig.State.MEMORY, parse("state: {backend: memory}\n").config().state());
        assertEquals("service.yaml:1: state.url: required with backend: redis; give redis://host:port (or rediss:// "
                + "for TLS)", error("state:\n  backend: redis\n"));
        assertEquals("service.yaml:1: state.url: only allowed with backend: redis (the memory backend keeps the state "
                + "in this process)", error("state: {url: redis://x:6379}\n"));
        assertEquals("service.yaml:3: state.url: is not a Redis URL (redis://host[:port][/db], rediss:// for TLS), "
                + "got 'http://x:6379'", error("state:\n  backend: redis\n  url: http://x:6379\n"));
        assertEquals("service.yaml:2: state.backend: unknown value 'postgres'; allowed values: memory, redis",
                error("state:\n  backend: postgres\n"));
        assertEquals("service.yaml:1: state.uri: unknown key; allowed keys here: backend, url, "
                + "claims_ttl_s", error("state: {backend: redis, uri: redis://x}\n"));
    }

    @Test
    void constraintsAreCheckedAgainstTheScenario() {
        ServiceConfigLoader.Loaded ok = parse("constraints:\n  applications:\n    HEALTH_APP: {allowed_nodes: [site:2]}\n");
        ok.check(TestSupport.scenario());
        ServiceConfigLoader.Loaded app = parse("constraints:\n  applications:\n    CHESS: {allowed_nodes: [edge]}\n");
        String m = assertThrows(ServiceConfigException.class, () -> app.check(TestSupport.scenario())).getMessage();
        assertTrue(m.startsWith("service.yaml:3: constraints.applications.CHESS: no application 'CHESS'"), m);
        ServiceConfigLoader.Loaded site = parse("constraints:\n  applications:\n    HEALTH_APP:\n"
                + "      allowed_nodes: [edge, site:3]\n");
        m = assertThrows(ServiceConfigException.class, () -> site.check(TestSupport.scenario())).getMessage();
        assertEquals("service.yaml:4: constraints.applications.HEALTH_APP.allowed_nodes[1]: site 3 does not exist; "
                + "the scenario has sites 0..2", m);
    }
}
