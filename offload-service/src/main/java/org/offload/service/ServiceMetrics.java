package org.offload.service;

import io.prometheus.metrics.core.datapoints.CounterDataPoint;
import io.prometheus.metrics.core.datapoints.DistributionDataPoint;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.core.metrics.Info;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntSupplier;

/**
 * What {@code GET /metrics} shows, kept in a Prometheus client registry of this service (not the global one) and
 * written in the Prometheus text format: requests by endpoint and status, the time in the service's handler by
 * endpoint (histogram), decisions by outcome and tier, constraint overrides, stale decisions, policy changes,
 * refused calls (401, 403, 429) by client, slow-client defences (header timeouts, refused connections), gauges
 * read at scrape time, and the JVM's own metrics (GC pauses, heap and direct memory, threads).
 */
final class ServiceMetrics {
    static final String[] ENDPOINTS = {"/v1/decisions", "/v1/telemetry", "/v1/policies", "/v1/policy", "/v1/reload",
            "/healthz", "/readyz", "/metrics", "other"};
    static final int DECISIONS = 0;
    static final int TELEMETRY = 1;
    static final int POLICIES = 2;
    static final int POLICY = 3;
    static final int RELOAD = 4;
    static final int HEALTHZ = 5;
    static final int READYZ = 6;
    static final int METRICS = 7;
    static final int OTHER = 8;
    /** Histogram bucket upper bounds, seconds. */
    static final double[] BUCKETS = {0.00005, 0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1,
            0.25, 0.5, 1, 2.5};
    /** Distinct client labels of the refusal counter; further clients count as {@code other} (bounded cardinality). */
    static final int MAX_CLIENT_LABELS = 100;

    /** Gauges read at scrape time. */
    interface Gauges {
        int staleNodes();

        int inFlight();

        boolean ready();

        int openConnections();

        long bodyBytesHeld();
    }

    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final PrometheusTextFormatWriter writer = PrometheusTextFormatWriter.create();
    private final Counter requests;
    private final Histogram duration;
    private final Counter decisions;
    private final Counter overrides;
    private final Counter staleDecisions;
    private final Counter policyChanges;
    private final Counter refusals;
    private final Info policy;
    private final Set<String> clients = ConcurrentHashMap.newKeySet();
    // The data points of the per-request series, looked up once (a label lookup per request costs allocations).
    private final DistributionDataPoint[] durations = new DistributionDataPoint[ENDPOINTS.length];
    private final java.util.List<ConcurrentHashMap<Integer, CounterDataPoint>> byStatus = new java.util.ArrayList<>();

    ServiceMetrics(Gauges g, ConnectionGuard guard) {
        requests = Counter.builder().name("offload_http_requests_total").withoutExemplars()
                .help("HTTP requests by endpoint and status code.").labelNames("endpoint", "status").register(registry);
        duration = Histogram.builder().name("offload_http_request_duration_seconds").withoutExemplars()
                .help("Time in the service's handler, by endpoint.").labelNames("endpoint")
                .classicOnly().classicUpperBounds(BUCKETS).register(registry);
        decisions = Counter.builder().name("offload_decisions_total").withoutExemplars()
                .help("Decisions by outcome and tier.").labelNames("outcome", "tier").register(registry);
        for (int e = 0; e < ENDPOINTS.length; e++) {
            durations[e] = duration.labelValues(ENDPOINTS[e]);
            byStatus.add(new ConcurrentHashMap<>());
        }
        for (org.offload.model.Tier t : org.offload.model.Tier.values()) {
            decisions.initLabelValues("placed", t.key());
        }
        for (String outcome : new String[] {"rejected", "deferred", "infeasible"}) {
            decisions.initLabelValues(outcome, "none");
        }
        overrides = Counter.builder().name("offload_constraint_overrides_total").withoutExemplars()
                .help("Policy choices replaced because they violated a constraint.").register(registry);
        staleDecisions = Counter.builder().name("offload_stale_decisions_total")
                .help("Placements that relied on stale or missing telemetry.").register(registry);
        policyChanges = Counter.builder().name("offload_policy_changes_total").help("Successful PUT /v1/policy calls.")
                .register(registry);
        refusals = Counter.builder().name("offload_refused_requests_total")
                .help("Refused calls (401, 403, 429) by client: the token's name, or the address without a valid token.")
                .labelNames("client", "status").register(registry);
        policy = Info.builder().name("offload_policy_info").help("The active policy.").labelNames("policy")
                .register(registry);
        gauge("offload_telemetry_stale_nodes", "VMs, links and reporting devices whose telemetry is stale now.",
                g::staleNodes);
        gauge("offload_http_in_flight_requests", "Requests being handled now.", g::inFlight);
        gauge("offload_ready", "1 when the service accepts work, 0 while it shuts down.", () -> g.ready() ? 1 : 0);
        gauge("offload_open_connections", "Open HTTP connections.", g::openConnections);
        GaugeWithCallback.builder().name("offload_request_body_bytes_held")
                .help("Request body bytes being received now (limits.body_bytes_in_flight).")
                .callback(cb -> cb.call(g.bodyBytesHeld())).register(registry);
        GaugeWithCallback.builder().name("offload_header_timeouts")
                .help("Connections closed since start because their request head was not complete in time.")
                .callback(cb -> cb.call(guard.headerTimeouts.sum())).register(registry);
        GaugeWithCallback.builder().name("offload_refused_connections")
                .help("Connections closed since start at once: over limits.max_connections_per_client.")
                .callback(cb -> cb.call(guard.refusedConnections.sum())).register(registry);
        JvmMetrics.builder().register(registry);
    }

    private void gauge(String name, String help, IntSupplier value) {
        GaugeWithCallback.builder().name(name).help(help).callback(cb -> cb.call(value.getAsInt())).register(registry);
    }

    void request(int endpoint, int status, long nanos) {
        byStatus.get(endpoint).computeIfAbsent(status, st -> requests.labelValues(ENDPOINTS[endpoint],
                Integer.toString(st))).inc();
        durations[endpoint].observe(nanos / 1e9);
    }

    void decision(DecisionEngine.Answer a) {
        decisions.labelValues(a.outcome(), a.placed() ? a.tier().key() : "none").inc();
        if (a.violation() != null) {
            overrides.inc();
        }
        if (!a.stale().isEmpty()) {
            staleDecisions.inc();
        }
    }

    void policyChanged(String name) {
        policyChanges.inc();
        policy.setLabelValues(name);
    }

    void policy(String name) {
        policy.setLabelValues(name);
    }

    void refused(String client, int status) {
        String label = clients.contains(client) || (clients.size() < MAX_CLIENT_LABELS && clients.add(client))
                ? client : "other";
        refusals.labelValues(label, Integer.toString(status)).inc();
    }

    /** The text exposition (format 0.0.4). */
    byte[] scrape() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(16384);
        try {
            writer.write(out, registry.scrape());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    String contentType() {
        return writer.getContentType();
    }

    static int endpoint(String path) {
        for (int e = 0; e < OTHER; e++) {
            if (ENDPOINTS[e].equals(path)) {
                return e;
            }
        }
        return OTHER;
    }
}
