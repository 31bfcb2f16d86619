package org.offload.sim;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.UnaryOperator;

import org.offload.compute.Vm;
import org.offload.engine.EventHandler;
import org.offload.engine.RandomStreams;
import org.offload.engine.Simulation;
import org.offload.metrics.LittleLaw;
import org.offload.metrics.MetricsCollector;
import org.offload.metrics.SimulationResult;
import org.offload.metrics.TaskListener;
import org.offload.metrics.TaskRecord;
import org.offload.metrics.Utilization;
import org.offload.mobility.MobilityModel;
import org.offload.mobility.NomadicMobility;
import org.offload.mobility.RandomWaypointMobility;
import org.offload.mobility.StaticMobility;
import org.offload.model.Decision;
import org.offload.model.FailureReason;
import org.offload.model.Task;
import org.offload.model.Tier;
import org.offload.network.Link;
import org.offload.policy.OffloadPolicy;
import org.offload.policy.PolicyContext;
import org.offload.policy.PolicyRegistry;
import org.offload.policy.SystemView;
import org.offload.policy.TaskOutcome;
import org.offload.queueing.Work;
import org.offload.scenario.ApplicationSpec;
import org.offload.scenario.DevicesSpec;
import org.offload.scenario.EdgeSpec;
import org.offload.scenario.MobilitySpec;
import org.offload.scenario.ModelVariant;
import org.offload.scenario.PlacementSpec;
import org.offload.scenario.Scenario;
import org.offload.topology.EuaDataset;
import org.offload.topology.Placement;
import org.offload.topology.Sites;
import org.offload.workload.TaskGenerator;

/**
 * One edge-cloud simulation built from a {@link Scenario}: devices generate tasks, the policy places each one,
 * and the task travels its route (WLAN, MAN or WAN uploads, execution on a VM, downloads) until it completes or
 * fails with exactly one reason. Build with {@link #builder}, call {@link #run} once.
 *
 * <p>Routes: local tasks run on the device's own CPU. Edge tasks go up the WLAN of the device's site, over
 * the MAN if the VM belongs to another site, and back the same way. Cloud tasks go up the site's WLAN and WAN
 * uplink and back. The result must reach the device through the site that carried the upload; if the device
 * has moved to another site by then the task fails with {@code mobility}.
 */
public final class OffloadSimulation implements SystemView, EventHandler {
    private static final int TAG_DEADLINE = 1;
    private static final int TAG_PROPAGATED = 2;
    private static final int TAG_WINDOW_START = 3;
    private static final int TAG_WINDOW_END = 4;
    private static final int TAG_PROGRESS = 5;
    private static final int TAG_BATCH = 6;

    private final Scenario scenario;
    private final String policyName;
    private final Simulation sim;
    private final OffloadPolicy policy;
    private final TaskListener taskListener;
    private final ProgressListener progress;
    private final List<ApplicationSpec> apps;
    private final Sites sites;
    private final MobilityModel mobility;
    private final int[] staticSite;
    private final double[] xy = new double[2];
    private final Vm[] vms;
    private final int edgeVmsPerSite;
    private final int firstCloudVm;
    private final Vm[] localVms;
    private final List<Vm> createdLocalVms = new ArrayList<>();
    private final Link[] wlan;
    private final Link[] wan;
    private final Link man;
    private final TaskGenerator generator;
    private final MetricsCollector metrics;
    private final double[] deviceEnergy;
    private final double bitsPerKb = 8000;
    /**
     * Per application, jobs in creation order. All tasks of an application have the same maximum delay, so
     * their deadlines come in this order too: one pending timer per application, at its oldest live job's
     * deadline, replaces one event per task.
     */
    private final ArrayDeque<Job>[] deadlines;
    private final boolean[] deadlineTimerSet;

