package org.offload.metrics;

import java.util.Map;

/**
 * Everything one run measured. Task metrics cover tasks generated between the warm-up and the end of the
 * simulated duration; {@code wallTimeS} and {@code tasksPerWallSecond} are the only fields that differ between
 * two runs of the same scenario and seed. {@code partitions} is null unless the scenario has {@code partial} or
 * {@code dnn} applications.
 */
public record SimulationResult(String scenario, String policy, long seed, int devices, double simulatedTimeS,
                               double warmupS, GroupMetrics overall, Map<String, GroupMetrics> perApplication,
                               Map<String, TierMetrics> perTier, Utilization vmUtilization, double deviceEnergyTotalJ,
                               double deviceEnergyMeanPerDeviceJ, LittleLaw littleLaw, long tasksGeneratedTotal,
                               long eventsProcessed, double wallTimeS, double tasksPerWallSecond,
                               PartitionMetrics partitions) {
    /** A result without partitioned kinds ({@code partitions} null). */
    public SimulationResult(String scenario, String policy, long seed, int devices, double simulatedTimeS,
                            double warmupS, GroupMetrics overall, Map<String, GroupMetrics> perApplication,
                            Map<String, TierMetrics> perTier, Utilization vmUtilization, double deviceEnergyTotalJ,
                            double deviceEnergyMeanPerDeviceJ, LittleLaw littleLaw, long tasksGeneratedTotal,
                            long eventsProcessed, double wallTimeS, double tasksPerWallSecond) {
        this(scenario, policy, seed, devices, simulatedTimeS, warmupS, overall, perApplication, perTier,
                vmUtilization, deviceEnergyTotalJ, deviceEnergyMeanPerDeviceJ, littleLaw, tasksGeneratedTotal,
                eventsProcessed, wallTimeS, tasksPerWallSecond, null);
    }
}
