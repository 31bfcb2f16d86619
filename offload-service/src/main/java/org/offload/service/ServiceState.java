package org.offload.service;

import java.util.ArrayList;
import java.util.List;

import org.offload.engine.RandomStreams;
import org.offload.model.Task;
import org.offload.model.Tier;
import org.offload.scenario.ApplicationSpec;
import org.offload.scenario.DevicesSpec;
import org.offload.scenario.EdgeSpec;
import org.offload.scenario.LinkSpec;
import org.offload.scenario.NetworkSpec;
import org.offload.scenario.PlacementSpec;
import org.offload.scenario.Scenario;
import org.offload.scenario.VmSpec;
import org.offload.policy.SystemView;
import org.offload.service.state.ClaimsStore;
import org.offload.service.state.InMemoryTelemetryStore;
import org.offload.service.state.Telemetry;
import org.offload.service.state.TelemetryStore;
import org.offload.service.state.TelemetryTable;
import org.offload.topology.EuaDataset;
import org.offload.topology.Placement;
import org.offload.topology.Sites;

/**
 * The system as the service knows it from telemetry: a {@link SystemView} over the nodes of a scenario (edge sites
 * and their VMs, cloud VMs, links, devices) whose dynamic values come from {@link #apply telemetry}. Each node's
 * telemetry expires {@code maxAgeS} seconds after it arrived; an expired or never-reported node shows its nominal
 * values (idle VM, the scenario's mid-range link capacity and propagation delay, the device's scenario position),
 * and {@link #staleOnRoute} names it so decisions can say so.
 *
 * <p>Estimates follow {@code OffloadSimulation}'s formulas, so the same state gives the same estimates (and the
 * same decisions) as in the simulator: time-shared VMs {@code mi / rate(load + 1)}; FCFS VMs {@code mi / mips}
 * plus the reported wait once all cores are busy (without a reported wait: the waiting tasks ahead are assumed as
 * long as this one); shared links {@code bits * (active + 1) / capacity + latency}; M/M/1 links
 * {@code bits / (capacity * (1 - utilisation)) + latency}.
 *
 * <p>Not thread-safe: the {@link DecisionEngine} serialises access and sets {@link #at the time} of each decision.
 */
public final class ServiceState implements SystemView {
    private static final double BITS_PER_KB = 8000;

    private final Scenario scenario;
    private final List<ApplicationSpec> apps;
    private final double maxAgeS;
    private final int sites;
    private final int edgeVmsPerSite;
    private final int firstCloudVm;
    private final int vmCount;
    private final boolean fcfs;
    private final boolean mm1;
    private final Sites siteGeometry;
    private final int devices;
    private final double[] homeX;
    private final double[] homeY;
    private final int[] homeSite;

    private final TelemetryStore store;
    private final ClaimsStore claims;
    private TelemetryTable tt;

    private double now;
    private int overrideDevice = -1;
    private int overrideSite;

    /** A state over in-memory telemetry, without claims. */
    public ServiceState(Scenario scenario, double maxAgeS) {
        this(scenario, maxAgeS, null, ClaimsStore.NONE);
    }

    /**
     * A state reading telemetry from {@code store} (null: a new in-memory store) and adding the live claims of
     * {@code claims} to the reported VM use.
     */
    public ServiceState(Scenario scenario, double maxAgeS, TelemetryStore store, ClaimsStore claims) {
        this.scenario = scenario;
        this.apps = scenario.applications();
        this.maxAgeS = maxAgeS;
        EdgeSpec edge = scenario.edge();
        this.sites = edge.sites();
        this.edgeVmsPerSite = edge.hostsPerSite() * edge.vmsPerHost();
        this.firstCloudVm = sites * edgeVmsPerSite;
        this.vmCount = firstCloudVm + scenario.cloud().vmCount();
        this.fcfs = scenario.scheduling() == Scenario.Scheduling.FCFS;
        this.mm1 = scenario.network().model() == NetworkSpec.Model.MM1;

        // Positions as OffloadSimulation places them (same streams), so device d is at the same site.
        DevicesSpec ds = scenario.devices();
        boolean eua = ds.placement().type() == PlacementSpec.Type.EUA || edge.placement().type() == PlacementSpec.Type.EUA;
        EuaDataset data = eua ? EuaDataset.load() : null;
        RandomStreams streams = new RandomStreams(scenario.seed());
        double[][] sitePos = Placement.place(edge.placement(), sites, true, streams.stream("placement.sites", 0), data);
        this.siteGeometry = new Sites(sitePos, edge.coverageM());
        double[][] devPos = Placement.place(ds.placement(), ds.count(), false, streams.stream("placement.devices", 0), data);
        this.devices = ds.count();
        this.homeX = new double[devices];
        this.homeY = new double[devices];
        this.homeSite = new int[devices];
        for (int d = 0; d < devices; d++) {
            homeX[d] = devPos[d][0];
            homeY[d] = devPos[d][1];
            homeSite[d] = siteGeometry.nearest(homeX[d], homeY[d]);
        }

        this.store = store != null ? store : new InMemoryTelemetryStore(vmCount, sites, devices);
        this.claims = claims;
        this.tt = this.store.table();
    }

