package org.offload.metrics;

import java.util.Map;

import org.offload.drift.DriftMetrics;
import org.offload.freshness.FreshnessMetrics;

/**
 * Everything one run measured. Task metrics cover tasks generated between the warm-up and the end of the
 * simulated duration; {@code wallTimeS} and {@code tasksPerWallSecond} are the only fields that differ between
 * two runs of the same scenario and seed. {@code partitions} is null unless the scenario has {@code partial} or
 * {@code dnn} applications; {@code freshness} holds the Age of Information of each status-update application
 * (empty when the scenario has none), {@code cascade} what each cascaded-inference application measured (empty
 * without one), {@code quality} what each application with input-quality levels measured (empty without one),
 * {@code drift} what each continual-learning application measured (empty without one),
 * {@code qos} what each QoS class measured (empty without {@code qos.classes}).
 */
public record SimulationResult(String scenario, String policy, long seed, int devices, double simulatedTimeS,
                               double warmupS, GroupMetrics overall, Map<String, GroupMetrics> perApplication,
                               Map<String, TierMetrics> perTier, Utilization vmUtilization, double deviceEnergyTotalJ,
                               double deviceEnergyMeanPerDeviceJ, LittleLaw littleLaw, long tasksGeneratedTotal,
                               long eventsProcessed, double wallTimeS, double tasksPerWallSecond,
                               PartitionMetrics partitions, Map<String, FreshnessMetrics> freshness,
                               Map<String, CascadeMetrics> cascade, Map<String, QualityMetrics> quality,
                               Map<String, DriftMetrics> drift, Map<String, QosMetrics> qos) {
    public SimulationResult {
        qos = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(qos));
        freshness = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(freshness));
        cascade = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(cascade));
        quality = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(quality));
        drift = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(drift));
    }

    /** A result without QoS classes. */
    public SimulationResult(String scenario, String policy, long seed, int devices, double simulatedTimeS,
                            double warmupS, GroupMetrics overall, Map<String, GroupMetrics> perApplication,
                            Map<String, TierMetrics> perTier, Utilization vmUtilization, double deviceEnergyTotalJ,
                            double deviceEnergyMeanPerDeviceJ, LittleLaw littleLaw, long tasksGeneratedTotal,
                            long eventsProcessed, double wallTimeS, double tasksPerWallSecond,
                            PartitionMetrics partitions, Map<String, FreshnessMetrics> freshness,
                            Map<String, CascadeMetrics> cascade, Map<String, QualityMetrics> quality,
                            Map<String, DriftMetrics> drift) {
        this(scenario, policy, seed, devices, simulatedTimeS, warmupS, overall, perApplication, perTier, vmUtilization,
                deviceEnergyTotalJ, deviceEnergyMeanPerDeviceJ, littleLaw, tasksGeneratedTotal, eventsProcessed,
                wallTimeS, tasksPerWallSecond, partitions, freshness, cascade, quality, drift, Map.of());
    }

    /** A result without continual-learning applications or QoS classes. */
    public SimulationResult(String scenario, String policy, long seed, int devices, double simulatedTimeS,
                            double warmupS, GroupMetrics overall, Map<String, GroupMetrics> perApplication,
                            Map<String, TierMetrics> perTier, Utilization vmUtilization, double deviceEnergyTotalJ,
                            double deviceEnergyMeanPerDeviceJ, LittleLaw littleLaw, long tasksGeneratedTotal,
                            long eventsProcessed, double wallTimeS, double tasksPerWallSecond,
                            PartitionMetrics partitions, Map<String, FreshnessMetrics> freshness,
                            Map<String, CascadeMetrics> cascade, Map<String, QualityMetrics> quality) {
        this(scenario, policy, seed, devices, simulatedTimeS, warmupS, overall, perApplication, perTier, vmUtilization,
                deviceEnergyTotalJ, deviceEnergyMeanPerDeviceJ, littleLaw, tasksGeneratedTotal, eventsProcessed,
                wallTimeS, tasksPerWallSecond, partitions, freshness, cascade, quality, Map.of(), Map.of());
    }

    /** A result without input-quality applications. */
    public SimulationResult(String scenario, String policy, long seed, int devices, double simulatedTimeS,
                            double warmupS, GroupMetrics overall, Map<String, GroupMetrics> perApplication,
                            Map<String, TierMetrics> perTier, Utilization vmUtilization, double deviceEnergyTotalJ,
                            double deviceEnergyMeanPerDeviceJ, LittleLaw littleLaw, long tasksGeneratedTotal,
                            long eventsProcessed, double wallTimeS, double tasksPerWallSecond,
                            PartitionMetrics partitions, Map<String, FreshnessMetrics> freshness,
                            Map<String, CascadeMetrics> cascade) {
        this(scenario, policy, seed, devices, simulatedTimeS, warmupS, overall, perApplication, perTier, vmUtilization,
                deviceEnergyTotalJ, deviceEnergyMeanPerDeviceJ, littleLaw, tasksGeneratedTotal, eventsProcessed,
                wallTimeS, tasksPerWallSecond, partitions, freshness, cascade, Map.of());
    }

    /** A result without cascaded-inference applications. */
    public SimulationResult(String scenario, String policy, long seed, int devices, double simulatedTimeS,
                            double warmupS, GroupMetrics overall, Map<String, GroupMetrics> perApplication,
                            Map<String, TierMetrics> perTier, Utilization vmUtilization, double deviceEnergyTotalJ,
                            double deviceEnergyMeanPerDeviceJ, LittleLaw littleLaw, long tasksGeneratedTotal,
                            long eventsProcessed, double wallTimeS, double tasksPerWallSecond,
                            PartitionMetrics partitions, Map<String, FreshnessMetrics> freshness) {
        this(scenario, policy, seed, devices, simulatedTimeS, warmupS, overall, perApplication, perTier, vmUtilization,
                deviceEnergyTotalJ, deviceEnergyMeanPerDeviceJ, littleLaw, tasksGeneratedTotal, eventsProcessed,
                wallTimeS, tasksPerWallSecond, partitions, freshness, Map.of());
    }

    /** A result without status-update applications. */
    public SimulationResult(String scenario, String policy, long seed, int devices, double simulatedTimeS,
                            double warmupS, GroupMetrics overall, Map<String, GroupMetrics> perApplication,
                            Map<String, TierMetrics> perTier, Utilization vmUtilization, double deviceEnergyTotalJ,
                            double deviceEnergyMeanPerDeviceJ, LittleLaw littleLaw, long tasksGeneratedTotal,
                            long eventsProcessed, double wallTimeS, double tasksPerWallSecond,
                            PartitionMetrics partitions) {
        this(scenario, policy, seed, devices, simulatedTimeS, warmupS, overall, perApplication, perTier, vmUtilization,
                deviceEnergyTotalJ, deviceEnergyMeanPerDeviceJ, littleLaw, tasksGeneratedTotal, eventsProcessed,
                wallTimeS, tasksPerWallSecond, partitions, Map.of());
    }

    /** A result without partitioned kinds ({@code partitions} null) and without status-update applications. */
    public SimulationResult(String scenario, String policy, long seed, int devices, double simulatedTimeS,
                            double warmupS, GroupMetrics overall, Map<String, GroupMetrics> perApplication,
                            Map<String, TierMetrics> perTier, Utilization vmUtilization, double deviceEnergyTotalJ,
                            double deviceEnergyMeanPerDeviceJ, LittleLaw littleLaw, long tasksGeneratedTotal,
                            long eventsProcessed, double wallTimeS, double tasksPerWallSecond) {
        this(scenario, policy, seed, devices, simulatedTimeS, warmupS, overall, perApplication, perTier, vmUtilization,
                deviceEnergyTotalJ, deviceEnergyMeanPerDeviceJ, littleLaw, tasksGeneratedTotal, eventsProcessed,
                wallTimeS, tasksPerWallSecond, null, Map.of());
    }

    /** This result with the Age of Information of its status-update applications. */
    public SimulationResult withFreshness(Map<String, FreshnessMetrics> byApplication) {
        return withStudies(byApplication, cascade, quality, drift, qos);
    }

    /** This result with the measurements of its cascaded-inference applications. */
    public SimulationResult withCascade(Map<String, CascadeMetrics> byApplication) {
        return withStudies(freshness, byApplication, quality, drift, qos);
    }

    /** This result with the measurements of its applications with input-quality levels. */
    public SimulationResult withQuality(Map<String, QualityMetrics> byApplication) {
        return withStudies(freshness, cascade, byApplication, drift, qos);
    }

    /** This result with the measurements of its continual-learning applications. */
    public SimulationResult withDrift(Map<String, DriftMetrics> byApplication) {
        return withStudies(freshness, cascade, quality, byApplication, qos);
    }

    /** This result with the measurements of its QoS classes. */
    public SimulationResult withQos(Map<String, QosMetrics> byClass) {
        return withStudies(freshness, cascade, quality, drift, byClass);
    }

    /** This result with the given per-study measurements; every other component kept. */
    private SimulationResult withStudies(Map<String, FreshnessMetrics> f, Map<String, CascadeMetrics> c,
                                         Map<String, QualityMetrics> q, Map<String, DriftMetrics> d,
                                         Map<String, QosMetrics> k) {
        return new SimulationResult(scenario, policy, seed, devices, simulatedTimeS, warmupS, overall, perApplication,
                perTier, vmUtilization, deviceEnergyTotalJ, deviceEnergyMeanPerDeviceJ, littleLaw, tasksGeneratedTotal,
                eventsProcessed, wallTimeS, tasksPerWallSecond, partitions, f, c, q, d, k);
    }
}
