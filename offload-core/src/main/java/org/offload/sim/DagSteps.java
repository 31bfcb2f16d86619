package org.offload.sim;

import java.util.Arrays;
import java.util.List;
import java.util.function.BiConsumer;

import org.offload.compute.AdmissionAccounting;
import org.offload.compute.Vm;
import org.offload.engine.EventHandler;
import org.offload.engine.Simulation;
import org.offload.model.Decision;
import org.offload.model.FailureReason;
import org.offload.model.Partition;
import org.offload.model.Tier;
import org.offload.network.Link;
import org.offload.policy.Estimates;
import org.offload.scenario.ApplicationSpec;
import org.offload.scenario.DagSpec;
import org.offload.scenario.PowerSpec;
import org.offload.world.World;
import org.offload.world.WorldView;

/**
 * The life cycle of a workflow task (kind {@code dag}, issue 19) inside {@link OffloadSimulation}: the upload goes
 * from the device to every entry component, a component is admitted to its place (the device's CPU or a VM, with the
 * application's {@code vm_utilization} share there) and starts when all its inputs have arrived, its outputs then
 * cross the links between its place and each successor's, and the task ends when every exit's result is back on the
 * device. Its service time is the workflow's makespan.
 *
 * <p>Transfers between places use the network model's links: device ↔ VM as a plain task's route (the site's
 * WLAN, plus the MAN to another site or the WAN to the cloud), edge ↔ edge at two sites the MAN, edge ↔ cloud the
 * edge site's WAN. Components on the same VM, on two VMs of one edge site, or on two cloud VMs exchange data without
 * a transfer (a site's and the cloud's own LAN are not modelled). A refused admission, a refused transfer or a lost
 * coverage ends the task with that reason; a deadline or the end of the drain time takes every running component off
 * its CPU and every transfer off its link. Each component ends exactly once: done, aborted or never started.
 */
final class DagSteps implements EventHandler {
    /** The simulation's tag number for a transfer's propagation, distinct from its other events. */
    private static final int TAG_DAG_PROPAGATED = 7;
    private static final int DEVICE = -1;

    private final Simulation sim;
    private final World world;
    private final WorldView view;
    private final AdmissionAccounting admission;
    private final PowerSpec power;
    private final PolicyDriver decisions;
    private final List<ApplicationSpec> apps;
    private final String policyName;
    private final BiConsumer<Job, FailureReason> end;

    DagSteps(Simulation sim, World world, WorldView view, AdmissionAccounting admission, PowerSpec power,
             PolicyDriver decisions, List<ApplicationSpec> apps, String policyName,
             BiConsumer<Job, FailureReason> end) {
        this.sim = sim;
        this.world = world;
        this.view = view;
        this.admission = admission;
        this.power = power;
        this.decisions = decisions;
        this.apps = apps;
        this.policyName = policyName;
        this.end = end;
    }

    /**
     * Starts {@code job} as a workflow if its application is of kind {@code dag} and {@code d} runs it; returns false
     * (nothing done) otherwise. A whole decision puts every component where it places the task.
     */
    boolean start(Job job, Decision d) {
        ApplicationSpec app = apps.get(job.task.app());
        if (!(app.partition() instanceof DagSpec dag) || d == null || !d.runs()) {
            return false;
        }
        int[] where = placement(job, d, dag);
        job.variant = -1;
        job.workMi = job.task.lengthMi();
        job.needMemoryMb = job.task.memoryMb();
        job.upKb = job.task.uploadKb();
        job.downKb = job.task.downloadKb();
        job.stage = Job.DAG;
        job.stageStartS = sim.now();
        DagRun run = new DagRun(job, dag, where, job.task.lengthMi() / app.lengthMi(), world);
        job.dag = run;
        int device = job.task.device();
        boolean local = false;
        boolean remote = false;
        for (int w : where) {
            local |= w == DEVICE;
            remote |= w != DEVICE;
        }
        if (local && !view.deviceCanCompute(device)) {
            end.accept(job, FailureReason.NO_LOCAL_CPU);
        } else if (remote && world.deviceSite(device) < 0) {
            end.accept(job, FailureReason.NO_COVERAGE);
        } else {
            for (int c : dag.entries()) {
                deliver(run, -1, c, job.upKb, DEVICE, where[c]);
                if (job.ended) {
                    break;
                }
            }
        }
        return true;
    }

    private int[] placement(Job job, Decision d, DagSpec dag) {
        Partition p = d.partition();
        int n = dag.componentCount();
        int[] where = new int[n];
        boolean fits = p.isWhole() || p.isPlacement() && p.placement().size() == n;
        if (p.isWhole()) {
            Arrays.fill(where, d.isLocal() ? DEVICE : d.vm());
        } else if (fits) {
            for (int i = 0; i < n; i++) {
                where[i] = p.placedAt(i);
            }
        }
        for (int w : where) {
            fits &= w < world.vmCount();
        }
        if (!fits) {
            throw new IllegalStateException("policy " + policyName + " chose " + d + " for task " + job.task.id()
                    + "; allowed for a dag of " + n + " components: a whole decision or a placement of " + n
                    + " entries, each a VM index 0.." + (world.vmCount() - 1) + " or -1 (the device)");
        }
        return where;
    }

