package org.offload.service;

import org.offload.compute.ComputeState;
import org.offload.engine.RandomStreams;
import org.offload.network.LinkKind;
import org.offload.network.LinkState;
import org.offload.network.SlicePlan;
import org.offload.queueing.GpsServer;
import org.offload.network.NetworkModel;
import org.offload.queueing.Discipline;
import org.offload.scenario.DevicesSpec;
import org.offload.scenario.EdgeSpec;
import org.offload.scenario.LinkSpec;
import org.offload.scenario.NetworkSpec;
import org.offload.scenario.PlacementSpec;
import org.offload.scenario.Scenario;
import org.offload.scenario.VmSpec;
import org.offload.service.state.ClaimsStore;
import org.offload.service.state.TelemetryStore;
import org.offload.service.state.TelemetryTable;
import org.offload.topology.EuaDataset;
import org.offload.topology.Placement;
import org.offload.topology.Sites;
import org.offload.world.WorldState;

/**
 * The infrastructure's state as telemetry reports it: a {@link WorldState} whose nodes read the latest
 * {@link TelemetryTable} (plus the live claims of the {@link ClaimsStore}) at the time {@link #at} set. A node whose
 * telemetry is older than {@code maxAgeS} (or was never sent) shows its nominal values: an idle VM or CPU, the
 * link's mid-range capacity and propagation delay, the device's scenario position. The estimates over these
 * numbers are not written here: each node applies its {@link Discipline} or {@link NetworkModel} formula, the same
 * the simulator's stations use, so the same state gives the same estimates in both.
 */
final class TelemetryWorld implements WorldState {
    private final Scenario scenario;
    private final double maxAgeS;
    private final int sites;
    private final int firstCloudVm;
    private final Discipline discipline;
    private final NetworkModel network;
    private final Sites siteGeometry;
    private final double[] homeX;
    private final double[] homeY;
    private final int[] homeSite;
    private final VmNode[] vms;
    private final LinkNode[] links;
    /** Per link kind, the GPS weights of its flows when slices cover it, else null. */
    private final double[][] flowWeights = new double[LinkKind.values().length][];

    final TelemetryStore store;
    final ClaimsStore claims;
    TelemetryTable tt;
    double now;
    private int overrideDevice = -1;
    private int overrideSite;

    TelemetryWorld(Scenario scenario, double maxAgeS, TelemetryStore store, ClaimsStore claims, int vmCount) {
        this.scenario = scenario;
        this.maxAgeS = maxAgeS;
        EdgeSpec edge = scenario.edge();
        this.sites = edge.sites();
        this.firstCloudVm = sites * edge.hostsPerSite() * edge.vmsPerHost();
        this.discipline = Discipline.of(scenario.scheduling());
        this.network = NetworkModel.of(scenario);
        SlicePlan plan = SlicePlan.of(scenario);
        for (LinkKind kind : LinkKind.values()) {
            flowWeights[kind.ordinal()] = plan.sliced(kind) ? plan.weights(kind) : null;
        }

        // Positions as the simulator places them (same streams), so device d is at the same site.
        DevicesSpec ds = scenario.devices();
        boolean eua = ds.placement().type() == PlacementSpec.Type.EUA || edge.placement().type() == PlacementSpec.Type.EUA;
        EuaDataset data = eua ? EuaDataset.load() : null;
        RandomStreams streams = new RandomStreams(scenario.seed());
        double[][] sitePos = Placement.place(edge.placement(), sites, true, streams.stream("placement.sites", 0), data);
        this.siteGeometry = new Sites(sitePos, edge.coverageM());
        double[][] devPos = Placement.place(ds.placement(), ds.count(), false, streams.stream("placement.devices", 0), data);
        int devices = ds.count();
        this.homeX = new double[devices];
        this.homeY = new double[devices];
        this.homeSite = new int[devices];
        for (int d = 0; d < devices; d++) {
            homeX[d] = devPos[d][0];
            homeY[d] = devPos[d][1];
            homeSite[d] = siteGeometry.nearest(homeX[d], homeY[d]);
        }
        this.store = store;
        this.claims = claims;
        this.tt = store.table();
        this.vms = new VmNode[vmCount];
        for (int v = 0; v < vmCount; v++) {
            vms[v] = new VmNode(v);
        }
        this.links = new LinkNode[2 * sites + 1];
        for (int l = 0; l < links.length; l++) {
            links[l] = new LinkNode(l);
        }
    }

    int devices() {
        return homeSite.length;
    }

    /** Whether a report made at {@code t} is still valid now (false for NaN: never reported). */
    boolean fresh(double t) {
        return now - t <= maxAgeS;
    }

    /** For one decision: the device is at {@code site}; {@code device < 0} clears it. */
    void overrideSite(int device, int site) {
        this.overrideDevice = device;
        this.overrideSite = site;
    }

    /** The site nearest to a reported position, or the device's scenario site when none was reported. */
    int siteOf(int device, double x, double y) {
        return Double.isNaN(x) ? homeSite[device] : siteGeometry.nearest(x, y);
    }

    VmSpec spec(int vm) {
        return vm < firstCloudVm ? scenario.edge().vm() : scenario.cloud().vm();
    }

    double limit(int vm) {
        return vm < firstCloudVm ? scenario.edge().utilizationLimitPercent() : scenario.cloud().utilizationLimitPercent();
    }

    /** One-way latency (propagation) of link {@code l} (WLAN of each site, then WAN of each, then the MAN), s. */
    double latencyS(int l) {
        return links[l].propagationS();
    }

    // ------------------------------------------------------------------ WorldState

