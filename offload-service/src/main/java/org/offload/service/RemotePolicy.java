package org.offload.service;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import org.offload.model.Decision;
import org.offload.model.Task;
import org.offload.model.Tier;
import org.offload.policy.OffloadPolicy;
import org.offload.policy.SystemView;
import org.offload.scenario.NetworkSpec;
import org.offload.scenario.Scenario;

/**
 * A policy that asks a running decision service: for each task it POSTs {@code /v1/decisions} (with the device's
 * current access site) and turns the answer into a {@link Decision} (rejected, deferred and infeasible answers
 * become {@link Decision#REJECT}, {@link Decision#DEFER} and {@link Decision#REJECT}). Before a decision, when at
 * least {@code telemetryIntervalS} of <em>simulated</em> time has passed since the last snapshot (0 = before every
 * decision), it POSTs the simulator's state as telemetry: every VM (utilisation, load, queue, free memory, FCFS
 * wait), every link (capacity, propagation, and the active transfers or M/M/1 utilisation implied by the link's
 * delay estimate) and the devices whose own CPU state changed. The service must run the same scenario (checked
 * by {@link #checkScenario}); its telemetry age limit is measured on its own wall clock.
 *
 * <p>Feedback ({@code onTaskEnded}) is not forwarded: learning policies do not learn remotely.
 */
public final class RemotePolicy implements OffloadPolicy {
    /** Largest telemetry body sent at once; larger snapshots are split (the service's default limit is 64 KiB). */
    static final int TELEMETRY_CHUNK_BYTES = 48 * 1024;

    private final URI base;
    private final String token;
    private final double intervalS;
    private final HttpClient http;
    private final Scenario scenario;
    private double lastTelemetryS = Double.NaN;
    private double[] sentCpuUtil;
    private long decisions;
    private long telemetryPosts;
    private long decisionNanos;
    private long telemetryNanos;

    /**
     * @param base              service URL, e.g. {@code http://127.0.0.1:8080}
     * @param token             bearer token with the device role, or null
     * @param telemetryIntervalS simulated seconds between telemetry snapshots (0 = before every decision)
     */
    public RemotePolicy(URI base, String token, double telemetryIntervalS, Scenario scenario) {
        this.base = base;
        this.token = token;
        this.intervalS = telemetryIntervalS;
        this.scenario = scenario;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
    }

    /** Fails unless the service's scenario has the same applications, devices, sites and VMs as {@code scenario}. */
    public void checkScenario() {
        JsonNode p = get("/v1/policies");
        JsonNode s = p.path("scenario");
        StringBuilder diff = new StringBuilder();
        compare(diff, "devices", s.path("devices").asInt(-1), scenario.devices().count());
        compare(diff, "sites", s.path("sites").asInt(-1), scenario.edge().sites());
        compare(diff, "edge VMs per site", s.path("edge_vms_per_site").asInt(-1),
                scenario.edge().hostsPerSite() * scenario.edge().vmsPerHost());
        compare(diff, "cloud VMs", s.path("cloud_vms").asInt(-1), scenario.cloud().vmCount());
        List<String> apps = new java.util.ArrayList<>();
        s.path("applications").forEach(a -> apps.add(a.asText()));
        if (!apps.equals(scenario.applicationNames())) {
            diff.append("; applications ").append(apps).append(" vs ").append(scenario.applicationNames());
        }
        if (diff.length() > 0) {
            throw new IllegalStateException("the service at " + base + " runs scenario '" + s.path("name").asText()
                    + "', which differs from '" + scenario.name() + "'" + diff
                    + "; start it with the same scenario (offload serve --scenario FILE)");
        }
    }

    /** The service's active policy name. */
    public String activePolicy() {
        return get("/v1/policies").path("active").path("name").asText();
    }

    private static void compare(StringBuilder diff, String what, int service, int local) {
        if (service != local) {
            diff.append("; ").append(what).append(' ').append(service).append(" vs ").append(local);
        }
    }

