package org.offload.sim;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

import org.offload.compute.AdmissionAccounting;
import org.offload.compute.Vm;
import org.offload.drift.DriftMetrics;
import org.offload.drift.SampleBuffers;
import org.offload.engine.EventHandler;
import org.offload.engine.RandomStreams;
import org.offload.engine.Simulation;
import org.offload.model.FailureReason;
import org.offload.model.Task;
import org.offload.model.Tier;
import org.offload.network.Link;
import org.offload.policy.Estimates;
import org.offload.scenario.ApplicationSpec;
import org.offload.scenario.DriftSpec;
import org.offload.scenario.PowerSpec;
import org.offload.scenario.Scenario;
import org.offload.workload.TaskGenerator;
import org.offload.world.World;

/**
 * Continual learning under drift (issue 20, theme 4) inside {@link OffloadSimulation}: for each application with a
 * {@link DriftSpec}, its devices' models ({@link DeviceModels}) lose accuracy as the data drifts, each inference task
 * gives its device a training sample (value score from stream {@code drift}, one per device), and every upload
 * period a device's upload policy ({@link SampleBuffers}) sends samples as a {@link Retraining} job: up the site's
 * WLAN (and WAN to the cloud), training work on a VM (round robin over the site's edge VMs or the cloud VMs, the
 * first that admits its share), the model back the same way, then the model learns. A device has at most one job in
 * flight; a period that finds one keeps its samples for the next. {@link #NONE} stands in when no application has
 * drift, so no events, draws or outputs change.
 */
final class ContinualLearning implements EventHandler {
    private static final int TAG_TICK = 21;
    private static final int TAG_PROPAGATED = 22;
    private static final int TAG_DRIFT = 23;
    private static final int TAG_TASK_CHANGE = 24;
    private static final int TAG_SERIES = 25;

    static final ContinualLearning NONE = new ContinualLearning();

    private final Simulation sim;
    private final World world;
    private final AdmissionAccounting admission;
    private final PolicyDriver decisions;
    private final PowerSpec power;
    private final double warmupS;
    private final double durationS;
    private final Learner[] byApp;
    private final List<Learner> learners = new ArrayList<>();
    private final LinkedHashSet<Retraining> inFlight = new LinkedHashSet<>();
    private final int[] nextVm;

    private ContinualLearning() {
        sim = null;
        world = null;
        admission = null;
        decisions = null;
        power = null;
        warmupS = 0;
        durationS = 0;
        byApp = null;
        nextVm = null;
    }

    private ContinualLearning(Scenario scenario, RandomStreams streams, Simulation sim, World world,
                              TaskGenerator generator, AdmissionAccounting admission, PolicyDriver decisions) {
        this.sim = sim;
        this.world = world;
        this.admission = admission;
        this.decisions = decisions;
        this.power = scenario.devices().power();
        this.warmupS = scenario.warmupS();
        this.durationS = scenario.durationS();
        List<ApplicationSpec> apps = scenario.applications();
        int devices = scenario.devices().count();
        this.byApp = new Learner[apps.size()];
        for (int a = 0; a < apps.size(); a++) {
            if (apps.get(a).drift() != null) {
                byApp[a] = new Learner(apps.get(a), devices);
                learners.add(byApp[a]);
            }
        }
        for (int d = 0; d < devices; d++) {
            Learner l = byApp[generator.applicationOf(d)];
            if (l != null) {
                l.devices.add(d);
                l.random[d] = streams.stream("drift", d);
            }
        }
        this.nextVm = new int[world.topology().sites() + 1];
    }

    /** The steps for {@code scenario}, or {@link #NONE} when none of its applications has drift. */
    static ContinualLearning of(Scenario scenario, RandomStreams streams, Simulation sim, World world,
                                TaskGenerator generator, AdmissionAccounting admission, PolicyDriver decisions) {
        boolean any = scenario.applications().stream().anyMatch(a -> a.drift() != null);
        return any ? new ContinualLearning(scenario, streams, sim, world, generator, admission, decisions) : NONE;
    }