    @Override
    public double now() {
        return now;
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
    public ComputeState vm(int vm) {
        return vms[vm];
    }

    @Override
    public ComputeState deviceCpu(int device) {
        return new DeviceCpu(device);
    }

    @Override
    public LinkState wlan(int site) {
        return links[site];
    }

    @Override
    public LinkState wan(int site) {
        return links[sites + site];
    }

    @Override
    public LinkState man() {
        return links[2 * sites];
    }

    // ------------------------------------------------------------------ nodes

    /** An edge or cloud VM as reported, with the claims made since its last report added. */
    private final class VmNode implements ComputeState {
        private final int vm;

        VmNode(int vm) {
            this.vm = vm;
        }

        private boolean reported() {
            return fresh(tt.vmTime(vm));
        }

        @Override
        public double rate() {
            return spec(vm).mips();
        }

        @Override
        public int servers() {
            return spec(vm).cores();
        }

        @Override
        public int inSystem() {
            return reported() ? tt.vmLoad(vm) : 0;
        }

        @Override
        public double waitAheadS() {
            return reported() ? tt.vmWaitS(vm) : Double.NaN;
        }

        @Override
        public int waiting() {
            return reported() ? tt.vmQueue(vm) : 0;
        }

        @Override
        public double claimedPercent() {
            return (reported() ? tt.vmUtil(vm) : 0) + claims.claimedPercent(vm, now);
        }

        @Override
        public double freeMemoryMb() {
            double mem = spec(vm).memoryMb();
            if (mem == 0) {
                return Double.POSITIVE_INFINITY;
            }
            double free = reported() && !Double.isNaN(tt.vmFreeMb(vm)) ? tt.vmFreeMb(vm) : mem;
            return free - claims.claimedMemoryMb(vm, now);
        }

        @Override
        public boolean admits(double sharePercent, double memoryMb) {
            if (!(claimedPercent() + sharePercent <= limit(vm) + 1e-9)) {
                return false;
            }
            double mem = spec(vm).memoryMb();
            return mem == 0 || (mem - freeMemoryMb()) + memoryMb <= mem + 1e-9;
        }

        @Override
        public double sojournS(double mi) {
            return discipline.sojournS(this, mi);
        }

        @Override
        public double rateForNext() {
            return discipline.rateForNext(this);
        }
    }

    /** A device's CPU as the device reported it (idle when it has not). */
    private final class DeviceCpu implements ComputeState {
        private final int device;

        DeviceCpu(int device) {
            this.device = device;
        }

        private boolean reported() {
            return fresh(tt.deviceTime(device));
        }

        @Override
        public double rate() {
            return scenario.devices().cpu().mips();
        }

        @Override
        public int servers() {
            return scenario.devices().cpu().cores();
        }

        @Override
        public int inSystem() {
            return reported() ? tt.deviceCpuLoad(device) : 0;
        }

        @Override
        public double waitAheadS() {
            return reported() ? tt.deviceCpuWaitS(device) : Double.NaN;
        }

        @Override
        public int waiting() {
            return Math.max(0, inSystem() - servers());
        }

        @Override
        public double claimedPercent() {
            return reported() ? tt.deviceCpuUtil(device) : 0;
        }

        @Override
        public double freeMemoryMb() {
            return Double.POSITIVE_INFINITY;
        }

        @Override
        public boolean admits(double sharePercent, double memoryMb) {
            return claimedPercent() + sharePercent <= 100 + 1e-9;
        }

        @Override
        public double sojournS(double mi) {
            return discipline.sojournS(this, mi);
        }
    }

    /** A WLAN, WAN or the MAN as reported (the scenario's mid-range capacity when not). */
    private final class LinkNode implements LinkState {
        private final int link;

        LinkNode(int link) {
            this.link = link;
        }

        private boolean reported() {
            return fresh(tt.linkTime(link));
        }

        private LinkSpec spec() {
            NetworkSpec n = scenario.network();
            return link < sites ? n.wlan() : link < 2 * sites ? n.wan() : n.man();
        }

        /** Capacity in Mbit/s, as reported (kept in Mbit/s so a reported value is returned unchanged). */
        double mbps() {
            if (reported()) {
                return tt.linkBandwidthMbps(link);
            }
            LinkSpec s = spec();
            return (s.bandwidthMbps().min() + s.bandwidthMbps().max()) / 2;
        }

        @Override
        public double rate() {
            return mbps() * 1e6;
        }

        @Override
        public int servers() {
            return 1;
        }

        @Override
        public int inSystem() {
            return reported() ? tt.linkActive(link) : 0;
        }

        /** The reported M/M/1 utilisation (a report cannot add an arriving transfer's own load). */
        @Override
        public double utilisationWith(double amount) {
            return reported() ? tt.linkUtil(link) : 0;
        }

        @Override
        public double propagationS() {
            return reported() ? tt.linkLatencyS(link) : spec().propagationS();
        }

        private LinkKind kind() {
            return link < sites ? LinkKind.WLAN : link < 2 * sites ? LinkKind.WAN : LinkKind.MAN;
        }

        @Override
        public double transferS(double bits) {
            return network.forLink(kind()).transferS(this, bits);
        }

        /**
         * On a sliced link, the GPS estimate of the simulator's station ({@link GpsServer#gpsS}) over the reported
         * transfers per flow; without per-slice counts every active transfer counts as the remainder's (flow 0).
         */
        @Override
        public double delayS(double bits, int flow) {
            double[] w = flowWeights[kind().ordinal()];
            if (w == null) {
                return delayS(bits);
            }
            int[] counts = reported() ? tt.linkFlows(link) : null;
            if (counts == null || counts.length != w.length) {
                counts = new int[w.length];
                counts[0] = inSystem();
            }
            return GpsServer.gpsS(bits, rate(), w, counts, flow) + propagationS();
        }
    }
}
