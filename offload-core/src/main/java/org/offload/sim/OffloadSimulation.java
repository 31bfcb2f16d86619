package org.offload.sim;

import java.util.List;

import org.offload.compute.AdmissionAccounting;
import org.offload.compute.Vm;
import org.offload.engine.EventHandler;
import org.offload.engine.RandomStreams;
import org.offload.engine.Simulation;
import org.offload.metrics.SimulationResult;
import org.offload.model.Decision;
import org.offload.model.FailureReason;
import org.offload.model.Task;
import org.offload.model.Tier;
import org.offload.network.Link;
import org.offload.network.Route;
import org.offload.policy.Estimates;
import org.offload.policy.SystemView;
import org.offload.policy.TaskOutcome;
import org.offload.queueing.Work;
import org.offload.scenario.ApplicationSpec;
import org.offload.scenario.PowerSpec;
import org.offload.scenario.Scenario;
import org.offload.workload.TaskGenerator;
import org.offload.world.World;
import org.offload.world.WorldFactory;
import org.offload.world.WorldView;

/**
 * One edge-cloud simulation built from a {@link Scenario}: devices generate tasks, the policy places each one,
 * and the task travels its {@link Route} until it completes or fails with exactly one reason. Build with
 * {@link #builder}, call {@link #run} once. The infrastructure is a {@link World} (built by {@link WorldFactory}),
 * shown to the policy as a {@link WorldView}; this class holds the event loop's wiring and a task's life cycle.
 *
 * <p>Life cycle of a task (one {@link Job}), one method per step:
 * <ol>
 * <li>{@link #onGenerated generated}: in flight, its deadline watched ({@link Deadlines});</li>
 * <li>decided by the policy ({@link PolicyDriver}): at once, at the end of a batch window, or again when
 * capacity is released after a deferral;</li>
 * <li>{@link #dispatch dispatched}: rejected, deferred, or admitted to the device's CPU or a VM
 * ({@link AdmissionAccounting});</li>
 * <li>{@link #upload uploaded} over the site's WLAN, then the MAN to another site or the WAN to the cloud
 * ({@link #advance});</li>
 * <li>{@link #execute executed} on the VM or the device;</li>
 * <li>{@link #download downloaded} back the same way, through the site that carried the upload (a device that
 * moved to another site fails with {@code mobility});</li>
 * <li>{@link #end ended}: measured ({@link RunAccounting}), told to the policy, capacity released.</li>
 * </ol>
 * A deadline that passes first aborts whatever step the task is in ({@link #abortStage}). A partitioned task
 * ({@code partial}, {@code dnn}) also runs a device part ({@link LocalPart}) before or beside its route, whose steps
 * are {@link PartSteps}'.
 *
 * <p>{@link #run} is {@code start}, the event loop up to the end of the drain time, then {@code finish}. Built
 * with {@link SimulationBuilder#externalDecisions()}, the simulation instead hands each task out through a
 * {@link DecisionLoop} (inversion of control, one thread): the loop stops at the task's arrival and the caller's
 * decision goes through the same {@code dispatch} step before the loop runs on.
 */
public final class OffloadSimulation implements EventHandler {
    private static final int TAG_PROPAGATED = 2;

    private final Scenario scenario;
    private final List<ApplicationSpec> apps;
    private final PowerSpec power;
    private final Simulation sim;
    private final World world;
    private final WorldView view;
    private final AdmissionAccounting admission;
    private final TaskGenerator generator;
    private final InFlight inFlight;
    private final Deadlines deadlines;
    private final RunAccounting accounting;
    private final ProgressReports progress;
    private final String policyName;
    private final PolicyDriver decisions;
    private final StatusUpdates statusUpdates;
    private final PartSteps parts;
    private final CascadeSteps cascade;
    private final DagSteps dags;
    private final ContinualLearning learning;
    private boolean ran;
    private long startNanos;

