package org.offload.world;

import java.util.List;

import org.offload.compute.ComputeState;
import org.offload.model.Task;
import org.offload.model.Tier;
import org.offload.network.LinkKind;
import org.offload.network.SlicePlan;
import org.offload.policy.Estimates;
import org.offload.policy.SystemView;
import org.offload.scenario.ApplicationSpec;
import org.offload.scenario.Scenario;

/**
 * The {@link SystemView} policies read, derived from raw {@link WorldState}: numbering from the
 * {@link Topology}, admission from each node's claims, aggregates, and each node's own estimate (its scheduling
 * discipline's or network model's formula over its state), composed by {@link Estimates}. The simulator builds one over its
 * {@link World}; any other source of the same state (telemetry) gets the same answers by implementing
 * {@link WorldState}. Reads only: nothing here changes the state it reads (an M/M/1 link's estimate brings its
 * load average up to now, which is not observable). Open for extension by a view that adds what its source knows
 * beyond the state (the decision service's {@code ServiceState}: staleness, claims); the estimates stay these.
 */
public class WorldView implements SystemView {
    private final Scenario scenario;
    private final Topology topology;
    private final WorldState state;
    private final List<ApplicationSpec> apps;
    /** {@code state.vm(v)} for every VM, read once: a node's state object lives as long as the state. */
    private final ComputeState[] vms;
    /** Applications' QoS classes and their slices ({@link SlicePlan#NONE} without {@code qos}). */
    private final SlicePlan slices;

    public WorldView(Scenario scenario, WorldState state) {
        this.scenario = scenario;
        this.topology = Topology.of(scenario);
        this.state = state;
        this.apps = scenario.applications();
        this.slices = SlicePlan.of(scenario);
        this.vms = new ComputeState[topology.vmCount()];
        for (int v = 0; v < vms.length; v++) {
            vms[v] = state.vm(v);
        }
    }

    @Override
    public double now() {
        return state.now();
    }

    @Override
    public Scenario scenario() {
        return scenario;
    }

    // ------------------------------------------------------------------ sites and devices

    @Override
    public int siteCount() {
        return topology.sites();
    }

    @Override
    public int deviceSite(int device) {
        return state.deviceSite(device);
    }

    @Override
    public double deviceX(int device) {
        return state.deviceX(device);
    }

    @Override
    public double deviceY(int device) {
        return state.deviceY(device);
    }

    @Override
    public boolean deviceCanCompute(int device) {
        return scenario.devices().canComputeLocally();
    }

    @Override
    public double localUtilization(int device) {
        return state.deviceCpu(device).claimedPercent();
    }

    @Override
    public double estimateLocalExecutionS(int device, double mi) {
        if (!deviceCanCompute(device)) {
            return Double.POSITIVE_INFINITY;
        }
        return state.deviceCpu(device).sojournS(mi);
    }

    // ------------------------------------------------------------------ VMs

    @Override
    public int vmCount() {
        return topology.vmCount();
    }

    @Override
    public int edgeVmsPerSite() {
        return topology.edgeVmsPerSite();
    }

    @Override
    public int firstCloudVm() {
        return topology.firstCloudVm();
    }

    @Override
    public Tier vmTier(int vm) {
        return topology.tier(vm);
    }

    @Override
    public int vmSite(int vm) {
        return topology.site(vm);
    }

    @Override
    public int vmCores(int vm) {
        return topology.spec(vm).cores();
    }

    @Override
    public double vmMips(int vm) {
        return topology.spec(vm).mips();
    }

    @Override
    public double vmUtilization(int vm) {
        return vms[vm].claimedPercent();
    }

    @Override
    public int vmLoad(int vm) {
        return vms[vm].inSystem();
    }

    @Override
    public int vmQueueLength(int vm) {
        return vms[vm].waiting();
    }

    @Override
    public double vmFreeMemoryMb(int vm) {
        return vms[vm].freeMemoryMb();
    }

    @Override
    public boolean vmAdmits(int vm, Task task) {
        ApplicationSpec app = apps.get(task.app());
        double share = topology.tier(vm) == Tier.EDGE ? app.vmUtilizationEdge() : app.vmUtilizationCloud();
        return vms[vm].admits(share, task.memoryMb());
    }

    @Override
    public double estimateExecutionS(int vm, double mi) {
        return vms[vm].sojournS(mi);
    }

    @Override
    public double vmRateForNext(int vm) {
        return vms[vm].rateForNext();
    }

    @Override
    public double siteUtilization(int site) {
        int first = topology.firstEdgeVm(site);
        int n = topology.edgeVmsPerSite();
        double sum = 0;
        for (int v = first; v < first + n; v++) {
            sum += vmUtilization(v);
        }
        return sum / n;
    }

    @Override
    public double edgeUtilization() {
        return meanUtilization(0, topology.firstCloudVm());
    }

    @Override
    public double cloudUtilization() {
        return meanUtilization(topology.firstCloudVm(), topology.vmCount());
    }

    private double meanUtilization(int from, int to) {
        if (to <= from) {
            return 0;
        }
        double sum = 0;
        for (int v = from; v < to; v++) {
            sum += vmUtilization(v);
        }
        return sum / (to - from);
    }

    // ------------------------------------------------------------------ network

    @Override
    public double wlanBandwidthMbps(int site) {
        return state.wlan(site).rate() / 1e6;
    }

    @Override
    public double wanBandwidthMbps(int site) {
        return state.wan(site).rate() / 1e6;
    }

    @Override
    public double manBandwidthMbps() {
        return state.man().rate() / 1e6;
    }

    @Override
    public double estimateWlanDelayS(int site, double kb) {
        return state.wlan(site).delayS(kb * Estimates.BITS_PER_KB);
    }

    @Override
    public double estimateManDelayS(double kb) {
        return state.man().delayS(kb * Estimates.BITS_PER_KB);
    }

    @Override
    public double estimateWanDelayS(int site, double kb) {
        return state.wan(site).delayS(kb * Estimates.BITS_PER_KB);
    }

    // ------------------------------------------------------------------ QoS classes and slices

    @Override
    public int qosClass(Task task) {
        return slices.classOf(task.app());
    }

    @Override
    public double estimateWlanDelayS(int site, double kb, int qosClass) {
        return qosClass < 0 ? estimateWlanDelayS(site, kb)
                : state.wlan(site).delayS(kb * Estimates.BITS_PER_KB, slices.flow(qosClass, LinkKind.WLAN));
    }

    @Override
    public double estimateManDelayS(double kb, int qosClass) {
        return qosClass < 0 ? estimateManDelayS(kb)
                : state.man().delayS(kb * Estimates.BITS_PER_KB, slices.flow(qosClass, LinkKind.MAN));
    }

    @Override
    public double estimateWanDelayS(int site, double kb, int qosClass) {
        return qosClass < 0 ? estimateWanDelayS(site, kb)
                : state.wan(site).delayS(kb * Estimates.BITS_PER_KB, slices.flow(qosClass, LinkKind.WAN));
    }

    @Override
    public int[] flowTransfers(LinkKind kind, int site) {
        return switch (kind) {
            case WLAN -> state.wlan(site).flowTransfers();
            case WAN -> state.wan(site).flowTransfers();
            case MAN -> state.man().flowTransfers();
        };
    }
}