    private boolean ran;
    private final double batchWindowS;
    private final List<Job> batch = new ArrayList<>();
    /** Tasks the policy deferred, oldest first (the overflow queue of batch policies). */
    private final ArrayDeque<Job> deferred = new ArrayDeque<>();
    private boolean retrying;
    /** Progress events are bookkeeping, not model events: they are left out of {@code eventsProcessed}. */
    private long progressEvents;
    private int inFlight;
    private final Job inFlightHead = new Job(null);
    private double lastInFlightChange;
    private double inFlightIntegral;
    private double sojournSum;
    private long measuredEnded;
    private double[] busyAtWindowStart = new double[3];
    private double[] busyAtWindowEnd = new double[3];

    private OffloadSimulation(Builder b) {
        this.scenario = b.scenario;
        this.taskListener = b.taskListener;
        this.progress = b.progress;
        this.apps = scenario.applications();
        RandomStreams streams = new RandomStreams(scenario.seed());
        DevicesSpec devices = scenario.devices();
        int deviceCount = devices.count();
        this.sim = new Simulation(deviceCount * 4 + 1024);

        EuaDataset eua = needsEua() ? EuaDataset.load() : null;
        EdgeSpec edge = scenario.edge();
        double[][] sitePos = Placement.place(edge.placement(), edge.sites(), true, streams.stream("placement.sites", 0), eua);
        this.sites = new Sites(sitePos, edge.coverageM());
        double[][] devicePos = Placement.place(devices.placement(), deviceCount, false,
                streams.stream("placement.devices", 0), eua);
        if (devices.mobility().type() == MobilitySpec.Type.RANDOM_WAYPOINT) {
            PlacementSpec p = devices.placement();
            double w = p.type() == PlacementSpec.Type.EUA ? eua.widthM() : p.widthM();
            double h = p.type() == PlacementSpec.Type.EUA ? eua.heightM() : p.heightM();
            this.mobility = new RandomWaypointMobility(devices.mobility(), devicePos, w, h, streams);
            this.staticSite = null;
        } else if (devices.mobility().type() == MobilitySpec.Type.NOMADIC) {
            this.mobility = new NomadicMobility(devices.mobility(), sites, deviceCount, streams);
            this.staticSite = null;
        } else {
            this.mobility = new StaticMobility(devicePos);
            this.staticSite = new int[deviceCount];
            for (int d = 0; d < deviceCount; d++) {
                staticSite[d] = sites.nearest(devicePos[d][0], devicePos[d][1]);
            }
        }

        this.edgeVmsPerSite = edge.hostsPerSite() * edge.vmsPerHost();
        this.firstCloudVm = edge.sites() * edgeVmsPerSite;
        this.vms = new Vm[firstCloudVm + scenario.cloud().vmCount()];
        for (int v = 0; v < firstCloudVm; v++) {
            vms[v] = new Vm(v, Tier.EDGE, v / edgeVmsPerSite, edge.vm(), edge.utilizationLimitPercent(),
                    scenario.scheduling(), sim, this::onExecuted);
        }
        for (int v = firstCloudVm; v < vms.length; v++) {
            vms[v] = new Vm(v, Tier.CLOUD, -1, scenario.cloud().vm(), scenario.cloud().utilizationLimitPercent(),
                    scenario.scheduling(), sim, this::onExecuted);
        }
        this.localVms = new Vm[deviceCount];

        wlan = new Link[edge.sites()];
        wan = new Link[edge.sites()];
        for (int s = 0; s < edge.sites(); s++) {
            wlan[s] = new Link("wlan" + s, sim, scenario.network().wlan(), scenario.network(),
                    streams.stream("link.wlan", s), this::onTransferred);
            wan[s] = new Link("wan" + s, sim, scenario.network().wan(), scenario.network(),
                    streams.stream("link.wan", s), this::onTransferred);
        }
        man = new Link("man", sim, scenario.network().man(), scenario.network(), streams.stream("link.man", 0),
                this::onTransferred);

        this.generator = new TaskGenerator(sim, apps, deviceCount, scenario.durationS(), streams, this::onGenerated);
        this.metrics = new MetricsCollector(scenario.applicationNames());
        this.deviceEnergy = new double[deviceCount];
        @SuppressWarnings("unchecked")
        ArrayDeque<Job>[] dl = new ArrayDeque[apps.size()];
        for (int a = 0; a < dl.length; a++) {
            dl[a] = new ArrayDeque<>();
        }
        this.deadlines = dl;
        this.deadlineTimerSet = new boolean[apps.size()];
        inFlightHead.prev = inFlightHead;
        inFlightHead.next = inFlightHead;

        Map<String, String> options = new LinkedHashMap<>(scenario.policyOptions());
        options.putAll(b.policyOptions);
        PolicyContext ctx = new PolicyContext(scenario, streams.stream("policy", 0), options);
        if (b.policy != null) {
            this.policy = b.policy;
            this.policyName = b.policyName != null ? b.policyName : scenario.policy();
        } else {
            PolicyRegistry registry = b.registry != null ? b.registry : PolicyRegistry.builtIn();
            this.policy = b.decorator.apply(registry.create(scenario.policy(), ctx));
            this.policyName = scenario.policy();
        }
        this.batchWindowS = policy.batchWindowS();
        if (!(batchWindowS >= 0)) {
            throw new IllegalArgumentException("policy " + policyName + " has a negative batch window");
        }
    }