    /** Schedules the upload periods, drift events, task change and time-series points. */
    void start() {
        for (Learner l : learners) {
            DriftSpec s = l.spec;
            int n = l.devices.size();
            for (int i = 0; i < n; i++) {
                double first = s.upload().periodS() * (i + 0.5) / n;
                if (first <= durationS && s.upload().policy() != DriftSpec.Upload.Policy.NONE) {
                    sim.scheduleAt(first, this, TAG_TICK, l, l.devices.get(i));
                }
            }
            for (DriftSpec.Event e : s.events()) {
                sim.scheduleAt(e.atS(), this, TAG_DRIFT, l, Double.doubleToLongBits(e.severity()));
            }
            if (s.taskChange() != null) {
                sim.scheduleAt(s.taskChange().atS(), this, TAG_TASK_CHANGE, l, 0);
            }
            sim.scheduleAt(0, this, TAG_SERIES, l, 0);
        }
    }

    /** A task was generated: a drift application's device collects its sample. */
    void generated(Task task) {
        Learner l = byApp == null ? null : byApp[task.app()];
        if (l == null) {
            return;
        }
        int d = task.device();
        double value = l.spec.value(l.random[d].nextDouble());
        l.buffers.collect(d, value, l.models.clock(sim.now()));
        if (task.createdS() >= warmupS) {
            l.collected++;
        }
    }

    /** A task ended: a completed, measured task of a drift application is scored with its device's model. */
    void ended(Task task, boolean completed, double nowS) {
        Learner l = byApp == null ? null : byApp[task.app()];
        if (l != null && completed && task.createdS() >= warmupS) {
            l.taskAccuracySum += l.models.accuracy(task.device(), nowS);
            l.tasksScored++;
        }
    }

    @Override
    public void onEvent(int tag, Object data, long stamp) {
        switch (tag) {
            case TAG_TICK -> tick((Learner) data, (int) stamp);
            case TAG_PROPAGATED -> {
                Retraining r = (Retraining) data;
                if (!r.ended && r.stamp == stamp) {
                    hopDone(r);
                }
            }
            case TAG_DRIFT -> ((Learner) data).models.driftEvent(Double.longBitsToDouble(stamp));
            case TAG_TASK_CHANGE -> {
                Learner l = (Learner) data;
                l.models.taskChange(l.spec.taskChange().metaFactor(), sim.now());
                l.buffers.clear();
            }
            case TAG_SERIES -> sample((Learner) data);
            default -> throw new IllegalStateException("unknown event tag " + tag);
        }
    }

    /** Device {@code d}'s upload period: unless a job is in flight or it has no coverage, it sends its samples. */
    private void tick(Learner l, int d) {
        DriftSpec s = l.spec;
        double now = sim.now();
        if (now + s.upload().periodS() <= durationS) {
            sim.schedule(s.upload().periodS(), this, TAG_TICK, l, d);
        }
        int site = world.deviceSite(d);
        if (l.busy[d] || site < 0 || l.buffers.size(d) == 0) {
            return;
        }
        double clock = l.models.clock(now);
        SampleBuffers.Selection sel = l.buffers.take(d, clock, budgetLimit(s, site));
        boolean measured = now >= warmupS;
        if (measured) {
            l.dropped += sel.dropped();
        }
        if (sel.samples() == 0) {
            return;
        }
        boolean cloud = s.retrain().tier() == Tier.CLOUD;
        Link wlan = world.wlan(site);
        boolean viaWlan = !cloud || wlan.carriesCloudTransfers();
        Link[] up = cloud ? viaWlan ? new Link[] {wlan, world.wan(site)} : new Link[] {world.wan(site)}
                : new Link[] {wlan};
        Link[] down = up.length == 2 ? new Link[] {up[1], up[0]} : up.clone();
        Retraining r = new Retraining(l, d, site, sel.samples(), sel.value(), clock, l.models.epoch(),
                sel.samples() * s.sampleKb(), s.retrain().workMi(sel.samples()), now, measured, up, down);
        l.busy[d] = true;
        l.inFlight++;
        l.uploadKbTotal += r.uploadKb;
        inFlight.add(r);
        if (measured) {
            l.jobs++;
            l.uploaded += r.samples;
            l.uploadKb += r.uploadKb;
        }
        FailureReason refused = claimVm(r, cloud, site);
        if (refused != null) {
            fail(r, refused);
        } else {
            startHop(r);
        }
    }

