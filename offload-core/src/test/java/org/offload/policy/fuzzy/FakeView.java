package org.offload.policy.fuzzy;

import java.util.Arrays;

import org.offload.TestScenarios;
import org.offload.model.Task;
import org.offload.model.Tier;
import org.offload.policy.SystemView;
import org.offload.scenario.ApplicationSpec;
import org.offload.scenario.Scenario;

/**
 * A hand-set system state for policy decisions: 3 sites x 8 edge VMs (global 0..23), 4 cloud VMs (24..27), the
 * seed-003 test scenario (WAN propagation 0.1 s; every application claims 6% of an edge VM, 0.6% of a cloud VM).
 * Links are modelled as a fixed bandwidth plus propagation.
 */
final class FakeView implements SystemView {
    static final int SITES = 3;
    static final int PER_SITE = 8;
    static final int CLOUD = 4;
    static final int FIRST_CLOUD = SITES * PER_SITE;

    final Scenario scenario = TestScenarios.seed003(200, 1, "test");
    final double[] util = new double[FIRST_CLOUD + CLOUD];
    final double[] mips = new double[FIRST_CLOUD + CLOUD];
    int deviceSite = 0;
    double wanMbps = 50;
    double manMbps = 1300;
    double manPropagationS = 0.005;

    FakeView() {
        Arrays.fill(mips, 0, FIRST_CLOUD, 10000);
        Arrays.fill(mips, FIRST_CLOUD, mips.length, 20000);
    }

    /** Sets every VM of the site to {@code percent}. */
    FakeView site(int site, double percent) {
        Arrays.fill(util, firstEdgeVm(site), firstEdgeVm(site) + PER_SITE, percent);
        return this;
    }

    FakeView allEdge(double percent) {
        Arrays.fill(util, 0, FIRST_CLOUD, percent);
        return this;
    }

    FakeView vm(int vm, double percent) {
        util[vm] = percent;
        return this;
    }

    /** A task of application 0 with the given length (MI), data sizes (KB) and delay sensitivity. */
    static Task task(double mi, double upKb, double downKb, double sensitivity) {
        return new Task(1, 0, 0, 0, mi, upKb, downKb, sensitivity, 10, 0);
    }

    @Override
    public double now() {
        return 0;
    }

    @Override
    public Scenario scenario() {
        return scenario;
    }

    @Override
    public int siteCount() {
        return SITES;
    }

    @Override
    public int deviceSite(int device) {
        return deviceSite;
    }

    @Override
    public double deviceX(int device) {
        return 0;
    }

    @Override
    public double deviceY(int device) {
        return 0;
    }

    @Override
    public boolean deviceCanCompute(int device) {
        return false;
    }

    @Override
    public double localUtilization(int device) {
        return 0;
    }

    @Override
    public double estimateLocalExecutionS(int device, double mi) {
        return Double.POSITIVE_INFINITY;
    }

    @Override
    public int vmCount() {
        return util.length;
    }

    @Override
    public int edgeVmsPerSite() {
        return PER_SITE;
    }

    @Override
    public Tier vmTier(int vm) {
        return vm < FIRST_CLOUD ? Tier.EDGE : Tier.CLOUD;
    }

    @Override
    public int vmSite(int vm) {
        return vm < FIRST_CLOUD ? vm / PER_SITE : -1;
    }

    @Override
    public int vmCores(int vm) {
        return vm < FIRST_CLOUD ? 2 : 4;
    }

    @Override
    public double vmMips(int vm) {
        return mips[vm];
    }

    @Override
    public double vmUtilization(int vm) {
        return util[vm];
    }

    @Override
    public int vmLoad(int vm) {
        return 0;
    }

    @Override
    public int vmQueueLength(int vm) {
        return 0;
    }

    @Override
    public double vmFreeMemoryMb(int vm) {
        return Double.POSITIVE_INFINITY;
    }

    @Override
    public boolean vmAdmits(int vm, Task task) {
        ApplicationSpec app = application(task);
        double share = vm < FIRST_CLOUD ? app.vmUtilizationEdge() : app.vmUtilizationCloud();
        return util[vm] + share <= 100;
    }

    @Override
    public double estimateExecutionS(int vm, double mi) {
        return mi / (vmCores(vm) * mips[vm]);
    }

    @Override
    public double siteUtilization(int site) {
        return mean(firstEdgeVm(site), firstEdgeVm(site) + PER_SITE);
    }

    @Override
    public double edgeUtilization() {
        return mean(0, FIRST_CLOUD);
    }

    @Override
    public double cloudUtilization() {
        return mean(FIRST_CLOUD, util.length);
    }

    private double mean(int from, int to) {
        double s = 0;
        for (int v = from; v < to; v++) {
            s += util[v];
        }
        return s / (to - from);
    }

    @Override
    public double wlanBandwidthMbps(int site) {
        return 264;
    }

    @Override
    public double wanBandwidthMbps(int site) {
        return wanMbps;
    }

    @Override
    public double manBandwidthMbps() {
        return manMbps;
    }

    @Override
    public double estimateWlanDelayS(int site, double kb) {
        return kb * 8000 / 264e6;
    }

    @Override
    public double estimateManDelayS(double kb) {
        return kb * 8000 / (manMbps * 1e6) + manPropagationS;
    }

    @Override
    public double estimateWanDelayS(int site, double kb) {
        return kb * 8000 / (wanMbps * 1e6) + scenario.network().wan().propagationS();
    }

    @Override
    public double estimateServiceTimeS(Task task, int vm) {
        throw new UnsupportedOperationException();
    }
}