    /**
     * Sends {@code kb} from place {@code from} to place {@code to} for edge {@code edge} (-1: the upload to entry
     * {@code component}, -2: exit {@code component}'s result to the device); arrives at once without links between.
     */
    private void deliver(DagRun run, int edge, int component, double kb, int from, int to) {
        Link[] hops = new Link[3];
        boolean[] up = new boolean[3];
        boolean[] radio = new boolean[3];
        int count = route(run.job, from, to, hops, up, radio);
        if (count < 0) {
            end.accept(run.job, FailureReason.NO_COVERAGE);
        } else if (count == 0) {
            arrived(run, edge, component);
        } else {
            DagRun.Transfer t = new DagRun.Transfer(run, edge, component, kb, Arrays.copyOf(hops, count),
                    Arrays.copyOf(up, count), Arrays.copyOf(radio, count));
            run.transfers.add(t);
            startHop(t);
        }
    }

    /**
     * The links from place {@code a} to place {@code b} into {@code hops} (their direction into {@code up}, whether
     * the device's radio carries them into {@code radio}); their number, or -1 when the device is out of coverage.
     */
    private int route(Job job, int a, int b, Link[] hops, boolean[] up, boolean[] radio) {
        if (a == b) {
            return 0;
        }
        if (a != DEVICE && b != DEVICE) {
            Vm va = world.vm(a);
            Vm vb = world.vm(b);
            boolean cloudA = va.tier() == Tier.CLOUD;
            boolean cloudB = vb.tier() == Tier.CLOUD;
            if (cloudA && cloudB || !cloudA && !cloudB && va.site() == vb.site()) {
                return 0;
            }
            hops[0] = cloudA || cloudB ? world.wan(cloudA ? vb.site() : va.site()) : world.man();
            up[0] = !cloudA;
            return 1;
        }
        int site = world.deviceSite(job.task.device());
        if (site < 0) {
            return -1;
        }
        boolean toVm = a == DEVICE;
        Vm vm = world.vm(toVm ? b : a);
        Link wlan = world.wlan(site);
        Link backhaul = vm.tier() == Tier.CLOUD ? world.wan(site) : vm.site() != site ? world.man() : null;
        boolean viaWlan = vm.tier() != Tier.CLOUD || wlan.carriesCloudTransfers();
        int n = 0;
        if (toVm && viaWlan) {
            radio[n] = true;
            hops[n++] = wlan;
        }
        if (backhaul != null) {
            hops[n++] = backhaul;
        }
        if (!toVm && viaWlan) {
            radio[n] = true;
            hops[n++] = wlan;
        }
        Arrays.fill(up, 0, n, toVm);
        return n;
    }

    private void startHop(DagRun.Transfer t) {
        Link link = t.hops[t.hop];
        double bits = t.kb * Estimates.BITS_PER_KB;
        t.stageStartS = sim.now();
        if (!link.admits(bits, t.up[t.hop])) {
            end.accept(t.run.job, link.refusal());
            return;
        }
        t.link = link;
        world.slicePlan().start(link, t, t.run.job.task.app(), bits, t.up[t.hop]);
    }

    /** A link has carried transfer {@code t}'s current hop; propagation follows. */
    void transferred(DagRun.Transfer t) {
        Link link = t.link;
        t.link = null;
        chargeRadio(t, sim.now() - t.stageStartS);
        double prop = link.propagationS();
        if (prop > 0) {
            sim.schedule(prop, this, TAG_DAG_PROPAGATED, t, t.stamp);
        } else {
            hopDone(t);
        }
    }

    @Override
    public void onEvent(int tag, Object data, long stamp) {
        DagRun.Transfer t = (DagRun.Transfer) data;
        if (!t.run.job.ended && t.stamp == stamp) {
            hopDone(t);
        }
    }

    /** The device's radio energy of a WLAN hop's air time (propagation excluded). */
    private void chargeRadio(DagRun.Transfer t, double airS) {
        if (t.radio[t.hop]) {
            double j = t.up[t.hop] ? power.transmitJ(airS) : power.receiveJ(airS);
            t.run.job.energyJ += j;
            t.run.components[t.component].energyJ += j;
        }
    }