    OffloadSimulation(SimulationBuilder b) {
        this.scenario = b.scenario;
        this.admission = scenario.admission() == Scenario.Admission.ON_EXECUTE ? AdmissionAccounting.ON_EXECUTE
                : AdmissionAccounting.ON_DECIDE;
        this.apps = scenario.applications();
        this.power = scenario.devices().power();
        RandomStreams streams = new RandomStreams(scenario.seed());
        int devices = scenario.devices().count();
        this.sim = new Simulation(devices * 4 + 1024);
        this.world = WorldFactory.build(scenario, sim, streams, this::onExecuted, this::onTransferred);
        this.view = new WorldView(scenario, world);
        this.generator = new TaskGenerator(sim, apps, devices, scenario.durationS(), streams, this::onGenerated);
        this.statusUpdates = StatusUpdates.of(scenario, generator);
        this.progress = new ProgressReports(sim, b.progress, scenario.durationS(), generator::generated);
        this.inFlight = new InFlight(scenario.warmupS(), scenario.durationS());
        this.deadlines = new Deadlines(sim, apps.size(), this::expire);
        this.accounting = new RunAccounting(scenario, world, b.taskListener);
        this.policyName = b.policyName();
        this.decisions = new PolicyDriver(sim, policyName, b.external ? null : b.createPolicy(streams), view,
                this::dispatch);
        this.parts = new PartSteps(sim, world, view, admission, power, decisions, this::upload, this::end);
        this.dags = new DagSteps(sim, world, view, admission, power, decisions, apps, policyName, this::end);
        this.cascade = CascadeSteps.of(scenario, streams, world, admission, decisions, this::transfer, this::end);
        this.learning = ContinualLearning.of(scenario, streams, sim, world, generator, admission, decisions);
    }

    /** Starts building a simulation of {@code scenario}. */
    public static SimulationBuilder builder(Scenario scenario) {
        return new SimulationBuilder(scenario);
    }

    /**
     * The system as its policy sees it: a live view of this simulation's {@link World} (before {@link #run}, the
     * idle infrastructure at time 0).
     */
    public SystemView view() {
        return view;
    }

    // ------------------------------------------------------------------ running

    /** Runs the simulation to the end of its duration plus drain time and returns what it measured. */
    public SimulationResult run() {
        if (decisionsExternal()) {
            throw new IllegalStateException("built with externalDecisions(): run it through decisionLoop()");
        }
        begin();
        runLoop();
        return complete();
    }

    /**
     * The run with decisions supplied by the caller, one task at a time (the simulation must have been built with
     * {@link SimulationBuilder#externalDecisions()}); a simulation runs once, either way.
     */
    public DecisionLoop decisionLoop() {
        if (!decisionsExternal()) {
            throw new IllegalStateException("decisions come from policy " + policyName
                    + "; build with externalDecisions() to supply them");
        }
        begin();
        return new DecisionLoop(this);
    }

    private boolean decisionsExternal() {
        return decisions.external();
    }

    private void begin() {
        if (ran) {
            throw new IllegalStateException("a simulation runs once; build a new one");
        }
        ran = true;
        startNanos = System.nanoTime();
        start();
    }

    /** Runs the event loop until it ends or (with outside decisions) a task waits; returns that task's job. */
    Job runLoop() {
        sim.runUntil(scenario.durationS() + scenario.drainS());
        return decisions.takePending();
    }

    /** Acts on an outside decision for {@code job}, at the event time it arrived at. */
    void decide(Job job, Decision d) {
        dispatch(job, d);
    }

    SimulationResult complete() {
        finish();
        double wallS = (System.nanoTime() - startNanos) / 1e9;
        return accounting.result(policyName, inFlight, generator.generated(),
                sim.eventsProcessed() - progress.events(), wallS).withFreshness(statusUpdates.metrics())
                .withCascade(cascade.metrics()).withDrift(learning.metrics());
    }

    /** Schedules the first arrivals, the measured window's ends and the progress reports. */
    private void start() {
        generator.start();
        accounting.scheduleWindow(sim);
        progress.start();
        learning.start();
    }

    /** Ends every task still in flight when the drain time ran out. */
    private void finish() {
        for (Job j = inFlight.oldest(); j != null; j = inFlight.oldest()) {
            abortStage(j);
            end(j, FailureReason.UNFINISHED);
        }
        learning.finish();
    }

    @Override
    public void onEvent(int tag, Object data, long stamp) {
        switch (tag) {
            case TAG_PROPAGATED -> {
                Job j = (Job) data;
                if (!j.ended && j.stamp == stamp) {
                    advance(j);
                }
            }
            default -> throw new IllegalStateException("unknown event tag " + tag);
        }
    }

    // ------------------------------------------------------------------ life cycle: deciding

    private void onGenerated(Task task) {
        Job job = new Job(task);
        inFlight.add(job, sim.now());
        deadlines.watch(job);
        learning.generated(task);
        Job superseded = statusUpdates.generated(job);
        if (superseded != null) {
            abortStage(superseded);
            end(superseded, FailureReason.SUPERSEDED);
        }
        decisions.submit(job);
    }

