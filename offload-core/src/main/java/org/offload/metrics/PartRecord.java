package org.offload.metrics;

import org.offload.model.Tier;

/**
 * One part of a partitioned task (issue 19) as the trace records it: the device's part or the VM's part of a
 * {@code dnn} split or a {@code partial} division, or one component of a {@code dag} workflow; where it ran, when,
 * and what it moved over the network.
 *
 * @param part       {@code device} or {@code vm}, a colon, and which piece: {@code layers 1-8} of a dnn task (layers
 *                   counted from 1), or {@code share 0.3} of a partial task's work; {@code component:NAME} for a
 *                   workflow's component
 * @param tier       where the part ran ({@code LOCAL} for the device's part)
 * @param vm         the edge/cloud VM's index, -1 for the device's part
 * @param startS     when the part began: the device part entered the device's CPU, the VM part's upload began, a
 *                   component's inputs had all arrived and it entered its CPU; NaN if it never began
 * @param endS       when it ended: the device part left the CPU (finished, or taken off when the task ended), the VM
 *                   part's result was back (or the task ended first), a component left its CPU (finished or taken
 *                   off); NaN if it never began
 * @param uploadKb   KB the part received over the network (the VM part's input: the activation of layer k, or its
 *                   share of the upload; a component's inputs that crossed a link); 0 for the device part
 * @param downloadKb KB the part's result brought back (a component: its outputs that crossed a link); 0 for the
 *                   device part
 * @param energyJ    the device's joules charged to the part (a component: its computation on the device plus the
 *                   radio's air time of its inputs and, for an exit, of its result), NaN where not recorded
 * @param outcome    how the part ended ({@code done}, {@code aborted}, {@code never_started} for a component), null
 *                   where not recorded
 */
public record PartRecord(String part, Tier tier, int vm, double startS, double endS, double uploadKb,
                         double downloadKb, double energyJ, String outcome) {

    /** A part without its own energy or outcome (the parts of a dnn or partial task). */
    public PartRecord(String part, Tier tier, int vm, double startS, double endS, double uploadKb, double downloadKb) {
        this(part, tier, vm, startS, endS, uploadKb, downloadKb, Double.NaN, null);
    }
}
