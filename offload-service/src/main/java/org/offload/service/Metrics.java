package org.offload.service;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;

import org.offload.model.Tier;

/**
 * Counters behind {@code GET /metrics}, rendered in the Prometheus text exposition format (0.0.4): requests by
 * endpoint and status, request latency histograms by endpoint (time spent in the service's handler), decisions
 * by outcome and tier, constraint overrides, policy changes, and gauges given at render time.
 */
final class Metrics {
    static final String[] ENDPOINTS = {"/v1/decisions", "/v1/telemetry", "/v1/policies", "/v1/policy", "/healthz",
            "/readyz", "/metrics", "other"};
    static final int DECISIONS = 0;
    static final int TELEMETRY = 1;
    static final int POLICIES = 2;
    static final int POLICY = 3;
    static final int HEALTHZ = 4;
    static final int READYZ = 5;
    static final int METRICS = 6;
    static final int OTHER = 7;
    /** Histogram bucket upper bounds, seconds. */
    static final double[] BUCKETS = {0.00005, 0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1,
            0.25, 0.5, 1, 2.5};

    private final ConcurrentHashMap<Integer, LongAdder>[] statuses;
    private final LongAdder[][] buckets;
    private final LongAdder[] counts;
    private final DoubleAdder[] sums;
    private final LongAdder[] tiers = new LongAdder[Tier.values().length];
    private final LongAdder rejected = new LongAdder();
    private final LongAdder deferred = new LongAdder();
    private final LongAdder infeasible = new LongAdder();
    private final LongAdder overridden = new LongAdder();
    private final LongAdder staleDecisions = new LongAdder();
    private final LongAdder policyChanges = new LongAdder();

    @SuppressWarnings({"unchecked", "rawtypes"})
    Metrics() {
        int n = ENDPOINTS.length;
        statuses = new ConcurrentHashMap[n];
        buckets = new LongAdder[n][BUCKETS.length];
        counts = new LongAdder[n];
        sums = new DoubleAdder[n];
        for (int e = 0; e < n; e++) {
            statuses[e] = new ConcurrentHashMap<>();
            for (int b = 0; b < BUCKETS.length; b++) {
                buckets[e][b] = new LongAdder();
            }
            counts[e] = new LongAdder();
            sums[e] = new DoubleAdder();
        }
        for (int t = 0; t < tiers.length; t++) {
            tiers[t] = new LongAdder();
        }
    }

    void request(int endpoint, int status, long nanos) {
        statuses[endpoint].computeIfAbsent(status, s -> new LongAdder()).increment();
        double s = nanos / 1e9;
        for (int b = 0; b < BUCKETS.length; b++) {
            if (s <= BUCKETS[b]) {
                buckets[endpoint][b].increment();
                break;
            }
        }
        counts[endpoint].increment();
        sums[endpoint].add(s);
    }

    void decision(DecisionEngine.Answer a) {
        switch (a.outcome()) {
            case "placed" -> tiers[a.tier().ordinal()].increment();
            case "rejected" -> rejected.increment();
            case "deferred" -> deferred.increment();
            default -> infeasible.increment();
        }
        if (a.violation() != null) {
            overridden.increment();
        }
        if (!a.stale().isEmpty()) {
            staleDecisions.increment();
        }
    }

    void policyChanged() {
        policyChanges.increment();
    }

