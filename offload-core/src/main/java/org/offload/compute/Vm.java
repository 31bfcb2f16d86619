package org.offload.compute;

import org.offload.engine.Simulation;
import org.offload.model.Tier;
import org.offload.queueing.FcfsServer;
import org.offload.queueing.ProcessorSharingServer;
import org.offload.queueing.Server;
import org.offload.scenario.Scenario;
import org.offload.scenario.VmSpec;

/**
 * A virtual machine (or a device's own CPU): cores scheduled time-shared or FCFS, plus EdgeCloudSim-style
 * admission control. Each admitted task claims a share (percent) of the VM and some memory; a task whose claim
 * would push the VM past its utilisation limit or memory is refused ({@link AdmissionAccounting} says when claims
 * are made).
 */
public final class Vm implements ComputeState {
    private final int index;
    private final Tier tier;
    private final int site;
    private final VmSpec spec;
    private final double utilizationLimit;
    private final Server server;
    private double claimed;
    private double usedMemory;

    public Vm(int index, Tier tier, int site, VmSpec spec, double utilizationLimitPercent,
              Scenario.Scheduling scheduling, Simulation sim, Server.Listener listener) {
        this.index = index;
        this.tier = tier;
        this.site = site;
        this.spec = spec;
        this.utilizationLimit = utilizationLimitPercent;
        this.server = scheduling == Scenario.Scheduling.FCFS
                ? new FcfsServer(sim, spec.cores(), spec.mips(), listener)
                : new ProcessorSharingServer(sim, spec.cores(), spec.mips(), listener);
    }

    public int index() {
        return index;
    }

    public Tier tier() {
        return tier;
    }

    public int site() {
        return site;
    }

    public VmSpec spec() {
        return spec;
    }

    public Server server() {
        return server;
    }

    /** Claimed utilisation in percent. */
    public double utilization() {
        return claimed;
    }

    @Override
    public double claimedPercent() {
        return claimed;
    }

    /** Free memory; unlimited when the spec gives no memory (0). */
    @Override
    public double freeMemoryMb() {
        return spec.memoryMb() == 0 ? Double.POSITIVE_INFINITY : spec.memoryMb() - usedMemory;
    }

    public boolean fitsShare(double sharePercent) {
        return claimed + sharePercent <= utilizationLimit + 1e-9;
    }

    public boolean fitsMemory(double memoryMb) {
        return spec.memoryMb() == 0 || usedMemory + memoryMb <= spec.memoryMb() + 1e-9;
    }

    @Override
    public boolean admits(double sharePercent, double memoryMb) {
        return fitsShare(sharePercent) && fitsMemory(memoryMb);
    }

    @Override
    public double rate() {
        return server.rate();
    }

    @Override
    public int servers() {
        return server.servers();
    }

    @Override
    public int inSystem() {
        return server.inSystem();
    }

    @Override
    public int waiting() {
        return server.waiting();
    }

    @Override
    public double waitAheadS() {
        return server.waitAheadS();
    }

    @Override
    public double sojournS(double mi) {
        return server.estimateSojourn(mi);
    }

    @Override
    public double rateForNext() {
        return server.rateForNext();
    }

    public void claim(double sharePercent, double memoryMb) {
        claimed += sharePercent;
        usedMemory += memoryMb;
    }

    public void release(double sharePercent, double memoryMb) {
        claimed = Math.max(0, claimed - sharePercent);
        usedMemory = Math.max(0, usedMemory - memoryMb);
    }
}
