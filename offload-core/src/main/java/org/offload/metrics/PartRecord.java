package org.offload.metrics;

import org.offload.model.Tier;

/**
 * One part of a partitioned task (issue 19) as the trace records it: the device's part or the VM's part of a
 * {@code dnn} split or a {@code partial} division, where it ran, when, and what it moved over the network.
 *
 * @param part       {@code device} or {@code vm}, a colon, and which piece: {@code layers 1-8} of a dnn task (layers
 *                   counted from 1), or {@code share 0.3} of a partial task's work
 * @param tier       where the part ran ({@code LOCAL} for the device's part)
 * @param vm         the edge/cloud VM's index, -1 for the device's part
 * @param startS     when the part began: the device part entered the device's CPU, the VM part's upload began
 * @param endS       when it ended: the device part left the CPU (finished, or taken off when the task ended), the VM
 *                   part's result was back (or the task ended first)
 * @param uploadKb   KB the part sent over the network (the VM part's input: the activation of layer k, or its share
 *                   of the upload); 0 for the device part
 * @param downloadKb KB the part's result brought back; 0 for the device part
 */
public record PartRecord(String part, Tier tier, int vm, double startS, double endS, double uploadKb,
                         double downloadKb) {
}