    String render(String policy, int staleNodes, int inFlight, boolean ready) {
        StringBuilder sb = new StringBuilder(8192);
        sb.append("# HELP offload_http_requests_total HTTP requests by endpoint and status code.\n");
        sb.append("# TYPE offload_http_requests_total counter\n");
        for (int e = 0; e < ENDPOINTS.length; e++) {
            Map<Integer, LongAdder> sorted = new TreeMap<>(statuses[e]);
            for (Map.Entry<Integer, LongAdder> s : sorted.entrySet()) {
                sb.append("offload_http_requests_total{endpoint=\"").append(ENDPOINTS[e]).append("\",status=\"")
                        .append(s.getKey()).append("\"} ").append(s.getValue().sum()).append('\n');
            }
        }
        sb.append("# HELP offload_http_request_duration_seconds Time in the service's handler, by endpoint.\n");
        sb.append("# TYPE offload_http_request_duration_seconds histogram\n");
        for (int e = 0; e < ENDPOINTS.length; e++) {
            long count = counts[e].sum();
            if (count == 0) {
                continue;
            }
            long cumulative = 0;
            for (int b = 0; b < BUCKETS.length; b++) {
                cumulative += buckets[e][b].sum();
                sb.append("offload_http_request_duration_seconds_bucket{endpoint=\"").append(ENDPOINTS[e])
                        .append("\",le=\"").append(le(BUCKETS[b])).append("\"} ").append(cumulative).append('\n');
            }
            sb.append("offload_http_request_duration_seconds_bucket{endpoint=\"").append(ENDPOINTS[e])
                    .append("\",le=\"+Inf\"} ").append(count).append('\n');
            sb.append("offload_http_request_duration_seconds_sum{endpoint=\"").append(ENDPOINTS[e]).append("\"} ")
                    .append(String.format(Locale.ROOT, "%.9f", sums[e].sum())).append('\n');
            sb.append("offload_http_request_duration_seconds_count{endpoint=\"").append(ENDPOINTS[e]).append("\"} ")
                    .append(count).append('\n');
        }
        sb.append("# HELP offload_decisions_total Decisions by outcome and tier.\n");
        sb.append("# TYPE offload_decisions_total counter\n");
        for (Tier t : Tier.values()) {
            sb.append("offload_decisions_total{outcome=\"placed\",tier=\"").append(t.key()).append("\"} ")
                    .append(tiers[t.ordinal()].sum()).append('\n');
        }
        sb.append("offload_decisions_total{outcome=\"rejected\",tier=\"none\"} ").append(rejected.sum()).append('\n');
        sb.append("offload_decisions_total{outcome=\"deferred\",tier=\"none\"} ").append(deferred.sum()).append('\n');
        sb.append("offload_decisions_total{outcome=\"infeasible\",tier=\"none\"} ").append(infeasible.sum()).append('\n');
        counter(sb, "offload_constraint_overrides_total", "Policy choices replaced because they violated a constraint.",
                overridden.sum());
        counter(sb, "offload_stale_decisions_total", "Placements that relied on stale or missing telemetry.",
                staleDecisions.sum());
        counter(sb, "offload_policy_changes_total", "Successful PUT /v1/policy calls.", policyChanges.sum());
        gauge(sb, "offload_telemetry_stale_nodes", "VMs, links and reporting devices whose telemetry is stale now.",
                staleNodes);
        gauge(sb, "offload_http_in_flight_requests", "Requests being handled now.", inFlight);
        gauge(sb, "offload_ready", "1 when the service accepts work, 0 while it shuts down.", ready ? 1 : 0);
        sb.append("# HELP offload_policy_info The active policy.\n# TYPE offload_policy_info gauge\n");
        sb.append("offload_policy_info{policy=\"").append(policy.replace("\\", "\\\\").replace("\"", "\\\""))
                .append("\"} 1\n");
        return sb.toString();
    }

    private static void counter(StringBuilder sb, String name, String help, long v) {
        sb.append("# HELP ").append(name).append(' ').append(help).append('\n');
        sb.append("# TYPE ").append(name).append(" counter\n");
        sb.append(name).append(' ').append(v).append('\n');
    }

    private static void gauge(StringBuilder sb, String name, String help, long v) {
        sb.append("# HELP ").append(name).append(' ').append(help).append('\n');
        sb.append("# TYPE ").append(name).append(" gauge\n");
        sb.append(name).append(' ').append(v).append('\n');
    }

    private static String le(double b) {
        return java.math.BigDecimal.valueOf(b).stripTrailingZeros().toPlainString();
    }
}
