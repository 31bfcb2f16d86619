package org.offload.sim;

import org.offload.compute.Vm;
import org.offload.model.Decision;
import org.offload.model.Task;
import org.offload.model.Tier;
import org.offload.network.Link;
import org.offload.network.Route;
import org.offload.queueing.Work;
import org.offload.scenario.ApplicationSpec;

/**
 * A task in flight: its immutable {@link Task}, the decision taken, where it is in its {@link Route} and the
 * times and energy measured so far. Stages run DECIDING (or DEFERRED) → UPLINK_WLAN → UPLINK_MAN/WAN (remote
 * routes) → EXECUTE → DOWNLINK_WAN/MAN → DOWNLINK_WLAN; a local task goes straight to EXECUTE. A partitioned
 * task ({@link LocalPart}) runs its device part first (PREFIX, a DNN split) or beside the route, and may wait for it
 * (AWAITING_PART) and aggregate (AGGREGATING) before it ends.
 */
final class Job extends Work {
    final Task task;
    Decision decision;
    Vm vm;
    /** The links the task crosses (set when a placement is acted on). */
    Route route;
    /** One of the stage constants below. */
    int stage;
    /** Link the job is on while transferring, or null. */
    Link link;
    /** Site whose WLAN carried the upload (the result must come back through it). */
    int site;
    double share;
    double memory;
    boolean ended;
    /** Bumped whenever a pending propagation event must be ignored. */
    long stamp;
    double stageStartS;
    double uploadS;
    double downloadS;
    double networkS;
    double waitS;
    double processingS;
    double energyJ;
    double completedWorkMi;
    /** Work (MI) the job executes: the task's length, or its model variant's demand on the chosen tier. */
    double workMi;
    /** Memory (MB) the job claims on its VM: the task's, or its model variant's on the chosen tier. */
    double needMemoryMb;
    /** KB the VM part uploads: the task's, its share λ of it, or a DNN split's activation. */
    double upKb;
    /** KB the result downloads. */
    double downKb;
    /** The device's part of a partitioned task, else null. */
    LocalPart part;
    /** A workflow task's components and transfers (kind dag), else null. */
    DagRun dag;
    /** Model variant index the job runs (applications with a model), else -1. */
    int variant = -1;
    /** Simulation time the policy's placement or rejection was acted on; NaN while undecided or deferred. */
    double decidedS = Double.NaN;
    /** Cascaded inference: the edge answer's confidence once drawn, else NaN. */
    double confidence = Double.NaN;
    /** Cascaded inference: why the task escalated to the cloud model, or null while it has not. */
    String escalation;
    Job prev;
    Job next;

    static final int UPLINK_WLAN = 0;
    static final int UPLINK_MAN = 1;
    static final int UPLINK_WAN = 2;
    static final int EXECUTE = 3;
    static final int DOWNLINK_WAN = 4;
    static final int DOWNLINK_MAN = 5;
    static final int DOWNLINK_WLAN = 6;
    /** Partitioned: the VM part has returned and waits for the device's part. */
    static final int AWAITING_PART = 7;
    /** Partitioned: both parts finished, the result is being aggregated. */
    static final int AGGREGATING = 8;
    /** A workflow (kind dag): its components and transfers are under way ({@link DagSteps}). */
    static final int DAG = 9;
    static final int DECIDING = -1;
    /** A DNN split: the device runs the first layers; the upload follows. */
    static final int PREFIX = -3;
    static final int DEFERRED = -2;

    Job(Task task) {
        this.task = task;
        this.stage = DECIDING;
    }

    /**
     * Sets the work and memory the job needs on {@code tier} ({@link ApplicationSpec#workMi}), the KB it moves and
     * the model variant it runs, for its application {@code app}; returns {@code app}.
     */
    ApplicationSpec prepareDemand(ApplicationSpec app, Tier tier, int decisionVariant) {
        variant = app.hasModel() ? app.model().variantIndex(decisionVariant) : -1;
        workMi = app.workMi(task, tier, decisionVariant);
        needMemoryMb = app.memoryMb(task, tier, decisionVariant);
        upKb = app.uploadKb(task, decisionVariant);
        downKb = task.downloadKb();
        return app;
    }
}