    // ------------------------------------------------------------------ time and telemetry

    /** Sets the time decisions and ages are evaluated at (the engine calls it before each decision). */
    public void at(double nowS) {
        this.now = nowS;
        this.tt = store.table(nowS);
    }

    public double maxAgeS() {
        return maxAgeS;
    }

    /** For one decision: the device is at {@code site} (the request said so); {@code device < 0} clears it. */
    void overrideSite(int device, int site) {
        this.overrideDevice = device;
        this.overrideSite = site;
    }

    private boolean fresh(double t) {
        return now - t <= maxAgeS; // false for NaN (never reported)
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
                site = Double.isNaN(r.x()) ? homeSite[r.device()] : siteGeometry.nearest(r.x(), r.y());
            }
            devs.add(new Telemetry.DeviceReport(r.device(), site, r.x(), r.y(), r.batteryPercent(),
                    r.cpuUtilizationPercent(), r.cpuLoad(), r.cpuWaitS()));
        }
        store.apply(new Telemetry(t.vms(), t.links(), devs), nowS);
        for (Telemetry.VmReport r : t.vms()) {
            claims.supersede(r.vm(), nowS);
        }
    }

    /**
     * Claims the task's share and memory of {@code vm} (no-op without a claims store); false when another
     * decision took the capacity first.
     */
    boolean claim(Task task, int vm, double untilS) {
        ApplicationSpec app = apps.get(task.app());
        double share = vm < firstCloudVm ? app.vmUtilizationEdge() : app.vmUtilizationCloud();
        double mem = spec(vm).memoryMb();
        boolean f = fresh(tt.vmTime(vm));
        double used = mem == 0 ? 0 : mem - (f && !Double.isNaN(tt.vmFreeMb(vm)) ? tt.vmFreeMb(vm) : mem);
        return claims.tryClaim(vm, f ? tt.vmUtil(vm) : 0, share, limit(vm), used, task.memoryMb(), mem, now, untilS);
    }

    private String linkName(int l) {
        return l < sites ? "wlan:" + l : l < 2 * sites ? "wan:" + (l - sites) : "man";
    }

    /** Age (s) of a node's telemetry; NaN when never reported. */
    private double age(double t) {
        return now - t;
    }

    /**
     * Nodes whose telemetry a placement on {@code vm} (or local, {@code vm < 0}) relies on and that are stale
     * (expired or never reported): the device for local execution; the VM and the links of its route otherwise.
     */
    public List<String> staleOnRoute(Task task, int vm) {
        List<String> out = new ArrayList<>(2);
        if (vm < 0) {
            int d = task.device();
            if (!fresh(tt.deviceTime(d))) {
                out.add(describe("device:" + d, tt.deviceTime(d)));
            }
            return out;
        }
        if (!fresh(tt.vmTime(vm))) {
            out.add(describe("vm:" + vm, tt.vmTime(vm)));
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
        if (!fresh(tt.linkTime(l))) {
            out.add(describe(linkName(l), tt.linkTime(l)));
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
        for (int v = 0; v < vmCount; v++) {
            n += fresh(tt.vmTime(v)) ? 0 : 1;
        }
        for (int l = 0; l < 2 * sites + 1; l++) {
            n += fresh(tt.linkTime(l)) ? 0 : 1;
        }
        for (int d = 0; d < devices; d++) {
            double t = tt.deviceTime(d);
            n += !Double.isNaN(t) && !fresh(t) ? 1 : 0;
        }
        return n;
    }

    /** Battery level of the device (percent), NaN when unknown or stale. Not part of {@link SystemView}. */
    public double deviceBatteryPercent(int device) {
        return fresh(tt.deviceTime(device)) ? tt.deviceBattery(device) : Double.NaN;
    }

    public int deviceCount() {
        return devices;
    }

    // ------------------------------------------------------------------ SystemView

    @Override
    public double now() {
        return now;
    }

    @Override
    public Scenario scenario() {
        return scenario;
    }

    @Override
    public int siteCount() {
        return sites;
    }

    @Override
    public int deviceSite(int device) {
        if (device == overrideDevice) {
            return overrideSite;
        }
        return fresh(tt.deviceTime(device)) ? tt.deviceSite(device) : homeSite[device];
    }

    @Override
    public double deviceX(int device) {
        return fresh(tt.deviceTime(device)) && !Double.isNaN(tt.deviceX(device)) ? tt.deviceX(device) : homeX[device];
    }

    @Override
    public double deviceY(int device) {
        return fresh(tt.deviceTime(device)) && !Double.isNaN(tt.deviceY(device)) ? tt.deviceY(device) : homeY[device];
    }

    @Override
    public boolean deviceCanCompute(int device) {
        return scenario.devices().canComputeLocally();
    }

    @Override
    public double localUtilization(int device) {
        return fresh(tt.deviceTime(device)) ? tt.deviceCpuUtil(device) : 0;
    }

    @Override
    public double estimateLocalExecutionS(int device, double mi) {
        if (!deviceCanCompute(device)) {
            return Double.POSITIVE_INFINITY;
        }
        VmSpec cpu = scenario.devices().cpu();
        boolean f = fresh(tt.deviceTime(device));
        int load = f ? tt.deviceCpuLoad(device) : 0;
        double wait = f ? tt.deviceCpuWaitS(device) : Double.NaN;
        return execution(cpu, load, wait, mi);
    }

    private double execution(VmSpec spec, int load, double wait, double mi) {
        int cores = spec.cores();
        double mips = spec.mips();
        if (fcfs) {
            if (load < cores) {
                return mi / mips;
            }
            double w = Double.isNaN(wait) ? (load - cores + 1) * mi / (mips * cores) : wait;
            return Math.max(0, w) + mi / mips;
        }
        int count = load + 1;
        double perItem = count <= cores ? mips : mips * cores / count;
        return mi / perItem;
    }

    @Override
    public int vmCount() {
        return vmCount;
    }

    @Override
    public int edgeVmsPerSite() {
        return edgeVmsPerSite;
    }

    @Override
    public Tier vmTier(int vm) {
        return vm < firstCloudVm ? Tier.EDGE : Tier.CLOUD;
    }

    @Override
    public int vmSite(int vm) {
        return vm < firstCloudVm ? vm / edgeVmsPerSite : -1;
    }

    private VmSpec spec(int vm) {
        return vm < firstCloudVm ? scenario.edge().vm() : scenario.cloud().vm();
    }

    private double limit(int vm) {
        return vm < firstCloudVm ? scenario.edge().utilizationLimitPercent() : scenario.cloud().utilizationLimitPercent();
    }

    @Override
    public int vmCores(int vm) {
        return spec(vm).cores();
    }

    @Override
    public double vmMips(int vm) {
        return spec(vm).mips();
    }

    @Override
    public double vmUtilization(int vm) {
        return (fresh(tt.vmTime(vm)) ? tt.vmUtil(vm) : 0) + claims.claimedPercent(vm, now);
    }

    @Override
    public int vmLoad(int vm) {
        return fresh(tt.vmTime(vm)) ? tt.vmLoad(vm) : 0;
    }

    @Override
    public int vmQueueLength(int vm) {
        return fresh(tt.vmTime(vm)) ? tt.vmQueue(vm) : 0;
    }

    @Override
    public double vmFreeMemoryMb(int vm) {
        double mem = spec(vm).memoryMb();
        if (mem == 0) {
            return Double.POSITIVE_INFINITY;
        }
        double free = fresh(tt.vmTime(vm)) && !Double.isNaN(tt.vmFreeMb(vm)) ? tt.vmFreeMb(vm) : mem;
        return free - claims.claimedMemoryMb(vm, now);
    }

    @Override
    public boolean vmAdmits(int vm, Task task) {
        ApplicationSpec app = apps.get(task.app());
        double share = vm < firstCloudVm ? app.vmUtilizationEdge() : app.vmUtilizationCloud();
        if (!(vmUtilization(vm) + share <= limit(vm) + 1e-9)) {
            return false;
        }
        double mem = spec(vm).memoryMb();
        return mem == 0 || (mem - vmFreeMemoryMb(vm)) + task.memoryMb() <= mem + 1e-9;
    }

    /** Whether the device's CPU would admit the task (claimed share within 100%). */
    public boolean localAdmits(Task task) {
        return deviceCanCompute(task.device())
                && localUtilization(task.device()) + apps.get(task.app()).vmUtilizationLocal() <= 100 + 1e-9;
    }

    @Override
    public double estimateExecutionS(int vm, double mi) {
        boolean f = fresh(tt.vmTime(vm));
        return execution(spec(vm), f ? tt.vmLoad(vm) : 0, f ? tt.vmWaitS(vm) : Double.NaN, mi);
    }

    @Override
    public double siteUtilization(int site) {
        double sum = 0;
        for (int v = firstEdgeVm(site); v < firstEdgeVm(site) + edgeVmsPerSite; v++) {
            sum += vmUtilization(v);
        }
        return sum / edgeVmsPerSite;
    }

    @Override
    public double edgeUtilization() {
        return mean(0, firstCloudVm);
    }

    @Override
    public double cloudUtilization() {
        return mean(firstCloudVm, vmCount);
    }

    private double mean(int from, int to) {
        if (to <= from) {
            return 0;
        }
        double sum = 0;
        for (int v = from; v < to; v++) {
            sum += vmUtilization(v);
        }
        return sum / (to - from);
    }

    private LinkSpec linkSpec(int l) {
        NetworkSpec n = scenario.network();
        return l < sites ? n.wlan() : l < 2 * sites ? n.wan() : n.man();
    }

    private double bandwidthMbps(int l) {
        if (fresh(tt.linkTime(l))) {
            return tt.linkBandwidthMbps(l);
        }
        LinkSpec s = linkSpec(l);
        return (s.bandwidthMbps().min() + s.bandwidthMbps().max()) / 2;
    }

    /** One-way latency (propagation) of a link, s. */
    double latencyS(int l) {
        return fresh(tt.linkTime(l)) ? tt.linkLatencyS(l) : linkSpec(l).propagationS();
    }

    private double delay(int l, double kb) {
        double bits = kb * BITS_PER_KB;
        double rate = bandwidthMbps(l) * 1e6;
        boolean f = fresh(tt.linkTime(l));
        if (mm1) {
            double rho = f ? tt.linkUtil(l) : 0;
            return rho >= 1 ? Double.POSITIVE_INFINITY : bits / (rate * (1 - rho)) + latencyS(l);
        }
        int count = (f ? tt.linkActive(l) : 0) + 1;
        double perItem = count <= 1 ? rate : rate * 1 / count;
        return bits / perItem + latencyS(l);
    }

    @Override
    public double wlanBandwidthMbps(int site) {
        return bandwidthMbps(site);
    }

    @Override
    public double wanBandwidthMbps(int site) {
        return bandwidthMbps(sites + site);
    }

    @Override
    public double manBandwidthMbps() {
        return bandwidthMbps(2 * sites);
    }

    @Override
    public double estimateWlanDelayS(int site, double kb) {
        return delay(site, kb);
    }

    @Override
    public double estimateManDelayS(double kb) {
        return delay(2 * sites, kb);
    }

    @Override
    public double estimateWanDelayS(int site, double kb) {
        return delay(sites + site, kb);
    }

    /** WLAN air time (delay without propagation) of {@code kb} at the site: what the device's radio spends. */
    public double wlanAirTimeS(int site, double kb) {
        return delay(site, kb) - latencyS(site);
    }
}
