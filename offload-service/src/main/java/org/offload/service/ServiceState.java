package org.offload.service;

import java.util.ArrayList;
import java.util.List;

import org.offload.model.Task;
import org.offload.model.Tier;
import org.offload.policy.Estimates;
import org.offload.policy.SystemView;
import org.offload.scenario.ApplicationSpec;
import org.offload.scenario.Scenario;
import org.offload.service.state.ClaimsStore;
import org.offload.service.state.InMemoryTelemetryStore;
import org.offload.service.state.Telemetry;
import org.offload.service.state.TelemetryStore;
import org.offload.service.state.TelemetryTable;
import org.offload.world.Topology;
import org.offload.world.WorldView;

/**
 * The system as the service knows it from telemetry: the {@link SystemView} policies read (a {@link WorldView},
 * the same the simulator's policies read) over a {@link TelemetryWorld} whose nodes report what the telemetry
 * said. Each node's telemetry expires {@code maxAgeS} seconds after it arrived; an expired or never-reported node
 * shows its nominal values (idle VM, the scenario's mid-range link capacity and propagation delay, the device's
 * scenario position), and {@link #staleOnRoute} names it so decisions can say so.
 *
 * <p>The estimates are the simulator's: each node applies its scheduling discipline's or network model's formula
 * to the reported numbers ({@code Discipline}, {@code NetworkModel}), so the same state gives the same estimates
 * (and the same decisions) as in the simulator. What is the service's own is here: applying telemetry, claims,
 * staleness, the per-request device site.
 *
 * <p>Not thread-safe: the {@link DecisionEngine} serialises access and sets {@link #at the time} of each decision.
 */
public final class ServiceState extends WorldView {
    private final List<ApplicationSpec> apps;
    private final double maxAgeS;
    private final int sites;
    private final TelemetryWorld world;

    /** A state over in-memory telemetry, without claims. */
    public ServiceState(Scenario scenario, double maxAgeS) {
        this(scenario, maxAgeS, null, ClaimsStore.NONE);
    }

    /**
     * A state reading telemetry from {@code store} (null: a new in-memory store) and adding the live claims of
     * {@code claims} to the reported VM use.
     */
    public ServiceState(Scenario scenario, double maxAgeS, TelemetryStore store, ClaimsStore claims) {
        this(scenario, maxAgeS, world(scenario, maxAgeS, store, claims));
    }

    private ServiceState(Scenario scenario, double maxAgeS, TelemetryWorld world) {
        super(scenario, world);
        this.apps = scenario.applications();
        this.maxAgeS = maxAgeS;
        this.sites = scenario.edge().sites();
        this.world = world;
    }

    private static TelemetryWorld world(Scenario scenario, double maxAgeS, TelemetryStore store, ClaimsStore claims) {
        Topology t = Topology.of(scenario);
        TelemetryStore s = store != null ? store
                : new InMemoryTelemetryStore(t.vmCount(), t.sites(), scenario.devices().count());
        return new TelemetryWorld(scenario, maxAgeS, s, claims, t.vmCount());
    }

    // ------------------------------------------------------------------ time and telemetry

    /** Sets the time decisions and ages are evaluated at (the engine calls it before each decision). */
    public void at(double nowS) {
        world.now = nowS;
        world.tt = world.store.table(nowS);
    }

    public double maxAgeS() {
        return maxAgeS;
    }

    /** {@link #overrideQosClass} value meaning: the application's own class. */
    static final int APPLICATION_CLASS = Integer.MIN_VALUE;
    private int qosClass = APPLICATION_CLASS;

    /** For one decision: the task is of QoS class {@code c} (-1: none); {@link #APPLICATION_CLASS} clears it. */
    void overrideQosClass(int c) {
        qosClass = c;
    }

    @Override
    public int qosClass(Task task) {
        return qosClass != APPLICATION_CLASS ? qosClass : super.qosClass(task);
    }

    /** For one decision: the device is at {@code site} (the request said so); {@code device < 0} clears it. */
    void overrideSite(int device, int site) {
        world.overrideSite(device, site);
    }

    private boolean fresh(double t) {
        return world.fresh(t);
    }

    /**
     * Applies a validated telemetry message received at {@code nowS} (indices must be in range): device sites are
     * resolved (from x, y or the scenario position), VM reports supersede the claims made before them.
     */
    public void apply(Telemetry t, double nowS) {
        List<Telemetry.DeviceReport> devs = new ArrayList<>(t.devices().size());
        for (Telemetry.DeviceReport r : t.devices()) {
            int site = r.site();
            if (site == Telemetry.DeviceReport.SITE_UNSET) {
                site = world.siteOf(r.device(), r.x(), r.y());
            }
            devs.add(new Telemetry.DeviceReport(r.device(), site, r.x(), r.y(), r.batteryPercent(),
                    r.cpuUtilizationPercent(), r.cpuLoad(), r.cpuWaitS()));
        }
        world.store.apply(new Telemetry(t.vms(), t.links(), devs), nowS);
        for (Telemetry.VmReport r : t.vms()) {
            world.claims.supersede(r.vm(), nowS);
        }
    }

