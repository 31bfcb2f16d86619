package org.offload.model;

/**
 * One generated task, as a policy sees it: what it needs and by when. Immutable; the simulator keeps the
 * task's progress elsewhere.
 *
 * @param id               unique, in order of generation
 * @param app              index of the application in the scenario
 * @param device           index of the generating device
 * @param createdS         generation time (s)
 * @param lengthMi         work in millions of instructions
 * @param uploadKb         input data sent to a remote tier (kilobytes, 1 KB = 1000 bytes)
 * @param downloadKb       result data returned to the device (KB)
 * @param delaySensitivity the application's delay sensitivity in [0, 1]
 * @param maxDelayS        deadline relative to {@code createdS}
 * @param memoryMb         memory the task occupies while it runs
 */
public record Task(long id, int app, int device, double createdS, double lengthMi, double uploadKb,
                   double downloadKb, double delaySensitivity, double maxDelayS, double memoryMb) {

    public double deadlineS() {
        return createdS + maxDelayS;
    }
}
