package org.offload.metrics;

import java.util.Map;

/**
 * Everything one run measured. Task metrics cover tasks generated between the warm-up and the end of the
 * simulated duration; {@code wallTimeS} and {@code tasksPerWallSecond} are the only fields that differ between
 * two runs of the same scenario and seed.
 */
public record SimulationResult(String scenario, String policy, long seed, int devices, double simulatedTimeS,
                               double warmupS, GroupMetrics overall, Map<String, GroupMetrics> perApplication,
                               Map<String, TierMetrics> perTier, Utilization vmUtilization, double deviceEnergyTotalJ,
                               double deviceEnergyMeanPerDeviceJ, LittleLaw littleLaw, long tasksGeneratedTotal,
                               long eventsProcessed, double wallTimeS, double tasksPerWallSecond) {
}