    private boolean needsEua() {
        return scenario.devices().placement().type() == PlacementSpec.Type.EUA
                || scenario.edge().placement().type() == PlacementSpec.Type.EUA;
    }

    /** Starts building a simulation of {@code scenario}. */
    public static Builder builder(Scenario scenario) {
        return new Builder(scenario);
    }

    /** Options for one simulation; everything but the scenario is optional. */
    public static final class Builder {
        private final Scenario scenario;
        private OffloadPolicy policy;
        private String policyName;
        private PolicyRegistry registry;
        private TaskListener taskListener;
        private ProgressListener progress;
        private UnaryOperator<OffloadPolicy> decorator = p -> p;
        private Map<String, String> policyOptions = Map.of();

        private Builder(Scenario scenario) {
            this.scenario = Objects.requireNonNull(scenario, "scenario");
        }

        /** Uses this policy instance instead of looking {@code scenario.policy()} up in a registry. */
        public Builder policy(String name, OffloadPolicy p) {
            this.policyName = name;
            this.policy = p;
            return this;
        }

        /** Registry to look the scenario's policy up in (default: {@link PolicyRegistry#builtIn()}). */
        public Builder registry(PolicyRegistry r) {
            this.registry = r;
            return this;
        }

        /**
         * Wraps the policy looked up in the registry (for timing, logging or remote calls); the wrapped policy
         * is built exactly as without a decorator, so results stay comparable.
         */
        public Builder decorate(UnaryOperator<OffloadPolicy> d) {
            this.decorator = Objects.requireNonNull(d, "decorator");
            return this;
        }

        /**
         * Options handed to the registry's policy factory in its {@link PolicyContext}, over the scenario's
         * {@code policy_options} (an option given here wins; default: none).
         */
        public Builder policyOptions(Map<String, String> options) {
            this.policyOptions = new LinkedHashMap<>(options);
            return this;
        }

        public Builder taskListener(TaskListener l) {
            this.taskListener = l;
            return this;
        }

        public Builder progress(ProgressListener p) {
            this.progress = p;
            return this;
        }

        public OffloadSimulation build() {
            return new OffloadSimulation(this);
        }
    }

    // ------------------------------------------------------------------ running

