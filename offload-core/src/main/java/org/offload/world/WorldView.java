package org.offload.world;

import org.offload.model.Task;
import org.offload.model.Tier;
import org.offload.network.NetworkModel;
import org.offload.policy.Estimates;
import org.offload.policy.SystemView;
import org.offload.queueing.Discipline;
import org.offload.scenario.ApplicationSpec;
import org.offload.scenario.Scenario;

/**
 * The {@link SystemView} policies read, derived from raw {@link WorldState}: numbering from the
 * {@link Topology}, admission from each node's claims, aggregates, and estimates from the scenario's scheduling
 * {@link Discipline} and {@link NetworkModel} over each node's state. The simulator builds one over its
 * {@link World}; any other source of the same state (telemetry) gets the same answers by implementing
 * {@link WorldState}. Reads only: nothing here changes the state it reads (an M/M/1 link's estimate brings its
 * load average up to now, which is not observable).
 */
public final class WorldView implements SystemView {
    private final Scenario scenario;
    private final Topology topology;
    private final WorldState state;
    private final Discipline compute;
    private final NetworkModel network;

    public WorldView(Scenario scenario, WorldState state) {
        this.scenario = scenario;
        this.topology = Topology.of(scenario);
        this.state = state;
        this.compute = Discipline.of(scenario.scheduling());
        this.network = NetworkModel.of(scenario.network());
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
        return compute.sojournS(state.deviceCpu(device), mi);
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
        return state.vm(vm).claimedPercent();
    }

    @Override
    public int vmLoad(int vm) {
        return state.vm(vm).inSystem();
    }

    @Override
    public int vmQueueLength(int vm) {
        return state.vm(vm).waiting();
    }

    @Override
    public double vmFreeMemoryMb(int vm) {
        return state.vm(vm).freeMemoryMb();
    }

    @Override
    public boolean vmAdmits(int vm, Task task) {
        ApplicationSpec app = application(task);
        double share = topology.tier(vm) == Tier.EDGE ? app.vmUtilizationEdge() : app.vmUtilizationCloud();
        return state.vm(vm).admits(share, task.memoryMb());
    }

    @Override
    public double estimateExecutionS(int vm, double mi) {
        return compute.sojournS(state.vm(vm), mi);
    }

    @Override
    public double vmRateForNext(int vm) {
        return compute.rateForNext(state.vm(vm));
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
        return network.delayS(state.wlan(site), kb * Estimates.BITS_PER_KB);
    }

    @Override
    public double estimateManDelayS(double kb) {
        return network.delayS(state.man(), kb * Estimates.BITS_PER_KB);
    }

    @Override
    public double estimateWanDelayS(int site, double kb) {
        return network.delayS(state.wan(site), kb * Estimates.BITS_PER_KB);
    }
}
