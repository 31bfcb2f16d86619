package org.offload.sim;

import org.offload.compute.Vm;
import org.offload.network.Link;
import org.offload.queueing.Work;

/**
 * One retraining job of continual learning ({@link ContinualLearning}): a device's uploaded samples crossing its
 * {@code up} links, the training work on {@code vm}, and the retrained model crossing the {@code down} links back.
 * It competes with inference tasks for the same links and VM cores. It ends exactly once: the model applied,
 * failed with a reason, or unfinished.
 */
final class Retraining extends Work {
    final Learner learner;
    final int device;
    final int site;
    final int samples;
    /** The samples' useful value, decayed to drift-clock reading {@link #valueClock}. */
    final double value;
    final double valueClock;
    final int epoch;
    final double uploadKb;
    final double workMi;
    final double createdS;
    final boolean measured;
    final Link[] up;
    final Link[] down;
    Vm vm;
    double share;
    double memoryMb;
    /** Hop index over up then down links; {@code up.length} while executing. */
    int hop;
    Link link;
    double stageStartS;
    long stamp;
    boolean ended;
    boolean executed;
    double waitS;
    double processingS;

    Retraining(Learner learner, int device, int site, int samples, double value, double valueClock,
               int epoch, double uploadKb, double workMi, double createdS, boolean measured, Link[] up, Link[] down) {
        this.learner = learner;
        this.device = device;
        this.site = site;
        this.samples = samples;
        this.value = value;
        this.valueClock = valueClock;
        this.epoch = epoch;
        this.uploadKb = uploadKb;
        this.workMi = workMi;
        this.createdS = createdS;
        this.measured = measured;
        this.up = up;
        this.down = down;
    }

    /** True while the job is on an upload link (else a download link). */
    boolean uploading() {
        return hop < up.length;
    }

    /** The current hop's link. */
    Link hopLink() {
        return uploading() ? up[hop] : down[hop - up.length - 1];
    }
}
