package org.offload.metrics;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import org.offload.drift.DriftMetrics;
import org.offload.freshness.FreshnessMetrics;

/**
 * What the optional studies of one run measured, kept apart from the measurements every run has. It is one
 * component of {@link SimulationResult}, so a new study adds a component (and a {@code with} method) here instead
 * of another compatibility constructor there; a run without a study leaves its part empty ({@link #NONE}).
 *
 * <p>{@code partitions} is null unless the scenario has {@code partial} or {@code dnn} applications;
 * {@code freshness} holds the Age of Information of each status-update application, {@code cascade} what each
 * cascaded-inference application measured, {@code quality} what each application with input-quality levels
 * measured, {@code drift} what each continual-learning application measured and {@code qos} what each QoS class
 * measured (each map empty when the scenario has no such application or class). Maps are copied in their order.
 */
public record StudyResults(PartitionMetrics partitions, Map<String, FreshnessMetrics> freshness,
                           Map<String, CascadeMetrics> cascade, Map<String, QualityMetrics> quality,
                           Map<String, DriftMetrics> drift, Map<String, QosMetrics> qos) {
    /** No study ran: no partitions, every map empty. */
    public static final StudyResults NONE = new StudyResults(null, Map.of(), Map.of(), Map.of(), Map.of(), Map.of());

    public StudyResults {
        freshness = copy(freshness);
        cascade = copy(cascade);
        quality = copy(quality);
        drift = copy(drift);
        qos = copy(qos);
    }

    private static <V> Map<String, V> copy(Map<String, V> m) {
        return Collections.unmodifiableMap(new LinkedHashMap<>(m));
    }

    /** These results with the measurements of the partitioned ({@code partial}, {@code dnn}) applications. */
    public StudyResults withPartitions(PartitionMetrics p) {
        return new StudyResults(p, freshness, cascade, quality, drift, qos);
    }

    /** These results with the Age of Information of the status-update applications. */
    public StudyResults withFreshness(Map<String, FreshnessMetrics> byApplication) {
        return new StudyResults(partitions, byApplication, cascade, quality, drift, qos);
    }

    /** These results with the measurements of the cascaded-inference applications. */
    public StudyResults withCascade(Map<String, CascadeMetrics> byApplication) {
        return new StudyResults(partitions, freshness, byApplication, quality, drift, qos);
    }

    /** These results with the measurements of the applications with input-quality levels. */
    public StudyResults withQuality(Map<String, QualityMetrics> byApplication) {
        return new StudyResults(partitions, freshness, cascade, byApplication, drift, qos);
    }

    /** These results with the measurements of the continual-learning applications. */
    public StudyResults withDrift(Map<String, DriftMetrics> byApplication) {
        return new StudyResults(partitions, freshness, cascade, quality, byApplication, qos);
    }

    /** These results with the measurements of the QoS classes. */
    public StudyResults withQos(Map<String, QosMetrics> byClass) {
        return new StudyResults(partitions, freshness, cascade, quality, drift, byClass);
    }
}