    /** Runs the simulation to the end of its duration plus drain time and returns what it measured. */
    public SimulationResult run() {
        if (ran) {
            throw new IllegalStateException("a simulation runs once; build a new one");
        }
        ran = true;
        long start = System.nanoTime();
        generator.start();
        sim.scheduleAt(scenario.warmupS(), this, TAG_WINDOW_START, null, 0);
        sim.scheduleAt(scenario.durationS(), this, TAG_WINDOW_END, null, 0);
        if (progress != null) {
            sim.schedule(scenario.durationS() / 100, this, TAG_PROGRESS, null, 0);
        }
        sim.runUntil(scenario.durationS() + scenario.drainS());
        for (Job j = inFlightHead.next; j != inFlightHead; j = inFlightHead.next) {
            abortStage(j);
            end(j, FailureReason.UNFINISHED);
        }
        double wall = (System.nanoTime() - start) / 1e9;
        return result(wall);
    }

    @Override
    public void onEvent(int tag, Object data, long stamp) {
        switch (tag) {
            case TAG_DEADLINE -> expireDeadlines((int) stamp);
            case TAG_PROPAGATED -> {
                Job j = (Job) data;
                if (!j.ended && j.stamp == stamp) {
                    advance(j);
                }
            }
            case TAG_BATCH -> decideBatch();
            case TAG_WINDOW_START -> snapshotBusy(busyAtWindowStart);
            case TAG_WINDOW_END -> snapshotBusy(busyAtWindowEnd);
            case TAG_PROGRESS -> {
                progressEvents++;
                progress.onProgress(sim.now(), scenario.durationS(), generator.generated());
                if (sim.now() + scenario.durationS() / 100 <= scenario.durationS() + 1e-9) {
                    sim.schedule(scenario.durationS() / 100, this, TAG_PROGRESS, null, 0);
                }
            }
            default -> throw new IllegalStateException("unknown event tag " + tag);
        }
    }

    private void onGenerated(Task task) {
        Job job = new Job(task);
        trackInFlight(+1);
        job.next = inFlightHead;
        job.prev = inFlightHead.prev;
        inFlightHead.prev.next = job;
        inFlightHead.prev = job;
        deadlines[task.app()].addLast(job);
        if (!deadlineTimerSet[task.app()]) {
            armDeadlineTimer(task.app());
        }
        if (batchWindowS > 0) {
            batch.add(job);
            if (batch.size() == 1) {
                sim.schedule(batchWindowS, this, TAG_BATCH, null, 0);
            }
            return;
        }
        dispatch(job, policy.decide(task, this));
    }

    private void decideBatch() {
        List<Job> jobs = new ArrayList<>(batch);
        batch.clear();
        List<Task> tasks = new ArrayList<>(jobs.size());
        for (Job j : jobs) {
            tasks.add(j.task);
        }
        List<Decision> decisions = policy.decideBatch(tasks, this);
        if (decisions.size() != tasks.size()) {
            throw new IllegalStateException("policy " + policyName + " returned " + decisions.size()
                    + " decisions for a batch of " + tasks.size());
        }
        for (int i = 0; i < jobs.size(); i++) {
            if (!jobs.get(i).ended) {
                dispatch(jobs.get(i), decisions.get(i));
            }
        }
    }

    /** Acts on a decision: defer, reject, or admit the job and start its route. */
    private void dispatch(Job job, Decision d) {
        Task task = job.task;
        job.decision = d;
        if (d == null || !d.isDefer()) {
            job.decidedS = sim.now();
        }
        if (d == null || d.isReject()) {
            end(job, FailureReason.REJECTED);
            return;
        }
        if (d.isDefer()) {
            job.stage = Job.DEFERRED;
            job.stageStartS = sim.now();
            deferred.addLast(job);
            return;
        }
        ApplicationSpec app = apps.get(task.app());
        prepareDemand(job, app, d.tier(), d.variant());
        if (d.tier() == Tier.LOCAL) {
            if (!deviceCanCompute(task.device())) {
                end(job, FailureReason.NO_LOCAL_CPU);
                return;
            }
            Vm vm = localVm(task.device());
            if (admit(job, vm, app.vmUtilizationLocal())) {
                execute(job);
            }
            return;
        }
        if (d.vm() >= vms.length || vms[d.vm()].tier() != d.tier()) {
            throw new IllegalStateException("policy " + policyName + " chose " + d + " but VM " + d.vm()
                    + " is not a " + d.tier().key() + " VM (VMs: 0.." + (vms.length - 1) + ")");
        }
        int site = deviceSite(task.device());
        if (site < 0) {
            end(job, FailureReason.NO_COVERAGE);
            return;
        }
        job.site = site;
        Vm vm = vms[d.vm()];
        if (!admit(job, vm, d.tier() == Tier.EDGE ? app.vmUtilizationEdge() : app.vmUtilizationCloud())) {
            return;
        }
        transfer(job, Job.UPLINK_WLAN, wlan[site], task.uploadKb());
    }

