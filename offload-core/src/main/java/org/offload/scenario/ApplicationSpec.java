package org.offload.scenario;

/**
 * One application (task type). Task length and data sizes are drawn per task around their means
 * ({@code EXPONENTIAL}, as EdgeCloudSim) or used as given ({@code FIXED}). {@code vmUtilization*} is the share
 * (percent) of a VM that one task of this application claims there; a VM admits a task only while the claimed
 * shares stay within its utilisation limit.
 */
public record ApplicationSpec(String name, double usagePercent, ArrivalSpec arrival, Distribution distribution,
                              double lengthMi, double uploadKb, double downloadKb, double delaySensitivity,
                              double maxDelayS, double memoryMb, double vmUtilizationEdge,
                              double vmUtilizationCloud, double vmUtilizationLocal) {
    public enum Distribution { EXPONENTIAL, FIXED }

    public ApplicationSpec {
        Check.present("name", name);
        if (name.isBlank()) {
            throw new ScenarioException("name", "must not be blank");
        }
        Check.within("usage_percent", usagePercent, 0, 100);
        Check.present("arrival", arrival);
        Check.present("distribution", distribution);
        Check.positive("task_length_mi", lengthMi);
        Check.nonNegative("upload_kb", uploadKb);
        Check.nonNegative("download_kb", downloadKb);
        Check.within("delay_sensitivity", delaySensitivity, 0, 1);
        Check.positive("max_delay_s", maxDelayS);
        Check.nonNegative("memory_mb", memoryMb);
        Check.within("vm_utilization.edge", vmUtilizationEdge, 0, 100);
        Check.within("vm_utilization.cloud", vmUtilizationCloud, 0, 100);
        Check.within("vm_utilization.local", vmUtilizationLocal, 0, 100);
    }
}