    /** Acts on a decision (null counts as a rejection): reject, defer, or admit the job and start its route. */
    private void dispatch(Job job, Decision d) {
        job.decision = d;
        Decision.Kind kind = d == null ? Decision.Kind.REJECT : d.kind();
        if (kind != Decision.Kind.DEFER) {
            job.decidedS = sim.now();
            world.man().decisionMade();
        }
        if (dags.start(job, d)) {
            return;
        }
        if (kind == Decision.Kind.PLACE && !LocalPart.allLocal(apps.get(job.task.app()), d.partition())) {
            place(job, d);
        } else if (kind == Decision.Kind.PLACE) {
            runLocally(job, d);
        } else if (kind == Decision.Kind.LOCAL) {
            runLocally(job, d);
        } else if (kind == Decision.Kind.DEFER) {
            defer(job);
        } else {
            end(job, FailureReason.REJECTED);
        }
    }

    private void defer(Job job) {
        job.stage = Job.DEFERRED;
        job.stageStartS = sim.now();
        decisions.defer(job);
    }

    private void runLocally(Job job, Decision d) {
        ApplicationSpec app = prepareDemand(job, Tier.LOCAL, d.variant());
        int device = job.task.device();
        if (!view.deviceCanCompute(device)) {
            end(job, FailureReason.NO_LOCAL_CPU);
            return;
        }
        if (admit(job, world.localVm(device), app.vmUtilizationLocal())) {
            job.route = Route.DEVICE;
            execute(job);
        }
    }

    private void place(Job job, Decision d) {
        ApplicationSpec app = prepareDemand(job, d.tier(), d.variant());
        if (d.vm() >= world.vmCount() || world.vm(d.vm()).tier() != d.tier()) {
            throw new IllegalStateException("policy " + policyName + " chose " + d + " but VM " + d.vm()
                    + " is not a " + d.tier().key() + " VM (VMs: 0.." + (world.vmCount() - 1) + ")");
        }
        int site = world.deviceSite(job.task.device());
        if (site < 0) {
            end(job, FailureReason.NO_COVERAGE);
            return;
        }
        job.site = site;
        Vm vm = world.vm(d.vm());
        double share = d.tier() == Tier.EDGE ? app.vmUtilizationEdge() : app.vmUtilizationCloud();
        LocalPart part = LocalPart.plan(job, app, d.partition(), policyName);
        if (admit(job, vm, share)) {
            job.route = Route.of(d.tier(), vm.site(), site);
            if (part == null) {
                upload(job);
            } else {
                parts.start(job, part, app);
            }
        }
    }

    /** Sets the job's demand on {@code tier} ({@link Job#prepareDemand}); returns its application. */
    private ApplicationSpec prepareDemand(Job job, Tier tier, int decisionVariant) {
        return job.prepareDemand(apps.get(job.task.app()), tier, decisionVariant);
    }

    private boolean admit(Job job, Vm vm, double share) {
        FailureReason refused = admission.admit(vm, share, job.needMemoryMb);
        if (refused != null) {
            end(job, refused);
            return false;
        }
        job.vm = vm;
        job.share = share;
        job.memory = job.needMemoryMb;
        return true;
    }

    // ------------------------------------------------------------------ life cycle: moving

    /** The first hop: the site's WLAN (the WAN itself for the cloud where the network model says so: ecs). */
    private void upload(Job job) {
        Link wlan = world.wlan(job.site);
        if (job.route == Route.CLOUD && !wlan.carriesCloudTransfers()) {
            transfer(job, Job.UPLINK_WAN, world.wan(job.site), job.upKb);
        } else {
            transfer(job, Job.UPLINK_WLAN, wlan, job.upKb);
        }
    }

    private void transfer(Job job, int stage, Link link, double kb) {
        job.stage = stage;
        job.stageStartS = sim.now();
        double bits = kb * Estimates.BITS_PER_KB;
        boolean up = stage <= Job.UPLINK_WAN;
        if (!link.admits(bits, up)) {
            end(job, link.refusal());
            return;
        }
        job.link = link;
        world.slicePlan().start(link, job, job.task.app(), bits, up);
    }

    private void onTransferred(Work w) {
        if (w instanceof DagRun.Transfer t) {
            dags.transferred(t);
            return;
        }
        if (w instanceof Retraining r) {
            learning.transferred(r);
            return;
        }
        Job job = (Job) w;
        Link link = job.link;
        job.link = null;
        chargeRadio(job, sim.now() - job.stageStartS);
        double prop = link.propagationS();
        if (prop > 0) {
            sim.schedule(prop, this, TAG_PROPAGATED, job, job.stamp);
        } else {
            advance(job);
        }
    }

    /** The device's radio energy of a WLAN stage's air time (propagation excluded). */
    private void chargeRadio(Job job, double airS) {
        if (job.stage == Job.UPLINK_WLAN) {
            job.energyJ += power.transmitJ(airS);
        } else if (job.stage == Job.DOWNLINK_WLAN) {
            job.energyJ += power.receiveJ(airS);
        }
    }