    /**
     * Capacity was released: asks the policy again for deferred tasks, oldest first, until one is deferred
     * again, so a later deferred task never overtakes an earlier one (new tasks are decided as they come).
     */
    private void retryDeferred() {
        if (retrying || deferred.isEmpty()) {
            return;
        }
        retrying = true;
        try {
            while (!deferred.isEmpty()) {
                Job j = deferred.peekFirst();
                if (j.ended) {
                    deferred.pollFirst();
                    continue;
                }
                Decision d = policy.decide(j.task, this);
                if (d != null && d.isDefer()) {
                    break;
                }
                deferred.pollFirst();
                dispatch(j, d);
            }
        } finally {
            retrying = false;
        }
    }

    private void expireDeadlines(int app) {
        deadlineTimerSet[app] = false;
        ArrayDeque<Job> q = deadlines[app];
        double now = sim.now();
        while (!q.isEmpty() && q.peekFirst().task.deadlineS() <= now) {
            Job j = q.pollFirst();
            if (!j.ended) {
                abortStage(j);
                end(j, FailureReason.DEADLINE);
            }
        }
        armDeadlineTimer(app);
    }

    private void armDeadlineTimer(int app) {
        ArrayDeque<Job> q = deadlines[app];
        while (!q.isEmpty() && q.peekFirst().ended) {
            q.pollFirst();
        }
        if (!q.isEmpty()) {
            deadlineTimerSet[app] = true;
            sim.scheduleAt(q.peekFirst().task.deadlineS(), this, TAG_DEADLINE, null, app);
        }
    }

    /**
     * Sets the work and memory the job needs on {@code tier}: the task's own, or, for an application that names an
     * AI model, the chosen variant's demand on that tier scaled by the task's draw around the application's mean
     * length (so {@code distribution: exponential} still varies the work).
     */
    private static void prepareDemand(Job job, ApplicationSpec app, Tier tier, int decisionVariant) {
        Task task = job.task;
        if (app.hasModel()) {
            int v = app.model().variantIndex(decisionVariant);
            ModelVariant.Demand demand = app.model().variant(v).demand();
            job.variant = v;
            job.workMi = demand.lengthMi(tier) * (task.lengthMi() / app.lengthMi());
            job.needMemoryMb = demand.memoryMb(tier);
        } else {
            job.variant = -1;
            job.workMi = task.lengthMi();
            job.needMemoryMb = task.memoryMb();
        }
    }

    private boolean admit(Job job, Vm vm, double share) {
        if (!vm.fitsShare(share)) {
            end(job, FailureReason.VM_CAPACITY);
            return false;
        }
        if (!vm.fitsMemory(job.needMemoryMb)) {
            end(job, FailureReason.VM_MEMORY);
            return false;
        }
        vm.claim(share, job.needMemoryMb);
        job.vm = vm;
        job.share = share;
        job.memory = job.needMemoryMb;
        return true;
    }

    private void transfer(Job job, int stage, Link link, double kb) {
        job.stage = stage;
        job.stageStartS = sim.now();
        double bits = kb * bitsPerKb;
        if (!link.admits(bits)) {
            end(job, FailureReason.NETWORK_CONGESTION);
            return;
        }
        job.link = link;
        link.start(job, bits);
    }

