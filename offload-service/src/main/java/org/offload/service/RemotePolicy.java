package org.offload.service;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.offload.model.Decision;
import org.offload.model.Task;
import org.offload.model.Tier;
import org.offload.network.LinkKind;
import org.offload.network.SlicePlan;
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
 * delay estimate; on a link partitioned into QoS slices, the view's transfers per slice) and the devices whose own CPU state changed (VM and link reports need a token with the
 * {@code infra} role). The service must run the same scenario (checked by {@link #checkScenario}); its telemetry
 * age limit is measured on its own wall clock. Bodies are the {@link Bodies} records the service itself uses.
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
    /** The scenario's slices: which links report per-slice counts, and the slices' names there. */
    private final SlicePlan slices;
    private double lastTelemetryS = Double.NaN;
    private double[] sentCpuUtil;
    private long decisions;
    private Bodies.DecisionAnswer lastAnswer;
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
        this.slices = SlicePlan.of(scenario);
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
    }

    /**
     * Fails unless the service's scenario has the same applications, devices, sites, VMs and network slices as
     * {@code scenario} (the slices name the per-slice counts the telemetry sends).
     */
    public void checkScenario() {
        Bodies.ScenarioInfo s = read(get("/v1/policies"), Bodies.PoliciesAnswer.class).scenario();
        StringBuilder diff = new StringBuilder();
        compare(diff, "devices", s.devices(), scenario.devices().count());
        compare(diff, "sites", s.sites(), scenario.edge().sites());
        compare(diff, "edge VMs per site", s.edgeVmsPerSite(),
                scenario.edge().hostsPerSite() * scenario.edge().vmsPerHost());
        compare(diff, "cloud VMs", s.cloudVms(), scenario.cloud().vmCount());
        List<Bodies.SliceInfo> slicesThere = s.slices() == null ? List.of() : s.slices();
        List<Bodies.SliceInfo> slicesHere = Bodies.SliceInfo.of(scenario);
        if (!slicesThere.equals(slicesHere)) {
            diff.append("; network slices ").append(describe(slicesThere)).append(" vs ").append(describe(slicesHere));
        }
        List<String> apps = s.applications();
        if (!apps.equals(scenario.applicationNames())) {
            diff.append("; applications ").append(apps).append(" vs ").append(scenario.applicationNames());
        }
        if (diff.length() > 0) {
            throw new IllegalStateException("the service at " + base + " runs scenario '" + s.name()
                    + "', which differs from '" + scenario.name() + "'" + diff
                    + "; start it with the same scenario (offload serve --scenario FILE)");
        }
    }

    private static String describe(List<Bodies.SliceInfo> slices) {
        return slices.isEmpty() ? "none" : slices.stream()
                .map(x -> x.name() + " " + x.share() + " of " + x.links()).toList().toString();
    }

    /** The service's active policy name. */
    public String activePolicy() {
        return read(get("/v1/policies"), Bodies.PoliciesAnswer.class).active().name();
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
        Bodies.DecisionRequest req = new Bodies.DecisionRequest(task.id(),
                scenario.applications().get(task.app()).name(), task.device(), task.lengthMi(), task.uploadKb(),
                task.downloadKb(), task.maxDelayS(), task.delaySensitivity(), task.memoryMb(), null,
                view.deviceSite(task.device()));
        Bodies.DecisionAnswer a = read(post("/v1/decisions", Bodies.bytes(req)), Bodies.DecisionAnswer.class);
        lastAnswer = a;
        decisions++;
        decisionNanos += System.nanoTime() - t0;
        return switch (a.outcome()) {
            case "placed" -> {
                Tier tier = Tier.valueOf(a.tier().toUpperCase(Locale.ROOT));
                Decision d = tier == Tier.LOCAL ? Decision.LOCAL
                        : tier == Tier.EDGE ? Decision.edge(a.vm()) : Decision.cloud(a.vm());
                yield a.variant() == null ? d : d.withVariant(a.variant().index());
            }
            case "deferred" -> Decision.DEFER;
            default -> Decision.REJECT;
        };
    }

    /** Posts the view's state as telemetry (split into several messages when large). */
    void sendTelemetry(SystemView view) {
        List<Bodies.VmReport> vms = new ArrayList<>(view.vmCount());
        for (int v = 0; v < view.vmCount(); v++) {
            double free = view.vmFreeMemoryMb(v);
            double wait = view.estimateExecutionS(v, 0);
            vms.add(new Bodies.VmReport(v, clamp(view.vmUtilization(v), 0, 100), view.vmLoad(v),
                    view.vmQueueLength(v), Double.isFinite(free) ? Math.max(0, free) : null,
                    Double.isFinite(wait) && wait > 0 ? wait : null));
        }
        List<Bodies.LinkReport> links = new ArrayList<>(2 * view.siteCount() + 1);
        NetworkSpec net = scenario.network();
        for (int s = 0; s < view.siteCount(); s++) {
            links.add(link(LinkKind.WLAN, s, view.wlanBandwidthMbps(s), net.wlan().propagationS(),
                    view.estimateWlanDelayS(s, 1), view.flowTransfers(LinkKind.WLAN, s)));
            links.add(link(LinkKind.WAN, s, view.wanBandwidthMbps(s), net.wan().propagationS(),
                    view.estimateWanDelayS(s, 1), view.flowTransfers(LinkKind.WAN, s)));
        }
        links.add(link(LinkKind.MAN, -1, view.manBandwidthMbps(), net.man().propagationS(), view.estimateManDelayS(1),
                view.flowTransfers(LinkKind.MAN, -1)));
        List<Bodies.DeviceReport> devices = new ArrayList<>();
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
                double wait = view.estimateLocalExecutionS(d, 0);
                devices.add(new Bodies.DeviceReport(d, null, null, null, null, clamp(u, 0, 100), load,
                        Double.isFinite(wait) && wait > 0 ? wait : null));
            }
        }
        // First message: VMs and links with as many devices as fit; then the remaining devices.
        post(vms, links, devices);
    }

    private void post(List<Bodies.VmReport> vms, List<Bodies.LinkReport> links, List<Bodies.DeviceReport> devices) {
        byte[] body = Bodies.bytes(new Bodies.TelemetryMessage(vms, links, devices));
        if (body.length > TELEMETRY_CHUNK_BYTES && devices.size() > 1) {
            int half = devices.size() / 2;
            post(vms, links, devices.subList(0, half));
            post(null, null, devices.subList(half, devices.size()));
            return;
        }
        if (body.length > TELEMETRY_CHUNK_BYTES && vms != null && !devices.isEmpty()) {
            post(vms, links, List.of());
            post(null, null, devices);
            return;
        }
        post("/v1/telemetry", body);
        telemetryPosts++;
    }

    /**
     * A link's report. {@code flows} are the view's transfers per slice flow ({@link SystemView#flowTransfers}):
     * when known, the active count is their sum and each slice's count is sent by name ({@code slice_transfers}),
     * so the service's slice-aware estimates read the simulator's per-slice state; otherwise the active count is
     * the one the link's unsliced delay estimate implies.
     */
    private Bodies.LinkReport link(LinkKind kind, int site, double mbps, double propagationS, double delay1Kb,
                                   int[] flows) {
        double rate = mbps * 1e6;
        double bits = 8000;
        Double utilization = null;
        Long active = null;
        Map<String, Long> perSlice = null;
        if (flows != null && slices.sliced(kind)) {
            List<String> names = slices.sliceNames(kind);
            perSlice = new LinkedHashMap<>();
            long sum = flows[0];
            for (int f = 1; f < flows.length; f++) {
                perSlice.put(names.get(f - 1), (long) flows[f]);
                sum += flows[f];
            }
            active = sum;
        } else if (scenario.network().model() == NetworkSpec.Model.MM1) {
            double rho = Double.isInfinite(delay1Kb) ? 1 : 1 - bits / (rate * (delay1Kb - propagationS));
            utilization = clamp(rho, 0, 1);
        } else {
            active = Math.min(Math.max(0, Math.round((delay1Kb - propagationS) * rate / bits) - 1), Requests.MAX_COUNT);
        }
        return new Bodies.LinkReport(kind.name().toLowerCase(Locale.ROOT), site >= 0 ? site : null, mbps,
                propagationS, active, utilization, perSlice);
    }

    private static double clamp(double v, double lo, double hi) {
        return Double.isNaN(v) ? lo : Math.max(lo, Math.min(hi, v));
    }

    private <T> T read(byte[] json, Class<T> type) {
        try {
            return Bodies.read(json, type);
        } catch (IOException e) {
            throw new IllegalStateException("unreadable answer from " + base + ": " + e.getMessage(), e);
        }
    }

    private byte[] get(String path) {
        HttpRequest.Builder r = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(10)).GET();
        return send(r, path);
    }

    private byte[] post(String path, byte[] body) {
        HttpRequest.Builder r = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(body));
        return send(r, path);
    }

    private byte[] send(HttpRequest.Builder r, String path) {
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
            return resp.body();
        }
    }

    /** The service's answer to the latest decision request (its estimates, explanation), or null before one. */
    Bodies.DecisionAnswer lastAnswer() {
        return lastAnswer;
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
