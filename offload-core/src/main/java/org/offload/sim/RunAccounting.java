package org.offload.sim;

import java.util.List;

import org.offload.engine.EventHandler;
import org.offload.engine.Simulation;
import org.offload.metrics.LittleLaw;
import org.offload.metrics.MetricsCollector;
import org.offload.metrics.PartRecord;
import org.offload.metrics.SimulationResult;
import org.offload.metrics.StudyResults;
import org.offload.metrics.TaskListener;
import org.offload.metrics.TaskRecord;
import org.offload.metrics.Utilization;
import org.offload.model.FailureReason;
import org.offload.model.Task;
import org.offload.model.Tier;
import org.offload.scenario.ApplicationSpec;
import org.offload.scenario.Scenario;
import org.offload.world.Topology;
import org.offload.world.World;

/**
 * What a run measures and reports: each ended task's metrics (tasks generated in the measured window, from the
 * warm-up's end to the simulated duration), per-device energy, the sums behind Little's law, the busy core-seconds
 * at the window's ends for utilisation, and the {@link TaskRecord} of every task for a listener.
 */
final class RunAccounting implements EventHandler {
    private static final int WINDOW_START = 0;
    private static final int WINDOW_END = 1;

    private final Scenario scenario;
    private final List<ApplicationSpec> apps;
    private final World world;
    private final TaskListener listener;
    private final MetricsCollector metrics;
    private final double[] deviceEnergy;
    private final double[] busyAtStart = new double[3];
    private final double[] busyAtEnd = new double[3];
    /** Null unless the scenario has partitioned kinds. */
    private final PartitionAccounting partitions;
    /** Null unless the scenario has applications with input-quality levels. */
    private final QualityAccounting quality;
    /** Null unless the scenario has QoS classes. */
    private final QosAccounting qos;
    private double sojournSum;
    private long measuredEnded;

    RunAccounting(Scenario scenario, World world, TaskListener listener) {
        this.scenario = scenario;
        this.apps = scenario.applications();
        this.world = world;
        this.listener = listener;
        this.metrics = new MetricsCollector(scenario.applicationNames());
        this.deviceEnergy = new double[scenario.devices().count()];
        this.partitions = PartitionAccounting.needed(apps) ? new PartitionAccounting(apps) : null;
        this.quality = QualityAccounting.needed(apps) ? new QualityAccounting(apps) : null;
        this.qos = QosAccounting.needed(world.slicePlan()) ? new QosAccounting(world.slicePlan()) : null;
    }

    /** Schedules the utilisation snapshots at the measured window's start and end. */
    void scheduleWindow(Simulation sim) {
        sim.scheduleAt(scenario.warmupS(), this, WINDOW_START, null, 0);
        sim.scheduleAt(scenario.durationS(), this, WINDOW_END, null, 0);
    }

    @Override
    public void onEvent(int tag, Object data, long stamp) {
        world.busyCoreSeconds(tag == WINDOW_START ? busyAtStart : busyAtEnd);
    }

    /** Records a task that ended at {@code now}, completed ({@code failure} null) or failed. */
    void taskEnded(Job job, FailureReason failure, double now) {
        Task task = job.task;
        boolean measured = task.createdS() >= scenario.warmupS();
        Tier tier = job.decision == null ? null : job.decision.tier();
        if (measured) {
            sojournSum += now - task.createdS();
            measuredEnded++;
            metrics.record(task.app(), tier, failure, now - task.createdS(), job.networkS, job.processingS,
                    job.waitS, job.energyJ);
            if (failure == null && job.variant >= 0) {
                metrics.recordAccuracy(task.app(), apps.get(task.app()).model().variant(job.variant).accuracy());
            }
            deviceEnergy[task.device()] += job.energyJ;
            if (partitions != null) {
                partitions.taskEnded(job, apps.get(task.app()), failure == null);
            }
            if (quality != null) {
                quality.taskEnded(job, failure == null, now - task.createdS());
            }
            if (qos != null) {
                qos.taskEnded(job, failure == null, now - task.createdS());
            }
        }
        if (listener != null) {
            listener.onTaskEnded(record(job, tier, failure, now, measured));
        }
    }

    private TaskRecord record(Job job, Tier tier, FailureReason failure, double now, boolean measured) {
        Task task = job.task;
        int vm = job.vm == null || job.vm.tier() == Tier.LOCAL ? -1 : job.vm.index();
        double decided = Double.isNaN(job.decidedS) ? now : job.decidedS;
        return new TaskRecord(task.id(), apps.get(task.app()).name(), task.device(), tier, vm, task.createdS(), now,
                decided - task.createdS(), job.uploadS, job.waitS, job.processingS, job.downloadS, job.networkS,
                job.energyJ, measured, failure, job.escalation, parts(job, vm, now));
    }

    /**
     * The device's and the VM's part of a divided task (empty for a task run whole), or every component of a workflow
     * the policy ran, as the trace shows them.
     */
    private List<PartRecord> parts(Job job, int vm, double now) {
        if (job.dag != null) {
            return job.dag.parts(world);
        }
        LocalPart p = job.part;
        if (p == null) {
            return List.of();
        }
        double vmEnd = Double.isNaN(p.vmEndS) ? now : p.vmEndS;
        return List.of(new PartRecord("device:" + p.devicePiece, Tier.LOCAL, -1, p.enteredCpuS,
                        Double.isNaN(p.leftCpuS) ? now : p.leftCpuS, 0, 0),
                new PartRecord("vm:" + p.vmPiece, job.vm.tier(), vm, p.vmStartS, Double.isNaN(p.vmStartS) ? Double.NaN
                        : vmEnd, Double.isNaN(p.vmStartS) ? 0 : job.upKb, Double.isNaN(p.vmEndS) ? 0 : job.downKb));
    }

    /** The run's result, once every task has ended. */
    SimulationResult result(String policyName, InFlight inFlight, long generated, long events, double wallS) {
        double window = scenario.durationS() - scenario.warmupS();
        Topology t = world.topology();
        double edgeCores = (double) t.firstCloudVm() * scenario.edge().vm().cores();
        double cloudCores = (double) t.cloudVms() * scenario.cloud().vm().cores();
        double localCores = scenario.devices().canComputeLocally()
                ? (double) world.deviceCount() * scenario.devices().cpu().cores() : 0;
        Utilization util = new Utilization(
                percent(busyAtEnd[0] - busyAtStart[0], edgeCores * window),
                percent(busyAtEnd[1] - busyAtStart[1], cloudCores * window),
                percent(busyAtEnd[2] - busyAtStart[2], localCores * window));
        double energy = 0;
        for (double e : deviceEnergy) {
            energy += e;
        }
        LittleLaw little = new LittleLaw(inFlight.integral() / window, measuredEnded / window,
                measuredEnded > 0 ? sojournSum / measuredEnded : 0);
        int devices = deviceEnergy.length;
        StudyResults studies = StudyResults.NONE.withPartitions(partitions == null ? null : partitions.result());
        studies = quality == null ? studies : studies.withQuality(quality.result());
        studies = qos == null ? studies : studies.withQos(qos.result(window));
        return new SimulationResult(scenario.name(), policyName, scenario.seed(), devices, scenario.durationS(),
                scenario.warmupS(), metrics.overall(), metrics.perApplication(), metrics.perTier(), util, energy,
                energy / devices, little, generated, events, wallS, wallS > 0 ? generated / wallS : 0, studies);
    }

    private static double percent(double busy, double capacity) {
        return capacity > 0 ? 100 * busy / capacity : 0;
    }
}
