package org.offload.world;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.offload.TestScenarios;
import org.offload.compute.ComputeState;
import org.offload.compute.Vm;
import org.offload.engine.RandomStreams;
import org.offload.engine.Simulation;
import org.offload.model.Task;
import org.offload.network.Link;
import org.offload.network.LinkState;
import org.offload.network.NetworkModel;
import org.offload.network.Route;
import org.offload.policy.Estimates;
import org.offload.queueing.Discipline;
import org.offload.queueing.Work;
import org.offload.scenario.NetworkSpec;
import org.offload.scenario.Scenario;
import org.offload.scenario.VmSpec;

/**
 * One physics: a {@link WorldView} over plain numbers copied from a simulated {@link World} (what a telemetry-fed
 * state reports, each node applying its discipline's or network model's formula to its numbers) answers every
 * question exactly as the view over the live world, whose nodes ask their own servers.
 */
class WorldViewTest {
    private static final class Item extends Work {
    }

    /** A VM or device CPU as numbers, estimating with its discipline's formula. */
    private record ComputeNumbers(Discipline discipline, VmSpec spec, double limitPercent, int inSystem,
                                  double waitAheadS, double claimedPercent, double usedMemoryMb, int waiting)
            implements ComputeState {
        static ComputeNumbers of(Discipline d, Vm vm, double limitPercent) {
            double used = vm.spec().memoryMb() == 0 ? 0 : vm.spec().memoryMb() - vm.freeMemoryMb();
            return new ComputeNumbers(d, vm.spec(), limitPercent, vm.inSystem(), vm.waitAheadS(), vm.claimedPercent(),
                    used, vm.waiting());
        }

        @Override
        public double rate() {
            return spec.mips();
        }

        @Override
        public int servers() {
            return spec.cores();
        }

        @Override
        public double freeMemoryMb() {
            return spec.memoryMb() == 0 ? Double.POSITIVE_INFINITY : spec.memoryMb() - usedMemoryMb;
        }

        @Override
        public boolean admits(double sharePercent, double memoryMb) {
            return claimedPercent + sharePercent <= limitPercent + 1e-9
                    && (spec.memoryMb() == 0 || usedMemoryMb + memoryMb <= spec.memoryMb() + 1e-9);
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

    /** A link as numbers, estimating with its network model's formula. */
    private record LinkNumbers(NetworkModel model, double rate, int inSystem, double propagationS)
            implements LinkState {
        static LinkNumbers of(NetworkModel model, Link l) {
            return new LinkNumbers(model, l.rate(), l.inSystem(), l.propagationS());
        }

        @Override
        public int servers() {
            return 1;
        }

        @Override
        public double transferS(double bits) {
            return model.transferS(this, bits);
        }
    }

    /** The numbers of a whole world at one moment. */
    private record Numbers(double now, int[] site, double[] x, double[] y, ComputeState[] vms, ComputeState[] cpus,
                           LinkState[] wlan, LinkState[] wan, LinkState man) implements WorldState {
        static Numbers of(Scenario s, World w) {
            Discipline d = Discipline.of(s.scheduling());
            NetworkModel model = NetworkModel.of(s.network());
            Topology t = w.topology();
            int devices = w.deviceCount();
            int[] site = new int[devices];
            double[] x = new double[devices];
            double[] y = new double[devices];
            ComputeState[] cpus = new ComputeState[devices];
            for (int i = 0; i < devices; i++) {
                site[i] = w.deviceSite(i);
                x[i] = w.deviceX(i);
                y[i] = w.deviceY(i);
                ComputeState c = w.deviceCpu(i);
                cpus[i] = c instanceof Vm vm ? ComputeNumbers.of(d, vm, 100) : c;
            }
            ComputeState[] vms = new ComputeState[t.vmCount()];
            for (int v = 0; v < vms.length; v++) {
                vms[v] = ComputeNumbers.of(d, w.vm(v), t.limitPercent(v));
            }
            LinkState[] wlan = new LinkState[t.sites()];
            LinkState[] wan = new LinkState[t.sites()];
            for (int i = 0; i < t.sites(); i++) {
                wlan[i] = LinkNumbers.of(model, w.wlan(i));
                wan[i] = LinkNumbers.of(model, w.wan(i));
            }
            return new Numbers(w.now(), site, x, y, vms, cpus, wlan, wan, LinkNumbers.of(model, w.man()));
        }

        @Override
        public int deviceSite(int device) {
            return site[device];
        }

        @Override
        public double deviceX(int device) {
            return x[device];
        }

        @Override
        public double deviceY(int device) {
            return y[device];
        }

        @Override
        public ComputeState vm(int vm) {
            return vms[vm];
        }

        @Override
        public ComputeState deviceCpu(int device) {
            return cpus[device];
        }

        @Override
        public LinkState wlan(int s) {
            return wlan[s];
        }

        @Override
        public LinkState wan(int s) {
            return wan[s];
        }
    }

    /** Puts {@code n} tasks of {@code mi} on the VM, each claiming {@code share} percent and 100 MB. */
    private static void load(Vm vm, int n, double mi, double share) {
        for (int i = 0; i < n; i++) {
            vm.claim(share, 100);
            vm.server().add(new Item(), mi);
        }
    }

    @ParameterizedTest
    @EnumSource(Scenario.Scheduling.class)
    void aViewOverCopiedNumbersAnswersAsTheLiveOne(Scenario.Scheduling scheduling) {
        Scenario s = TestScenarios.seed003(12, 5, "least-utilised", scheduling, NetworkSpec.Model.SHARED, false);
        Simulation sim = new Simulation();
        World w = WorldFactory.build(s, sim, new RandomStreams(s.seed()), x -> { }, x -> { });
        for (int v = 0; v < w.vmCount(); v++) {
            load(w.vm(v), v % 5, 2000 + 700 * v, 10 + v % 4 * 10);
        }
        load(w.localVm(3), 2, 1500, 20);
        for (int i = 0; i < 3; i++) {
            w.wlan(0).start(new Item(), 4e6);
            w.wan(1).start(new Item(), 2e6 * (i + 1));
        }
        w.man().start(new Item(), 8e6);
        sim.runUntil(0.05);

        WorldView live = new WorldView(s, w);
        WorldView copy = new WorldView(s, Numbers.of(s, w));
        for (int d = 0; d < w.deviceCount(); d++) {
            Task task = new Task(d, d % s.applications().size(), d, sim.now(), 5000 + 300 * d, 400 + 10 * d, 90,
                    0.5, 5, 100);
            assertEquals(live.localUtilization(d), copy.localUtilization(d));
            assertEquals(live.estimateLocalExecutionS(d, task.lengthMi()), copy.estimateLocalExecutionS(d, task.lengthMi()),
                    "device " + d);
            for (int v = -1; v < live.vmCount(); v++) {
                String where = scheduling + " device " + d + " vm " + v;
                assertEquals(live.estimateServiceTimeS(task, v), copy.estimateServiceTimeS(task, v), where);
                if (v < 0) {
                    continue;
                }
                assertEquals(live.vmAdmits(v, task), copy.vmAdmits(v, task), where);
                assertEquals(live.vmRateForNext(v), copy.vmRateForNext(v), where);
                int site = live.deviceSite(d);
                Route route = Estimates.route(live, v, site);
                assertEquals(Estimates.transfersS(live, v, site, task.uploadKb(), task.downloadKb()),
                        Estimates.transfersS(live, route, site, task.uploadKb(), task.downloadKb()), where);
            }
        }
        for (int v = 0; v < live.vmCount(); v++) {
            assertEquals(live.vmUtilization(v), copy.vmUtilization(v));
            assertEquals(live.vmLoad(v), copy.vmLoad(v));
            assertEquals(live.vmQueueLength(v), copy.vmQueueLength(v));
            assertEquals(live.vmFreeMemoryMb(v), copy.vmFreeMemoryMb(v));
        }
        for (int site = 0; site < live.siteCount(); site++) {
            assertEquals(live.siteUtilization(site), copy.siteUtilization(site));
            assertEquals(live.wlanBandwidthMbps(site), copy.wlanBandwidthMbps(site));
            assertEquals(live.estimateWanDelayS(site, 300), copy.estimateWanDelayS(site, 300));
        }
        assertEquals(live.estimateManDelayS(300), copy.estimateManDelayS(300));
        assertEquals(live.edgeUtilization(), copy.edgeUtilization());
        assertEquals(live.cloudUtilization(), copy.cloudUtilization());
    }
}
