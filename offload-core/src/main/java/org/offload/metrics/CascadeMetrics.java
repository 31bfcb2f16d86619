package org.offload.metrics;

/**
 * What one cascaded-inference application measured over the tasks generated after the warm-up
 * ({@link org.offload.scenario.CascadeSpec}). {@code edgeAnswers} counts tasks whose edge stage finished (a
 * confidence was drawn), {@code escalated} those of them below the threshold; {@code answered} counts those that then
 * completed (their final answer reached the device), {@code answeredEscalated} the escalated ones among them.
 * {@code accuracy} is the mean probability that a completed task's final answer is correct (the calibrated edge
 * confidence, or the cloud model's accuracy when escalated); latencies are service times of completed tasks.
 * Rates are NaN when their denominator is 0.
 */
public record CascadeMetrics(long edgeAnswers, long escalated, long answered, long answeredEscalated,
                             double escalatedShare, double accuracy, double latencyMeanS,
                             double escalatedLatencyMeanS) {
}