    @Override
    public Decision decide(Task task, SystemView view) {
        if (Double.isNaN(lastTelemetryS) || view.now() - lastTelemetryS >= intervalS) {
            long t0 = System.nanoTime();
            sendTelemetry(view);
            telemetryNanos += System.nanoTime() - t0;
            lastTelemetryS = view.now();
        }
        long t0 = System.nanoTime();
        StringBuilder b = new StringBuilder(256);
        b.append("{\"id\":").append(task.id())
                .append(",\"application\":").append(quote(scenario.applications().get(task.app()).name()))
                .append(",\"device\":").append(task.device())
                .append(",\"length_mi\":").append(task.lengthMi())
                .append(",\"upload_kb\":").append(task.uploadKb())
                .append(",\"download_kb\":").append(task.downloadKb())
                .append(",\"max_delay_s\":").append(task.maxDelayS())
                .append(",\"delay_sensitivity\":").append(task.delaySensitivity())
                .append(",\"memory_mb\":").append(task.memoryMb())
                .append(",\"site\":").append(view.deviceSite(task.device()))
                .append('}');
        JsonNode a = post("/v1/decisions", b.toString());
        decisions++;
        decisionNanos += System.nanoTime() - t0;
        return switch (a.path("outcome").asText()) {
            case "placed" -> {
                Tier tier = Tier.valueOf(a.path("tier").asText().toUpperCase(java.util.Locale.ROOT));
                yield tier == Tier.LOCAL ? Decision.LOCAL
                        : tier == Tier.EDGE ? Decision.edge(a.path("vm").asInt()) : Decision.cloud(a.path("vm").asInt());
            }
            case "deferred" -> Decision.DEFER;
            default -> Decision.REJECT;
        };
    }

    /** Posts the view's state as telemetry (split into several messages when large). */
    void sendTelemetry(SystemView view) {
        StringBuilder vms = new StringBuilder(view.vmCount() * 120);
        for (int v = 0; v < view.vmCount(); v++) {
            if (v > 0) {
                vms.append(',');
            }
            vms.append("{\"vm\":").append(v)
                    .append(",\"utilization_percent\":").append(clamp(view.vmUtilization(v), 0, 100))
                    .append(",\"load\":").append(view.vmLoad(v))
                    .append(",\"queue_length\":").append(view.vmQueueLength(v));
            double free = view.vmFreeMemoryMb(v);
            if (Double.isFinite(free)) {
                vms.append(",\"free_memory_mb\":").append(Math.max(0, free));
            }
            double wait = view.estimateExecutionS(v, 0);
            if (Double.isFinite(wait) && wait > 0) {
                vms.append(",\"wait_s\":").append(wait);
            }
            vms.append('}');
        }
        StringBuilder links = new StringBuilder(view.siteCount() * 200);
        NetworkSpec net = scenario.network();
        for (int s = 0; s < view.siteCount(); s++) {
            link(links, "wlan", s, view.wlanBandwidthMbps(s), net.wlan().propagationS(), view.estimateWlanDelayS(s, 1));
            link(links, "wan", s, view.wanBandwidthMbps(s), net.wan().propagationS(), view.estimateWanDelayS(s, 1));
        }
        link(links, "man", -1, view.manBandwidthMbps(), net.man().propagationS(), view.estimateManDelayS(1));
        List<String> devices = new java.util.ArrayList<>();
        if (scenario.devices().canComputeLocally()) {
            int n = scenario.devices().count();
            if (sentCpuUtil == null) {
                sentCpuUtil = new double[n];
                Arrays.fill(sentCpuUtil, Double.NaN);
            }
            double mips = scenario.devices().cpu().mips();
            int cores = scenario.devices().cpu().cores();
            for (int d = 0; d < n; d++) {
                double u = view.localUtilization(d);
                double est = view.estimateLocalExecutionS(d, 1);
                boolean busy = u > 0 || est > 1 / mips * (1 + 1e-9);
                if (!busy && (sentCpuUtil[d] == 0 || Double.isNaN(sentCpuUtil[d]))) {
                    continue;
                }
                sentCpuUtil[d] = busy ? u : 0;
                boolean queued = est > 1 / mips * (1 + 1e-9);
                int load = !queued ? 0 : scenario.scheduling() == Scenario.Scheduling.FCFS ? cores
                        : (int) Math.max(0, Math.round(est * mips * cores) - 1);
                StringBuilder d1 = new StringBuilder(120);
                d1.append("{\"device\":").append(d)
                        .append(",\"cpu_utilization_percent\":").append(clamp(u, 0, 100))
                        .append(",\"cpu_load\":").append(load);
                double wait = view.estimateLocalExecutionS(d, 0);
                if (Double.isFinite(wait) && wait > 0) {
                    d1.append(",\"cpu_wait_s\":").append(wait);
                }
                d1.append('}');
                devices.add(d1.toString());
            }
        }
        // First message: VMs and links (and as many devices as fit); then the remaining devices.
        int i = 0;
        boolean first = true;
        while (first || i < devices.size()) {
            StringBuilder body = new StringBuilder(TELEMETRY_CHUNK_BYTES);
            body.append('{');
            if (first) {
                body.append("\"vms\":[").append(vms).append("],\"links\":[").append(links).append("],");
            }
            body.append("\"devices\":[");
            int start = i;
            while (i < devices.size() && body.length() + devices.get(i).length() + 3 < TELEMETRY_CHUNK_BYTES) {
                if (i > start) {
                    body.append(',');
                }
                body.append(devices.get(i++));
            }
            if (i == start && i < devices.size() && !first) {
                throw new IllegalStateException("telemetry entry larger than " + TELEMETRY_CHUNK_BYTES + " bytes");
            }
            body.append("]}");
            post("/v1/telemetry", body.toString());
            telemetryPosts++;
            first = false;
        }
    }