    private void hopDone(DagRun.Transfer t) {
        Job job = t.run.job;
        job.networkS += sim.now() - t.stageStartS;
        t.hop++;
        if (t.hop < t.hops.length) {
            startHop(t);
            return;
        }
        t.run.transfers.remove(t);
        t.run.movedKb += t.kb;
        DagRun.Component[] comps = t.run.components;
        if (t.edge >= 0) {
            comps[t.run.dag.from(t.edge)].outKb += t.kb;
        }
        if (t.edge == -2) {
            comps[t.component].outKb += t.kb;
        } else {
            comps[t.component].inKb += t.kb;
        }
        arrived(t.run, t.edge, t.component);
    }

    /** An input of {@code component} (or, for edge -2, an exit's result) has arrived. */
    private void arrived(DagRun run, int edge, int component) {
        if (edge == -2) {
            if (--run.resultsPending == 0) {
                end.accept(run.job, null);
            }
        } else if (--run.pending[component] == 0) {
            startComponent(run, component);
        }
    }

    private void startComponent(DagRun run, int c) {
        Job job = run.job;
        DagRun.Component comp = run.components[c];
        ApplicationSpec app = apps.get(job.task.app());
        int place = run.where[c];
        Vm vm = place == DEVICE ? world.localVm(job.task.device()) : world.vm(place);
        double share = place == DEVICE ? app.vmUtilizationLocal()
                : vm.tier() == Tier.EDGE ? app.vmUtilizationEdge() : app.vmUtilizationCloud();
        double memory = run.dag.components().get(c).memoryMb();
        memory = Double.isNaN(memory) ? job.task.memoryMb() : memory;
        FailureReason refused = admission.admit(vm, share, memory);
        if (refused != null) {
            end.accept(job, refused);
            return;
        }
        comp.vm = vm;
        comp.share = share;
        comp.memoryMb = memory;
        comp.state = DagRun.RUNNING;
        comp.startS = sim.now();
        admission.executing(vm, share, memory);
        vm.server().add(comp, run.dag.mi(c) * run.scale);
    }

    /** Component {@code comp} has finished on its CPU: its outputs leave, an exit's result goes to the device. */
    void executed(DagRun.Component comp) {
        DagRun run = comp.run;
        Job job = run.job;
        job.waitS += comp.startedS() - comp.enteredS();
        job.processingS += sim.now() - comp.startedS();
        comp.endS = sim.now();
        finish(comp, DagRun.DONE);
        release(comp, run.dag.mi(comp.index) * run.scale);
        decisions.capacityReleased();
        int c = comp.index;
        for (int k = 0; k < run.dag.outDegree(c) && !job.ended; k++) {
            int e = run.dag.outEdge(c, k);
            int next = run.dag.to(e);
            deliver(run, e, next, run.dag.kb(e), run.where[c], run.where[next]);
        }
        if (run.dag.isExit(c) && !job.ended) {
            deliver(run, -2, c, job.downKb, run.where[c], DEVICE);
        }
    }

    /**
     * The task is ending at {@code now}: takes running components off their CPUs and transfers off their links;
     * every component not done ends as aborted or never started. Returns true when CPU capacity was released.
     */
    boolean ending(Job job, double now) {
        DagRun run = job.dag;
        run.endedS = now;
        boolean released = false;
        for (DagRun.Component comp : run.components) {
            if (comp.state == DagRun.RUNNING) {
                job.waitS += (comp.isStarted() ? comp.startedS() : now) - comp.enteredS();
                job.processingS += comp.isStarted() ? now - comp.startedS() : 0;
                comp.endS = now;
                finish(comp, DagRun.ABORTED);
                release(comp, comp.vm.server().remove(comp));
                released = true;
            } else if (comp.state == DagRun.WAITING) {
                finish(comp, DagRun.NEVER_STARTED);
            }
        }
        for (DagRun.Transfer t : run.transfers) {
            t.stamp++;
            if (t.link != null) {
                chargeRadio(t, now - t.stageStartS);
                job.networkS += now - t.stageStartS;
                t.link.abort(t);
                t.link = null;
            }
        }
        run.transfers.clear();
        return released;
    }

    /** Moves {@code comp} to its final state; a second final state is a bug (conservation). */
    private static void finish(DagRun.Component comp, byte state) {
        if (comp.state != DagRun.WAITING && comp.state != DagRun.RUNNING) {
            throw new IllegalStateException("component " + comp.index + " of task " + comp.run.job.task.id()
                    + " ended twice");
        }
        comp.state = state;
    }

    /** Gives a component's CPU share back and charges the device's compute energy for {@code doneMi} there. */
    private void release(DagRun.Component comp, double doneMi) {
        admission.released(comp.vm, comp.share, comp.memoryMb, true);
        comp.run.job.completedWorkMi += doneMi;
        if (comp.vm.tier() == Tier.LOCAL) {
            double j = power.computeJ(doneMi, comp.vm.spec().mips());
            comp.run.job.energyJ += j;
            comp.energyJ += j;
        }
        comp.vm = null;
    }
}
