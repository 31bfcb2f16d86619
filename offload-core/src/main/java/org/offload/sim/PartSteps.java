package org.offload.sim;

import java.util.function.BiConsumer;
import java.util.function.Consumer;

import org.offload.compute.AdmissionAccounting;
import org.offload.compute.Vm;
import org.offload.engine.EventHandler;
import org.offload.engine.Simulation;
import org.offload.model.FailureReason;
import org.offload.scenario.ApplicationSpec;
import org.offload.scenario.PowerSpec;
import org.offload.world.World;
import org.offload.world.WorldView;

/**
 * The steps a partitioned task ({@code partial}, {@code dnn}) adds to {@link OffloadSimulation}'s life cycle, around
 * its device part ({@link LocalPart}): admit and start the part on the device's CPU (a DNN prefix before the upload,
 * a partial share beside the VM part's route), finish it, wait for it when the route returns first (AWAITING_PART),
 * aggregate (AGGREGATING), and take it off the CPU when the task ends otherwise. The route and the ending stay
 * {@link OffloadSimulation}'s, reached through the two callbacks.
 */
final class PartSteps implements EventHandler {
    /** The simulation's tag number for this event, so ties with its other events order as before the split. */
    private static final int TAG_AGGREGATED = 3;

    private final Simulation sim;
    private final World world;
    private final WorldView view;
    private final AdmissionAccounting admission;
    private final PowerSpec power;
    private final PolicyDriver decisions;
    private final Consumer<Job> upload;
    private final BiConsumer<Job, FailureReason> end;

    PartSteps(Simulation sim, World world, WorldView view, AdmissionAccounting admission, PowerSpec power,
              PolicyDriver decisions, Consumer<Job> upload, BiConsumer<Job, FailureReason> end) {
        this.sim = sim;
        this.world = world;
        this.view = view;
        this.admission = admission;
        this.power = power;
        this.decisions = decisions;
        this.upload = upload;
        this.end = end;
    }

    /** Admits and starts a partitioned task's device part; a DNN prefix holds the upload, a partial share does not. */
    void start(Job job, LocalPart part, ApplicationSpec app) {
        int device = job.task.device();
        Vm local = world.localVm(device);
        FailureReason refused = !view.deviceCanCompute(device) ? FailureReason.NO_LOCAL_CPU
                : admission.admit(local, app.vmUtilizationLocal(), part.memoryMb);
        if (refused != null) {
            end.accept(job, refused);
            return;
        }
        part.vm = local;
        part.share = app.vmUtilizationLocal();
        job.part = part;
        admission.executing(local, part.share, part.memoryMb);
        local.server().add(part, part.workMi);
        part.enteredCpuS = sim.now();
        if (part.before) {
            job.stage = Job.PREFIX;
            job.stageStartS = sim.now();
        } else {
            part.vmStartS = sim.now();
            upload.accept(job);
        }
    }

    /** The device's CPU has finished the part. */
    void executed(LocalPart part) {
        Job job = part.job;
        part.done = true;
        part.waitS = part.startedS() - part.enteredS();
        part.processingS = sim.now() - part.startedS();
        part.leftCpuS = sim.now();
        release(part, part.workMi, true);
        if (part.before) {
            part.vmStartS = sim.now();
            upload.accept(job);
        } else if (job.stage == Job.AWAITING_PART) {
            aggregate(job);
        }
    }

    /** The route has brought the VM part's result back: wait for the device part, aggregate, or end. */
    void routeDone(Job job) {
        LocalPart part = job.part;
        if (part != null) {
            part.vmEndS = sim.now();
        }
        if (part == null) {
            end.accept(job, null);
        } else if (!part.done) {
            job.stage = Job.AWAITING_PART;
            job.stageStartS = sim.now();
        } else {
            aggregate(job);
        }
    }

    private void aggregate(Job job) {
        if (job.part.aggregationS > 0) {
            job.stage = Job.AGGREGATING;
            job.stageStartS = sim.now();
            sim.schedule(job.part.aggregationS, this, TAG_AGGREGATED, job, job.stamp);
        } else {
            end.accept(job, null);
        }
    }

    @Override
    public void onEvent(int tag, Object data, long stamp) {
        Job j = (Job) data;
        if (!j.ended && j.stamp == stamp) {
            end.accept(j, null);
        }
    }

    /**
     * The task is ending at {@code now}: takes a part still on the device's CPU off it (the task failed or timed out
     * meanwhile) and adds the part's times to the task's: a DNN prefix ran before the VM part, a partial share beside.
     */
    void ending(Job job, double now) {
        LocalPart part = job.part;
        if (part.vm != null) {
            part.waitS = (part.isStarted() ? part.startedS() : now) - part.enteredS();
            part.processingS = part.isStarted() ? now - part.startedS() : 0;
            part.leftCpuS = now;
            release(part, part.vm.server().remove(part), false);
        }
        job.waitS = part.before ? job.waitS + part.waitS : Math.max(job.waitS, part.waitS);
        job.processingS = part.before ? job.processingS + part.processingS : Math.max(job.processingS, part.processingS);
    }

    /** Gives the device part's CPU share back and charges its compute energy ({@code doneMi} of its work). */
    private void release(LocalPart part, double doneMi, boolean tellPolicy) {
        part.completedMi = doneMi;
        admission.released(part.vm, part.share, part.memoryMb, true);
        part.job.energyJ += power.computeJ(doneMi, part.vm.spec().mips());
        part.vm = null;
        if (tellPolicy) {
            decisions.capacityReleased();
        }
    }
}
