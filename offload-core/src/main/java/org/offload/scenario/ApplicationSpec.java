package org.offload.scenario;

/**
 * One application (task type). Task length and data sizes are drawn per task around their means
 * ({@code EXPONENTIAL}, as EdgeCloudSim) or used as given ({@code FIXED}). {@code vmUtilization*} is the share
 * (percent) of a VM that one task of this application claims there; a VM admits a task only while the claimed
 * shares stay within its utilisation limit. {@code model} (optional, null when absent) names the AI model the
 * application runs and its variants; the work and memory of its tasks then come from the chosen variant's demand
 * on the tier the task runs on, scaled by the task's draw around {@code lengthMi} (see {@link ModelSpec}).
 */
public record ApplicationSpec(String name, double usagePercent, ArrivalSpec arrival, Distribution distribution,
                              double lengthMi, double uploadKb, double downloadKb, double delaySensitivity,
                              double maxDelayS, double memoryMb, double vmUtilizationEdge,
                              double vmUtilizationCloud, double vmUtilizationLocal, ModelSpec model) {
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

    /** An application without an AI model. */
    public ApplicationSpec(String name, double usagePercent, ArrivalSpec arrival, Distribution distribution,
                           double lengthMi, double uploadKb, double downloadKb, double delaySensitivity,
                           double maxDelayS, double memoryMb, double vmUtilizationEdge, double vmUtilizationCloud,
                           double vmUtilizationLocal) {
        this(name, usagePercent, arrival, distribution, lengthMi, uploadKb, downloadKb, delaySensitivity, maxDelayS,
                memoryMb, vmUtilizationEdge, vmUtilizationCloud, vmUtilizationLocal, null);
    }

    /** True when the application names an AI model with resolved demands. */
    public boolean hasModel() {
        return model != null && model.resolved();
    }

    public ApplicationSpec withModel(ModelSpec newModel) {
        return new ApplicationSpec(name, usagePercent, arrival, distribution, lengthMi, uploadKb, downloadKb,
                delaySensitivity, maxDelayS, memoryMb, vmUtilizationEdge, vmUtilizationCloud, vmUtilizationLocal,
                newModel);
    }
}