    private void onTransferred(Work w) {
        Job job = (Job) w;
        Link link = job.link;
        job.link = null;
        double air = sim.now() - job.stageStartS;
        if (job.stage == Job.UPLINK_WLAN) {
            job.energyJ += scenario.devices().power().transmitW() * air;
        } else if (job.stage == Job.DOWNLINK_WLAN) {
            job.energyJ += scenario.devices().power().receiveW() * air;
        }
        double prop = link.propagationS();
        if (prop > 0) {
            sim.schedule(prop, this, TAG_PROPAGATED, job, job.stamp);
        } else {
            advance(job);
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
        boolean remoteEdge = job.vm.tier() == Tier.EDGE && job.vm.site() != job.site;
        switch (job.stage) {
            case Job.UPLINK_WLAN -> {
                if (job.vm.tier() == Tier.CLOUD) {
                    transfer(job, Job.UPLINK_WAN, wan[job.site], job.task.uploadKb());
                } else if (remoteEdge) {
                    transfer(job, Job.UPLINK_MAN, man, job.task.uploadKb());
                } else {
                    execute(job);
                }
            }
            case Job.UPLINK_MAN, Job.UPLINK_WAN -> execute(job);
            case Job.DOWNLINK_WAN, Job.DOWNLINK_MAN -> downlinkWlan(job);
            case Job.DOWNLINK_WLAN -> end(job, null);
            default -> throw new IllegalStateException("stage " + job.stage);
        }
    }

    private void execute(Job job) {
        job.stage = Job.EXECUTE;
        job.stageStartS = sim.now();
        job.vm.server().add(job, job.workMi);
    }

    private void onExecuted(Work w) {
        Job job = (Job) w;
        job.waitS = job.startedS() - job.enteredS();
        job.processingS = sim.now() - job.startedS();
        job.completedWorkMi = job.workMi;
        if (job.vm.tier() == Tier.LOCAL) {
            end(job, null);
        } else if (job.vm.tier() == Tier.CLOUD) {
            transfer(job, Job.DOWNLINK_WAN, wan[job.site], job.task.downloadKb());
        } else if (job.vm.site() != job.site) {
            transfer(job, Job.DOWNLINK_MAN, man, job.task.downloadKb());
        } else {
            downlinkWlan(job);
        }
    }

    private void downlinkWlan(Job job) {
        if (staticSite == null && deviceSite(job.task.device()) != job.site) {
            end(job, FailureReason.MOBILITY);
            return;
        }
        transfer(job, Job.DOWNLINK_WLAN, wlan[job.site], job.task.downloadKb());
    }

    /** Takes a job out of whatever it is in (link, VM, propagation) without completing it. */
    private void abortStage(Job job) {
        job.stamp++;
        if (job.link != null) {
            double air = sim.now() - job.stageStartS;
            if (job.stage == Job.UPLINK_WLAN) {
                job.energyJ += scenario.devices().power().transmitW() * air;
            } else if (job.stage == Job.DOWNLINK_WLAN) {
                job.energyJ += scenario.devices().power().receiveW() * air;
            }
            job.link.abort(job);
            job.link = null;
        } else if (job.stage == Job.EXECUTE && job.isInServer()) {
            double now = sim.now();
            if (job.isStarted()) {
                job.waitS = job.startedS() - job.enteredS();
                job.processingS = now - job.startedS();
            } else {
                job.waitS = now - job.enteredS();
            }
            job.completedWorkMi = job.vm.server().remove(job);
        }
    }

    private void end(Job job, FailureReason failure) {
        job.ended = true;
        job.prev.next = job.next;
        job.next.prev = job.prev;
        job.prev = job.next = null;
        trackInFlight(-1);
        Task task = job.task;
        double now = sim.now();
        boolean released = job.vm != null;
        if (released) {
            job.vm.release(job.share, job.memory);
            if (job.vm.tier() == Tier.LOCAL) {
                job.energyJ += scenario.devices().power().computeW() * job.completedWorkMi / job.vm.spec().mips();
            }
        }
        boolean measured = task.createdS() >= scenario.warmupS();
        if (measured) {
            sojournSum += now - task.createdS();
            measuredEnded++;
        }
        Tier tier = job.decision == null || job.decision.isReject() ? null : job.decision.tier();
        if (measured) {
            metrics.record(task.app(), tier, failure, now - task.createdS(), job.networkS, job.processingS,
                    job.waitS, job.energyJ);
            if (failure == null && job.variant >= 0) {
                metrics.recordAccuracy(task.app(), apps.get(task.app()).model().variant(job.variant).accuracy());
            }
            deviceEnergy[task.device()] += job.energyJ;
        }
        if (taskListener != null) {
            taskListener.onTaskEnded(new TaskRecord(task.id(), apps.get(task.app()).name(), task.device(), tier,
                    job.vm == null || job.vm.tier() == Tier.LOCAL ? -1 : job.vm.index(), task.createdS(), now,
                    (Double.isNaN(job.decidedS) ? now : job.decidedS) - task.createdS(), job.uploadS, job.waitS, job.processingS, job.downloadS, job.networkS, job.energyJ, measured,
                    failure));
        }
        policy.onTaskEnded(new TaskOutcome(task, job.decision, now - task.createdS(), failure));
        if (released) {
            retryDeferred();
        }
        if (inFlight == 0 && now >= scenario.durationS()) {
            sim.stop();
        }
    }

    private void trackInFlight(int delta) {
        double now = sim.now();
        double from = Math.max(lastInFlightChange, scenario.warmupS());
        double to = Math.min(now, scenario.durationS());
        if (to > from) {
            inFlightIntegral += inFlight * (to - from);
        }
        lastInFlightChange = now;
        inFlight += delta;
    }

    private Vm localVm(int device) {
        Vm vm = localVms[device];
        if (vm == null) {
            vm = new Vm(-1, Tier.LOCAL, -1, scenario.devices().cpu(), 100, scenario.scheduling(), sim,
                    this::onExecuted);
            localVms[device] = vm;
            createdLocalVms.add(vm);
        }
        return vm;
    }

    private void snapshotBusy(double[] out) {
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

    private SimulationResult result(double wallS) {
        double window = scenario.durationS() - scenario.warmupS();
        double edgeCores = (double) firstCloudVm * scenario.edge().vm().cores();
        double cloudCores = (double) (vms.length - firstCloudVm) * scenario.cloud().vm().cores();
        double localCores = scenario.devices().canComputeLocally()
                ? (double) localVms.length * scenario.devices().cpu().cores() : 0;
        Utilization util = new Utilization(
                percent(busyAtWindowEnd[0] - busyAtWindowStart[0], edgeCores * window),
                percent(busyAtWindowEnd[1] - busyAtWindowStart[1], cloudCores * window),
                percent(busyAtWindowEnd[2] - busyAtWindowStart[2], localCores * window));
        double energy = 0;
        for (double e : deviceEnergy) {
            energy += e;
        }
        LittleLaw little = new LittleLaw(inFlightIntegral / window, measuredEnded / window,
                measuredEnded > 0 ? sojournSum / measuredEnded : 0);
        var overall = metrics.overall();
        return new SimulationResult(scenario.name(), policyName, scenario.seed(), deviceEnergy.length,
                scenario.durationS(), scenario.warmupS(), overall, metrics.perApplication(), metrics.perTier(), util,
                energy, energy / deviceEnergy.length, little, generator.generated(), sim.eventsProcessed() - progressEvents, wallS,
                wallS > 0 ? generator.generated() / wallS : 0);
    }

    private static double percent(double busy, double capacity) {
        return capacity > 0 ? 100 * busy / capacity : 0;
    }

    // ------------------------------------------------------------------ SystemView

    @Override
    public double now() {
        return sim.now();
    }

    @Override
    public Scenario scenario() {
        return scenario;
    }

    @Override
    public int siteCount() {
        return sites.count();
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
    public boolean deviceCanCompute(int device) {
        return scenario.devices().canComputeLocally();
    }

    @Override
    public double localUtilization(int device) {
        Vm vm = localVms[device];
        return vm == null ? 0 : vm.utilization();
    }

    @Override
    public double estimateLocalExecutionS(int device, double mi) {
        if (!deviceCanCompute(device)) {
            return Double.POSITIVE_INFINITY;
        }
        Vm vm = localVms[device];
        return vm == null ? mi / scenario.devices().cpu().mips() : vm.server().estimateSojourn(mi);
    }

    @Override
    public int vmCount() {
        return vms.length;
    }

    @Override
    public int edgeVmsPerSite() {
        return edgeVmsPerSite;
    }

    @Override
    public Tier vmTier(int vm) {
        return vms[vm].tier();
    }

    @Override
    public int vmSite(int vm) {
        return vms[vm].site();
    }

    @Override
    public int vmCores(int vm) {
        return vms[vm].spec().cores();
    }

    @Override
    public double vmMips(int vm) {
        return vms[vm].spec().mips();
    }

    @Override
    public double vmUtilization(int vm) {
        return vms[vm].utilization();
    }

    @Override
    public int vmLoad(int vm) {
        return vms[vm].server().inSystem();
    }

    @Override
    public int vmQueueLength(int vm) {
        return vms[vm].server().waiting();
    }

    @Override
    public double vmFreeMemoryMb(int vm) {
        return vms[vm].freeMemoryMb();
    }

    @Override
    public boolean vmAdmits(int vm, Task task) {
        Vm v = vms[vm];
        ApplicationSpec app = apps.get(task.app());
        double share = v.tier() == Tier.EDGE ? app.vmUtilizationEdge() : app.vmUtilizationCloud();
        return v.fitsShare(share) && v.fitsMemory(task.memoryMb());
    }

    @Override
    public double estimateExecutionS(int vm, double mi) {
        return vms[vm].server().estimateSojourn(mi);
    }

    @Override
    public double vmRateForNext(int vm) {
        return vms[vm].server().rateForNext();
    }

    @Override
    public double siteUtilization(int site) {
        double sum = 0;
        for (int v = firstEdgeVm(site); v < firstEdgeVm(site) + edgeVmsPerSite; v++) {
            sum += vms[v].utilization();
        }
        return sum / edgeVmsPerSite;
    }

    @Override
    public double edgeUtilization() {
        return meanUtilization(0, firstCloudVm);
    }

    @Override
    public double cloudUtilization() {
        return meanUtilization(firstCloudVm, vms.length);
    }

    private double meanUtilization(int from, int to) {
        if (to <= from) {
            return 0;
        }
        double sum = 0;
        for (int v = from; v < to; v++) {
            sum += vms[v].utilization();
        }
        return sum / (to - from);
    }

    @Override
    public double wlanBandwidthMbps(int site) {
        return wlan[site].bandwidthMbps();
    }

    @Override
    public double wanBandwidthMbps(int site) {
        return wan[site].bandwidthMbps();
    }

    @Override
    public double manBandwidthMbps() {
        return man.bandwidthMbps();
    }

    @Override
    public double estimateWlanDelayS(int site, double kb) {
        return wlan[site].estimateDelayS(kb * bitsPerKb);
    }

    @Override
    public double estimateManDelayS(double kb) {
        return man.estimateDelayS(kb * bitsPerKb);
    }

    @Override
    public double estimateWanDelayS(int site, double kb) {
        return wan[site].estimateDelayS(kb * bitsPerKb);
    }
}