    /** Moves a job whose current transfer stage (propagation included) has finished to its next stage. */
    private void advance(Job job) {
        double took = sim.now() - job.stageStartS;
        job.networkS += took;
        if (job.stage <= Job.UPLINK_WAN) {
            job.uploadS += took;
        } else {
            job.downloadS += took;
        }
        switch (job.stage) {
            case Job.UPLINK_WLAN -> {
                Route.Hop hop = job.route.backhaul();
                if (hop == null) {
                    execute(job);
                } else if (hop == Route.Hop.WAN) {
                    transfer(job, Job.UPLINK_WAN, world.wan(job.site), job.upKb);
                } else {
                    transfer(job, Job.UPLINK_MAN, world.man(), job.upKb);
                }
            }
            case Job.UPLINK_MAN, Job.UPLINK_WAN -> execute(job);
            case Job.DOWNLINK_WAN, Job.DOWNLINK_MAN -> download(job);
            case Job.DOWNLINK_WLAN -> parts.routeDone(job);
            default -> throw new IllegalStateException("stage " + job.stage);
        }
    }

    private void execute(Job job) {
        job.stage = Job.EXECUTE;
        job.stageStartS = sim.now();
        admission.executing(job.vm, job.share, job.memory);
        job.vm.server().add(job, job.workMi);
    }

    private void onExecuted(Work w) {
        if (w instanceof LocalPart part) {
            parts.executed(part);
            return;
        }
        if (w instanceof DagRun.Component c) {
            dags.executed(c);
            return;
        }
        if (w instanceof Retraining r) {
            learning.executed(r);
            return;
        }
        Job job = (Job) w;
        job.waitS += job.startedS() - job.enteredS();
        job.processingS += sim.now() - job.startedS();
        job.completedWorkMi += job.workMi;
        if (cascade.escalates(job)) {
            return;
        }
        Route.Hop hop = job.route.backhaul();
        if (job.route == Route.DEVICE) {
            end(job, null);
        } else if (hop == null) {
            download(job);
        } else if (hop == Route.Hop.WAN) {
            transfer(job, Job.DOWNLINK_WAN, world.wan(job.site), job.downKb);
        } else {
            transfer(job, Job.DOWNLINK_MAN, world.man(), job.downKb);
        }
    }

    /**
     * The last hop: the WLAN of the site that carried the upload, if the device is still there (a cloud result that
     * does not cross the WLAN has arrived once the device is found there).
     */
    private void download(Job job) {
        if (world.devicesMove() && world.deviceSite(job.task.device()) != job.site) {
            end(job, FailureReason.MOBILITY);
            return;
        }
        Link wlan = world.wlan(job.site);
        if (job.route == Route.CLOUD && !wlan.carriesCloudTransfers()) {
            end(job, null);
            return;
        }
        transfer(job, Job.DOWNLINK_WLAN, wlan, job.downKb);
    }

    // ------------------------------------------------------------------ life cycle: ending

    private void expire(Job job) {
        abortStage(job);
        end(job, FailureReason.DEADLINE);
    }

    /** Takes a job out of whatever it is in (link, VM, propagation) without completing it. */
    private void abortStage(Job job) {
        job.stamp++;
        if (job.link != null) {
            chargeRadio(job, sim.now() - job.stageStartS);
            job.link.abort(job);
            job.link = null;
        } else if (job.stage == Job.EXECUTE && job.isInServer()) {
            double now = sim.now();
            if (job.isStarted()) {
                job.waitS += job.startedS() - job.enteredS();
                job.processingS += now - job.startedS();
            } else {
                job.waitS += now - job.enteredS();
            }
            job.completedWorkMi += job.vm.server().remove(job);
        }
    }

    private void end(Job job, FailureReason failure) {
        job.ended = true;
        double now = sim.now();
        inFlight.remove(job, now);
        Vm vm = job.vm;
        if (vm != null) {
            admission.released(vm, job.share, job.memory, job.stage >= Job.EXECUTE);
            if (vm.tier() == Tier.LOCAL) {
                job.energyJ += power.computeJ(job.completedWorkMi, vm.spec().mips());
            }
        }
        statusUpdates.ended(job, failure == null, now);
        cascade.ended(job, failure == null, now);
        learning.ended(job.task, failure == null, now);
        if (job.part != null) {
            parts.ending(job, now);
        }
        boolean dagReleased = job.dag != null && dags.ending(job, now);
        accounting.taskEnded(job, failure, now);
        decisions.taskEnded(new TaskOutcome(job.task, job.decision, now - job.task.createdS(), failure));
        if (vm != null || dagReleased) {
            decisions.capacityReleased();
        }
        if (inFlight.count() == 0 && now >= scenario.durationS()) {
            sim.stop();
        }
    }
}
