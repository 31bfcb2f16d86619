package org.offload.metrics;

import java.util.Map;
import java.util.Objects;

import org.offload.drift.DriftMetrics;
import org.offload.freshness.FreshnessMetrics;

/**
 * Everything one run measured. Task metrics cover tasks generated between the warm-up and the end of the
 * simulated duration; {@code wallTimeS} and {@code tasksPerWallSecond} are the only fields that differ between
 * two runs of the same scenario and seed. What the optional studies measured (partitions, freshness, cascade,
 * quality, drift, QoS classes) is grouped in {@code studies} — {@link StudyResults#NONE} for a run without any —
 * so adding a study does not add a constructor here; {@link #partitions()}, {@link #freshness()} and the other
 * study accessors read through to it.
 */
public record SimulationResult(String scenario, String policy, long seed, int devices, double simulatedTimeS,
                               double warmupS, GroupMetrics overall, Map<String, GroupMetrics> perApplication,
                               Map<String, TierMetrics> perTier, Utilization vmUtilization, double deviceEnergyTotalJ,
                               double deviceEnergyMeanPerDeviceJ, LittleLaw littleLaw, long tasksGeneratedTotal,
                               long eventsProcessed, double wallTimeS, double tasksPerWallSecond,
                               StudyResults studies) {
    public SimulationResult {
        Objects.requireNonNull(studies, "studies (use StudyResults.NONE for a run without studies)");
    }

    /** Partition measurements; null unless the scenario has {@code partial} or {@code dnn} applications. */
    public PartitionMetrics partitions() {
        return studies.partitions();
    }

    /** Age of Information per status-update application; empty without one. */
    public Map<String, FreshnessMetrics> freshness() {
        return studies.freshness();
    }

    /** Measurements per cascaded-inference application; empty without one. */
    public Map<String, CascadeMetrics> cascade() {
        return studies.cascade();
    }

    /** Measurements per application with input-quality levels; empty without one. */
    public Map<String, QualityMetrics> quality() {
        return studies.quality();
    }

    /** Measurements per continual-learning application; empty without one. */
    public Map<String, DriftMetrics> drift() {
        return studies.drift();
    }

    /** Measurements per QoS class; empty without {@code qos.classes}. */
    public Map<String, QosMetrics> qos() {
        return studies.qos();
    }

    /** This result with the Age of Information of its status-update applications. */
    public SimulationResult withFreshness(Map<String, FreshnessMetrics> byApplication) {
        return withStudies(studies.withFreshness(byApplication));
    }

    /** This result with the measurements of its cascaded-inference applications. */
    public SimulationResult withCascade(Map<String, CascadeMetrics> byApplication) {
        return withStudies(studies.withCascade(byApplication));
    }

    /** This result with the measurements of its applications with input-quality levels. */
    public SimulationResult withQuality(Map<String, QualityMetrics> byApplication) {
        return withStudies(studies.withQuality(byApplication));
    }

    /** This result with the measurements of its continual-learning applications. */
    public SimulationResult withDrift(Map<String, DriftMetrics> byApplication) {
        return withStudies(studies.withDrift(byApplication));
    }

    /** This result with the measurements of its QoS classes. */
    public SimulationResult withQos(Map<String, QosMetrics> byClass) {
        return withStudies(studies.withQos(byClass));
    }

    /** This result with the given study measurements; every other component kept. */
    public SimulationResult withStudies(StudyResults s) {
        return new SimulationResult(scenario, policy, seed, devices, simulatedTimeS, warmupS, overall, perApplication,
                perTier, vmUtilization, deviceEnergyTotalJ, deviceEnergyMeanPerDeviceJ, littleLaw, tasksGeneratedTotal,
                eventsProcessed, wallTimeS, tasksPerWallSecond, s);
    }
}
