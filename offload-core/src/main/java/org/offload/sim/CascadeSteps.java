package org.offload.sim;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.BiConsumer;

import org.offload.compute.AdmissionAccounting;
import org.offload.compute.Vm;
import org.offload.engine.RandomStreams;
import org.offload.metrics.CascadeMetrics;
import org.offload.model.FailureReason;
import org.offload.model.Tier;
import org.offload.network.Link;
import org.offload.network.Route;
import org.offload.scenario.ApplicationSpec;
import org.offload.scenario.CascadeSpec;
import org.offload.scenario.Scenario;
import org.offload.world.World;

/**
 * The steps cascaded inference ({@link CascadeSpec}) adds to {@link OffloadSimulation}'s life cycle: when a task of
 * a cascade application finishes executing on an edge VM, its confidence is drawn (stream {@code cascade}); below
 * the threshold the task escalates as a second stage of the same job: the edge claim is released, a cloud VM is
 * claimed (round robin over the cloud VMs, the first that admits it), the features cross the site's WAN, the cloud
 * model runs (the application's cloud demand) and the result returns the cloud route's way. {@link #NONE} stands in
 * when no application has a cascade, so the simulator's other paths and random streams are unchanged.
 */
final class CascadeSteps {
    /** Why a task escalated, as the trace names it. */
    static final String BELOW_THRESHOLD = "confidence_below_threshold";

    /** Starts a transfer stage of a job (OffloadSimulation's {@code transfer}). */
    interface Transfer {
        void start(Job job, int stage, Link link, double kb);
    }

    static final CascadeSteps NONE = new CascadeSteps();

    private final List<ApplicationSpec> apps;
    private final double warmupS;
    private final World world;
    private final AdmissionAccounting admission;
    private final PolicyDriver decisions;
    private final Transfer transfer;
    private final BiConsumer<Job, FailureReason> end;
    private final SplittableRandom random;
    private final Counts[] counts;
    private int nextCloud;

    private CascadeSteps() {
        apps = List.of();
        warmupS = 0;
        world = null;
        admission = null;
        decisions = null;
        transfer = null;
        end = null;
        random = null;
        counts = null;
    }

    private CascadeSteps(Scenario scenario, RandomStreams streams, World world, AdmissionAccounting admission,
                         PolicyDriver decisions, Transfer transfer, BiConsumer<Job, FailureReason> end) {
        this.apps = scenario.applications();
        this.warmupS = scenario.warmupS();
        this.world = world;
        this.admission = admission;
        this.decisions = decisions;
        this.transfer = transfer;
        this.end = end;
        this.random = streams.stream("cascade", 0);
        this.counts = new Counts[apps.size()];
        for (int a = 0; a < counts.length; a++) {
            counts[a] = new Counts();
        }
    }

    /** The steps for {@code scenario}, or {@link #NONE} when none of its applications has a cascade. */
    static CascadeSteps of(Scenario scenario, RandomStreams streams, World world, AdmissionAccounting admission,
                           PolicyDriver decisions, Transfer transfer, BiConsumer<Job, FailureReason> end) {
        boolean any = scenario.applications().stream().anyMatch(a -> a.cascade() != null);
        return any ? new CascadeSteps(scenario, streams, world, admission, decisions, transfer, end) : NONE;
    }

    /** True when the scenario has a cascade (the trace then carries the {@code escalation} column). */
    boolean active() {
        return counts != null;
    }

    /**
     * A job finished executing; returns true when it escalated (its second stage has started or it has ended), false
     * when its route continues as usual (no cascade, not at the edge, confident enough, or already escalated).
     */
    boolean escalates(Job job) {
        if (counts == null || job.escalation != null || job.vm.tier() != Tier.EDGE) {
            return false;
        }
        ApplicationSpec app = apps.get(job.task.app());
        CascadeSpec spec = app.cascade();
        if (spec == null) {
            return false;
        }
        job.confidence = spec.confidence(random.nextDouble());
        boolean measured = job.task.createdS() >= warmupS;
        if (measured) {
            counts[job.task.app()].edgeAnswers++;
        }
        if (job.confidence >= spec.threshold()) {
            return false;
        }
        if (measured) {
            counts[job.task.app()].escalated++;
        }
        job.escalation = BELOW_THRESHOLD;
        admission.released(job.vm, job.share, job.memory, true);
        job.vm = null;
        decisions.capacityReleased();
        if (job.ended) {
            return true;
        }
        int decisionVariant = job.decision == null ? -1 : job.decision.variant();
        job.workMi = app.workMi(job.task, Tier.CLOUD, decisionVariant);
        job.needMemoryMb = app.memoryMb(job.task, Tier.CLOUD, decisionVariant);
        FailureReason refused = claimCloud(job, app.vmUtilizationCloud());
        if (refused != null) {
            end.accept(job, refused);
            return true;
        }
        job.route = Route.CLOUD;
        job.upKb = spec.featuresKb();
        transfer.start(job, Job.UPLINK_WAN, world.wan(job.site), spec.featuresKb());
        return true;
    }

    private FailureReason claimCloud(Job job, double share) {
        int first = world.topology().firstCloudVm();
        int n = world.topology().cloudVms();
        FailureReason refused = FailureReason.REJECTED;
        for (int i = 0; i < n; i++) {
            Vm vm = world.vm(first + (nextCloud + i) % n);
            refused = admission.admit(vm, share, job.needMemoryMb);
            if (refused == null) {
                nextCloud = (nextCloud + i + 1) % n;
                job.vm = vm;
                job.share = share;
                job.memory = job.needMemoryMb;
                return null;
            }
        }
        return refused;
    }

    /** A job ended at {@code nowS}; a completed cascade answer is counted with its probability of being right. */
    void ended(Job job, boolean completed, double nowS) {
        if (counts == null || !completed || Double.isNaN(job.confidence) || job.task.createdS() < warmupS) {
            return;
        }
        Counts c = counts[job.task.app()];
        double latency = nowS - job.task.createdS();
        c.answered++;
        c.latencySum += latency;
        if (job.escalation != null) {
            c.answeredEscalated++;
            c.escalatedLatencySum += latency;
            c.correctSum += apps.get(job.task.app()).cascade().cloudAccuracy();
        } else {
            c.correctSum += job.confidence;
        }
    }

    /** Per cascade application, what it measured; empty for {@link #NONE}. */
    Map<String, CascadeMetrics> metrics() {
        Map<String, CascadeMetrics> out = new LinkedHashMap<>();
        if (counts == null) {
            return out;
        }
        for (int a = 0; a < counts.length; a++) {
            if (apps.get(a).cascade() != null) {
                out.put(apps.get(a).name(), counts[a].metrics());
            }
        }
        return out;
    }

    private static final class Counts {
        long edgeAnswers;
        long escalated;
        long answered;
        long answeredEscalated;
        double correctSum;
        double latencySum;
        double escalatedLatencySum;

        CascadeMetrics metrics() {
            return new CascadeMetrics(edgeAnswers, escalated, answered, answeredEscalated,
                    ratio(escalated, edgeAnswers), ratio(correctSum, answered), ratio(latencySum, answered),
                    ratio(escalatedLatencySum, answeredEscalated));
        }

        private static double ratio(double x, long n) {
            return n > 0 ? x / n : Double.NaN;
        }
    }
}