    /** Samples a period's budget allows ({@code budgeted}: by KB and by the radio energy at the WLAN's rate). */
    private int budgetLimit(DriftSpec s, int site) {
        if (s.upload().policy() != DriftSpec.Upload.Policy.BUDGETED) {
            return Integer.MAX_VALUE;
        }
        double limit = Double.POSITIVE_INFINITY;
        if (!Double.isNaN(s.upload().budgetKb())) {
            limit = Math.floor(s.upload().budgetKb() / s.sampleKb() + 1e-9);
        }
        if (!Double.isNaN(s.upload().budgetJ())) {
            double airS = s.sampleKb() * Estimates.BITS_PER_KB / (world.wlan(site).bandwidthMbps() * 1e6);
            limit = Math.min(limit, Math.floor(s.upload().budgetJ() / power.transmitJ(airS) + 1e-9));
        }
        return (int) Math.min(Integer.MAX_VALUE, limit);
    }

    /** Claims a VM for {@code r}: round robin over the site's edge VMs or the cloud VMs, the first that admits. */
    private FailureReason claimVm(Retraining r, boolean cloud, int site) {
        int first = cloud ? world.topology().firstCloudVm() : world.topology().firstEdgeVm(site);
        int n = cloud ? world.topology().cloudVms() : world.topology().edgeVmsPerSite();
        int slot = cloud ? nextVm.length - 1 : site;
        DriftSpec.Retrain spec = r.learner.spec.retrain();
        FailureReason refused = FailureReason.VM_CAPACITY;
        for (int i = 0; i < n; i++) {
            Vm vm = world.vm(first + (nextVm[slot] + i) % n);
            refused = admission.admit(vm, spec.vmUtilization(), spec.memoryMb());
            if (refused == null) {
                nextVm[slot] = (nextVm[slot] + i + 1) % n;
                r.vm = vm;
                r.share = spec.vmUtilization();
                r.memoryMb = spec.memoryMb();
                return null;
            }
        }
        return refused;
    }

    private void startHop(Retraining r) {
        Link link = r.hopLink();
        double kb = r.uploading() ? r.uploadKb : r.learner.spec.retrain().modelKb();
        double bits = kb * Estimates.BITS_PER_KB;
        r.stageStartS = sim.now();
        if (!link.admits(bits, r.uploading())) {
            fail(r, link.refusal());
            return;
        }
        r.link = link;
        link.start(r, bits, r.uploading());
    }

    /** A link has carried {@code r}'s current hop; propagation follows. */
    void transferred(Retraining r) {
        Link link = r.link;
        r.link = null;
        chargeRadio(r, link, sim.now() - r.stageStartS);
        if (link.propagationS() > 0) {
            sim.schedule(link.propagationS(), this, TAG_PROPAGATED, r, r.stamp);
        } else {
            hopDone(r);
        }
    }

    private void chargeRadio(Retraining r, Link link, double airS) {
        if (link != world.wlan(r.site) || !r.measured) {
            return;
        }
        if (r.uploading()) {
            r.learner.uploadJ += power.transmitJ(airS);
        } else {
            r.learner.downloadJ += power.receiveJ(airS);
        }
    }

