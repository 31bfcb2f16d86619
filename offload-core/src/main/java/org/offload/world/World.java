package org.offload.world;

import java.util.ArrayList;
import java.util.List;

import org.offload.compute.ComputeState;
import org.offload.compute.IdleCompute;
import org.offload.compute.Vm;
import org.offload.engine.Simulation;
import org.offload.mobility.MobilityModel;
import org.offload.model.Tier;
import org.offload.network.Link;
import org.offload.network.SlicePlan;
import org.offload.queueing.Server;
import org.offload.scenario.Scenario;
import org.offload.topology.Sites;

/**
 * The simulated infrastructure of one run: edge sites and where devices are (mobility), the edge and cloud VMs,
 * the devices' own CPUs (created when first used) and the links (a WLAN and a WAN uplink per site, one MAN).
 * Built by {@link WorldFactory}; the task life cycle moves tasks through it and {@link WorldView} shows it to
 * policies. It holds state, not rules: admission, estimates and routes are decided elsewhere.
 */
public final class World implements WorldState {
    private final Simulation sim;
    private final Scenario scenario;
    private final Topology topology;
    private final Sites sites;
    private final MobilityModel mobility;
    /** Each device's site when devices never move (computed once), else null. */
    private final int[] staticSite;
    private final double[] xy = new double[2];
    private final Vm[] vms;
    private final Vm[] localVms;
    private final List<Vm> createdLocalVms = new ArrayList<>();
    private final ComputeState idleCpu;
    private final Server.Listener executed;
    private final Link[] wlan;
    private final Link[] wan;
    private final Link man;
    private final SlicePlan slicePlan;

    World(Simulation sim, Scenario scenario, Topology topology, Sites sites, MobilityModel mobility,
          int[] staticSite, Vm[] vms, Server.Listener executed, Link[] wlan, Link[] wan, Link man) {
        this.sim = sim;
        this.scenario = scenario;
        this.topology = topology;
        this.sites = sites;
        this.mobility = mobility;
        this.staticSite = staticSite;
        this.vms = vms;
        this.localVms = new Vm[scenario.devices().count()];
        this.idleCpu = new IdleCompute(scenario.devices().cpu());
        this.executed = executed;
        this.wlan = wlan;
        this.wan = wan;
        this.man = man;
        this.slicePlan = SlicePlan.of(scenario);
    }

    /** The applications' QoS classes and the slices they use on each kind of link. */
    public SlicePlan slicePlan() {
        return slicePlan;
    }

    public Topology topology() {
        return topology;
    }

    public int deviceCount() {
        return localVms.length;
    }

    /** False when no device ever moves (each device's site is then fixed). */
    public boolean devicesMove() {
        return staticSite == null;
    }

    @Override
    public double now() {
        return sim.now();
    }

    @Override
    public int deviceSite(int device) {
        if (staticSite != null) {
            return staticSite[device];
        }
        mobility.position(device, sim.now(), xy);
        return sites.nearest(xy[0], xy[1]);
    }

    @Override
    public double deviceX(int device) {
        mobility.position(device, sim.now(), xy);
        return xy[0];
    }

    @Override
    public double deviceY(int device) {
        mobility.position(device, sim.now(), xy);
        return xy[1];
    }

    @Override
    public Vm vm(int vm) {
        return vms[vm];
    }

    public int vmCount() {
        return vms.length;
    }

    @Override
    public ComputeState deviceCpu(int device) {
        Vm vm = localVms[device];
        return vm == null ? idleCpu : vm;
    }

    /** The device's own CPU as a VM to run a task on, created on first use (the scenario must give devices one). */
    public Vm localVm(int device) {
        Vm vm = localVms[device];
        if (vm == null) {
            vm = new Vm(-1, Tier.LOCAL, -1, scenario.devices().cpu(), 100, scenario.scheduling(), sim, executed);
            localVms[device] = vm;
            createdLocalVms.add(vm);
        }
        return vm;
    }

    @Override
    public Link wlan(int site) {
        return wlan[site];
    }

    @Override
    public Link wan(int site) {
        return wan[site];
    }

    @Override
    public Link man() {
        return man;
    }

    /**
     * Busy core-seconds so far per tier: {@code out[0]} edge VMs, {@code out[1]} cloud VMs, {@code out[2]} the
     * device CPUs in use.
     */
    public void busyCoreSeconds(double[] out) {
        out[0] = 0;
        out[1] = 0;
        out[2] = 0;
        for (Vm vm : vms) {
            out[vm.tier() == Tier.EDGE ? 0 : 1] += vm.server().busyUnitSeconds();
        }
        for (Vm vm : createdLocalVms) {
            out[2] += vm.server().busyUnitSeconds();
        }
    }
}
