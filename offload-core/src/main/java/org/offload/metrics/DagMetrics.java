package org.offload.metrics;

/**
 * What workflow tasks (kind {@code dag}, issue 19) add to a result's {@link PartitionMetrics}: their makespan, where
 * their components ran and how each ended, and the data that crossed links between places. Counts cover the measured
 * workflow tasks the policy ran (placed or local).
 *
 * @param tasks             measured workflow tasks the policy ran
 * @param completed         of those, the ones whose every result reached the device
 * @param makespanMeanS     mean service time (the workflow's makespan) of the completed ones; NaN when none
 * @param makespanMaxS      the largest makespan; NaN when none
 * @param componentsDone    components that finished
 * @param componentsAborted components taken off their CPU unfinished (deadline, a failure elsewhere, drain)
 * @param componentsNeverStarted components whose inputs never all arrived
 * @param onDevice          components placed on the device
 * @param onEdge            components placed on an edge VM
 * @param onCloud           components placed on a cloud VM
 * @param transferredKb     KB that arrived over at least one link (uploads, edges between places, results)
 */
public record DagMetrics(long tasks, long completed, double makespanMeanS, double makespanMaxS, long componentsDone,
                         long componentsAborted, long componentsNeverStarted, long onDevice, long onEdge,
                         long onCloud, double transferredKb) {
}