    private void hopDone(Retraining r) {
        boolean wasUploading = r.uploading();
        r.hop++;
        if (wasUploading && !r.uploading()) {
            admission.executing(r.vm, r.share, r.memoryMb);
            r.vm.server().add(r, r.workMi);
        } else if (r.hop < r.up.length + 1 + r.down.length) {
            startHop(r);
        } else {
            Learner l = r.learner;
            double learnt = l.models.learn(r.device, sim.now(), r.value, r.valueClock, r.epoch);
            if (r.measured) {
                l.completed++;
                l.useful += learnt;
                l.modelKb += l.spec.retrain().modelKb();
            }
            end(r);
        }
    }

    /** {@code r}'s training has finished on its VM: the claim is released and the model starts back. */
    void executed(Retraining r) {
        r.waitS += r.startedS() - r.enteredS();
        r.processingS += sim.now() - r.startedS();
        r.executed = true;
        releaseVm(r, r.workMi);
        if (world.devicesMove() && world.deviceSite(r.device) != r.site) {
            fail(r, FailureReason.MOBILITY);
            return;
        }
        r.hop++;
        startHop(r);
    }

    private void releaseVm(Retraining r, double doneMi) {
        admission.released(r.vm, r.share, r.memoryMb, r.hop >= r.up.length);
        r.vm = null;
        if (r.measured) {
            r.learner.mi += doneMi;
        }
        decisions.capacityReleased();
    }

    /** Ends {@code r} with {@code reason}, taking it off its link or VM. */
    private void fail(Retraining r, FailureReason reason) {
        abort(r);
        if (r.measured) {
            r.learner.failed.merge(reason.key(), 1L, Long::sum);
        }
        end(r);
    }

    private void abort(Retraining r) {
        r.stamp++;
        double now = sim.now();
        if (r.link != null) {
            chargeRadio(r, r.link, now - r.stageStartS);
            r.link.abort(r);
            r.link = null;
        }
        if (r.vm != null) {
            double done = 0;
            if (r.hop == r.up.length && r.isInServer()) {
                r.waitS += (r.isStarted() ? r.startedS() : now) - r.enteredS();
                r.processingS += r.isStarted() ? now - r.startedS() : 0;
                done = r.vm.server().remove(r);
            }
            releaseVm(r, done);
        }
    }

    private void end(Retraining r) {
        if (r.ended) {
            throw new IllegalStateException("retraining job of device " + r.device + " ended twice");
        }
        r.ended = true;
        inFlight.remove(r);
        Learner l = r.learner;
        l.busy[r.device] = false;
        l.inFlight--;
        if (r.measured) {
            l.ends++;
            l.processingS += r.processingS;
            l.waitS += r.waitS;
        }
    }

    /** Ends every retraining job still in flight when the run ends (counted as unfinished). */
    void finish() {
        for (Retraining r : new ArrayList<>(inFlight)) {
            abort(r);
            if (r.measured) {
                r.learner.unfinished++;
            }
            end(r);
        }
    }

    private void sample(Learner l) {
        double now = sim.now();
        double sum = 0;
        double min = Double.POSITIVE_INFINITY;
        double knowledge = 0;
        for (int i = 0; i < l.devices.size(); i++) {
            int d = l.devices.get(i);
            double acc = l.models.accuracy(d, now);
            sum += acc;
            min = Math.min(min, acc);
            knowledge += l.models.knowledge(d, now);
        }
        int n = l.devices.size();
        l.series.add(new double[] {now, n > 0 ? sum / n : Double.NaN, n > 0 ? min : Double.NaN,
                n > 0 ? knowledge / n : Double.NaN, l.uploadKbTotal, l.inFlight});
        double next = now + l.spec.seriesS();
        if (next <= durationS + 1e-9) {
            sim.scheduleAt(next, this, TAG_SERIES, l, 0);
        }
    }

    /** Per drift application, what it measured; empty for {@link #NONE}. */
    Map<String, DriftMetrics> metrics() {
        Map<String, DriftMetrics> out = new LinkedHashMap<>();
        for (Learner l : learners) {
            out.put(l.app.name(), l.metrics(warmupS, durationS));
        }
        return out;
    }
}