    private void link(StringBuilder out, String kind, int site, double mbps, double propagationS, double delay1Kb) {
        if (out.length() > 0) {
            out.append(',');
        }
        out.append("{\"link\":\"").append(kind).append('"');
        if (site >= 0) {
            out.append(",\"site\":").append(site);
        }
        out.append(",\"bandwidth_mbps\":").append(mbps).append(",\"latency_s\":").append(propagationS);
        double rate = mbps * 1e6;
        double bits = 8000;
        if (scenario.network().model() == NetworkSpec.Model.MM1) {
            double rho = Double.isInfinite(delay1Kb) ? 1 : 1 - bits / (rate * (delay1Kb - propagationS));
            out.append(",\"utilization\":").append(clamp(rho, 0, 1));
        } else {
            long active = Math.max(0, Math.round((delay1Kb - propagationS) * rate / bits) - 1);
            out.append(",\"active_transfers\":").append(Math.min(active, 1_000_000));
        }
        out.append('}');
    }

    private static double clamp(double v, double lo, double hi) {
        return Double.isNaN(v) ? lo : Math.max(lo, Math.min(hi, v));
    }

    private static String quote(String s) {
        StringBuilder b = new StringBuilder(s.length() + 2).append('"');
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') {
                b.append('\\').append(c);
            } else if (c < 0x20) {
                b.append(String.format("\\u%04x", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.append('"').toString();
    }

    private JsonNode get(String path) {
        HttpRequest.Builder r = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(10)).GET();
        return send(r, path);
    }

    private JsonNode post(String path, String body) {
        HttpRequest.Builder r = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        return send(r, path);
    }

    private JsonNode send(HttpRequest.Builder r, String path) {
        if (token != null) {
            r.header("Authorization", "Bearer " + token);
        }
        HttpRequest req = r.build();
        for (int attempt = 0; ; attempt++) {
            HttpResponse<byte[]> resp;
            try {
                resp = http.send(req, HttpResponse.BodyHandlers.ofByteArray());
            } catch (IOException e) {
                throw new IllegalStateException("cannot reach the decision service at " + base + ": " + e, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while calling " + base + path, e);
            }
            if (resp.statusCode() == 429 && attempt < 50) {
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted", e);
                }
                continue;
            }
            if (resp.statusCode() != 200) {
                throw new IllegalStateException("decision service answered " + resp.statusCode() + " to " + path
                        + ": " + new String(resp.body(), java.nio.charset.StandardCharsets.UTF_8));
            }
            try {
                return Fields.MAPPER.readTree(resp.body());
            } catch (IOException e) {
                throw new IllegalStateException("unreadable answer from " + base + path + ": " + e.getMessage(), e);
            }
        }
    }

    public long decisions() {
        return decisions;
    }

    public long telemetryPosts() {
        return telemetryPosts;
    }

    /** Wall time spent in decision round trips, s. */
    public double decisionSeconds() {
        return decisionNanos / 1e9;
    }

    /** Wall time spent sending telemetry, s. */
    public double telemetrySeconds() {
        return telemetryNanos / 1e9;
    }
}