    /**
     * Reserves the task's share and memory of {@code vm} (held at once without a claims store); its
     * {@link ClaimsStore.Claim#confirm} is false when another decision took the capacity first.
     */
    ClaimsStore.Claim claim(Task task, int vm, double untilS) {
        ApplicationSpec app = apps.get(task.app());
        double share = vmTier(vm) == Tier.EDGE ? app.vmUtilizationEdge() : app.vmUtilizationCloud();
        TelemetryTable tt = world.tt;
        double mem = world.spec(vm).memoryMb();
        boolean f = fresh(tt.vmTime(vm));
        double used = mem == 0 ? 0 : mem - (f && !Double.isNaN(tt.vmFreeMb(vm)) ? tt.vmFreeMb(vm) : mem);
        return world.claims.reserve(vm, f ? tt.vmUtil(vm) : 0, share, world.limit(vm), used, task.memoryMb(), mem,
                now(), untilS);
    }

    private String linkName(int l) {
        return l < sites ? "wlan:" + l : l < 2 * sites ? "wan:" + (l - sites) : "man";
    }

    /** Age (s) of a node's telemetry; NaN when never reported. */
    private double age(double t) {
        return now() - t;
    }

    /**
     * Nodes whose telemetry a placement on {@code vm} (or local, {@code vm < 0}) relies on and that are stale
     * (expired or never reported): the device for local execution; the VM and the links of its route otherwise.
     */
    public List<String> staleOnRoute(Task task, int vm) {
        List<String> out = new ArrayList<>(2);
        if (vm < 0) {
            int d = task.device();
            if (!fresh(world.tt.deviceTime(d))) {
                out.add(describe("device:" + d, world.tt.deviceTime(d)));
            }
            return out;
        }
        if (!fresh(world.tt.vmTime(vm))) {
            out.add(describe("vm:" + vm, world.tt.vmTime(vm)));
        }
        int site = deviceSite(task.device());
        if (site >= 0) {
            addStaleLink(out, site);
            if (vmTier(vm) == Tier.CLOUD) {
                addStaleLink(out, sites + site);
            } else if (vmSite(vm) != site) {
                addStaleLink(out, 2 * sites);
            }
        }
        return out;
    }

    private void addStaleLink(List<String> out, int l) {
        if (!fresh(world.tt.linkTime(l))) {
            out.add(describe(linkName(l), world.tt.linkTime(l)));
        }
    }

    private String describe(String node, double t) {
        return Double.isNaN(t) ? node + " (no telemetry)"
                : Num.fixed(new StringBuilder(node).append(" ("), age(t), 1).append(" s old > ").append(trim(maxAgeS))
                        .append(" s)").toString();
    }

    private static String trim(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }

    /** Nodes (VMs, links, devices that ever reported) whose telemetry is stale now. */
    public int staleNodeCount() {
        int n = 0;
        for (int v = 0; v < vmCount(); v++) {
            n += fresh(world.tt.vmTime(v)) ? 0 : 1;
        }
        for (int l = 0; l < 2 * sites + 1; l++) {
            n += fresh(world.tt.linkTime(l)) ? 0 : 1;
        }
        for (int d = 0; d < world.devices(); d++) {
            double t = world.tt.deviceTime(d);
            n += !Double.isNaN(t) && !fresh(t) ? 1 : 0;
        }
        return n;
    }

    /** Battery level of the device (percent), NaN when unknown or stale. Not part of {@link SystemView}. */
    public double deviceBatteryPercent(int device) {
        return fresh(world.tt.deviceTime(device)) ? world.tt.deviceBattery(device) : Double.NaN;
    }

    public int deviceCount() {
        return world.devices();
    }

    /** Whether the device's CPU would admit the task (claimed share within 100%). */
    public boolean localAdmits(Task task) {
        return deviceCanCompute(task.device())
                && localUtilization(task.device()) + apps.get(task.app()).vmUtilizationLocal() <= 100 + 1e-9;
    }

    /** One-way latency (propagation) of a link, s. */
    double latencyS(int l) {
        return world.latencyS(l);
    }

    /** WLAN air time (delay without propagation) of {@code kb} at the site: what the device's radio spends. */
    public double wlanAirTimeS(int site, double kb) {
        return world.wlan(site).transferS(kb * Estimates.BITS_PER_KB);
    }
}
