package org.offload.scenario;

import org.offload.model.Task;
import org.offload.model.Tier;

/**
 * One application (task type). Task length and data sizes are drawn per task around their means
 * ({@code EXPONENTIAL}, as EdgeCloudSim) or used as given ({@code FIXED}). {@code vmUtilization*} is the share
 * (percent) of a VM that one task of this application claims there; a VM admits a task only while the claimed
 * shares stay within its utilisation limit. {@code model} (optional, null when absent) names the AI model the
 * application runs and its variants; the work and memory of its tasks then come from the chosen variant's demand
 * on the tier the task runs on, scaled by the task's draw around {@code lengthMi} (see {@link ModelSpec}).
 * {@code partition} (optional, null for the plain kind {@code task}) makes its tasks divisible ({@link PartitionSpec}).
 * {@code statusUpdate} (optional, null when absent) makes it a status-update application whose tasks are updates
 * of their device's source, measured by Age of Information ({@link StatusUpdateSpec}). {@code cascade} (optional,
 * null when absent) makes its edge-executed tasks cascaded inferences that may escalate to the cloud
 * ({@link CascadeSpec}). {@code drift} (optional, null when absent) gives each device running it a model whose
 * accuracy decays under drift and recovers by retraining on uploaded samples ({@link DriftSpec}).
 */
public record ApplicationSpec(String name, double usagePercent, ArrivalSpec arrival, Distribution distribution,
                              double lengthMi, double uploadKb, double downloadKb, double delaySensitivity,
                              double maxDelayS, double memoryMb, double vmUtilizationEdge,
                              double vmUtilizationCloud, double vmUtilizationLocal, ModelSpec model,
                              PartitionSpec partition, StatusUpdateSpec statusUpdate, CascadeSpec cascade,
                              DriftSpec drift) {
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

    /** An application without continual learning. */
    public ApplicationSpec(String name, double usagePercent, ArrivalSpec arrival, Distribution distribution,
                           double lengthMi, double uploadKb, double downloadKb, double delaySensitivity,
                           double maxDelayS, double memoryMb, double vmUtilizationEdge, double vmUtilizationCloud,
                           double vmUtilizationLocal, ModelSpec model, PartitionSpec partition,
                           StatusUpdateSpec statusUpdate, CascadeSpec cascade) {
        this(name, usagePercent, arrival, distribution, lengthMi, uploadKb, downloadKb, delaySensitivity, maxDelayS,
                memoryMb, vmUtilizationEdge, vmUtilizationCloud, vmUtilizationLocal, model, partition, statusUpdate,
                cascade, null);
    }

    /** An application without a cascade. */
    public ApplicationSpec(String name, double usagePercent, ArrivalSpec arrival, Distribution distribution,
                           double lengthMi, double uploadKb, double downloadKb, double delaySensitivity,
                           double maxDelayS, double memoryMb, double vmUtilizationEdge, double vmUtilizationCloud,
                           double vmUtilizationLocal, ModelSpec model, PartitionSpec partition,
                           StatusUpdateSpec statusUpdate) {
        this(name, usagePercent, arrival, distribution, lengthMi, uploadKb, downloadKb, delaySensitivity, maxDelayS,
                memoryMb, vmUtilizationEdge, vmUtilizationCloud, vmUtilizationLocal, model, partition, statusUpdate,
                null);
    }

    /** An application of the plain kind {@code task} that is not a status-update application. */
    public ApplicationSpec(String name, double usagePercent, ArrivalSpec arrival, Distribution distribution,
                           double lengthMi, double uploadKb, double downloadKb, double delaySensitivity,
                           double maxDelayS, double memoryMb, double vmUtilizationEdge, double vmUtilizationCloud,
                           double vmUtilizationLocal, ModelSpec model) {
        this(name, usagePercent, arrival, distribution, lengthMi, uploadKb, downloadKb, delaySensitivity, maxDelayS,
                memoryMb, vmUtilizationEdge, vmUtilizationCloud, vmUtilizationLocal, model, null, null);
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

    /**
     * Work (MI) a task of this application executes on {@code tier} with model variant {@code variant} (-1: the
     * default): the variant's demand there scaled by the task's draw around the application's mean length (so
     * {@code distribution: exponential} still varies it); the task's own length for an application without a model.
     */
    public double workMi(Task task, Tier tier, int variant) {
        if (!hasModel()) {
            return task.lengthMi();
        }
        return model.variant(model.variantIndex(variant)).demand().lengthMi(tier) * (task.lengthMi() / lengthMi);
    }

    /** Memory (MB) a task of this application claims on {@code tier} with {@code variant}; see {@link #workMi}. */
    public double memoryMb(Task task, Tier tier, int variant) {
        if (!hasModel()) {
            return task.memoryMb();
        }
        return model.variant(model.variantIndex(variant)).demand().memoryMb(tier);
    }

    /**
     * Input data (KB) a task of this application uploads with model variant (operating point) {@code variant}: the
     * task's own, scaled by the point's pixel share when the model has input-quality levels ({@link QualitySpec}).
     */
    public double uploadKb(Task task, int variant) {
        if (!hasModel() || model.quality() == null) {
            return task.uploadKb();
        }
        QualitySpec q = model.quality();
        return task.uploadKb() * q.pixelScale(q.levelOf(model.variantIndex(variant)));
    }

    /** True when the application's model has input-quality levels and its tasks an accuracy requirement. */
    public boolean hasQuality() {
        return hasModel() && model.quality() != null;
    }

    public ApplicationSpec withModel(ModelSpec newModel) {
        return new ApplicationSpec(name, usagePercent, arrival, distribution, lengthMi, uploadKb, downloadKb,
                delaySensitivity, maxDelayS, memoryMb, vmUtilizationEdge, vmUtilizationCloud, vmUtilizationLocal,
                newModel, partition, statusUpdate, cascade, drift);
    }

    public ApplicationSpec withStatusUpdate(StatusUpdateSpec spec) {
        return new ApplicationSpec(name, usagePercent, arrival, distribution, lengthMi, uploadKb, downloadKb,
                delaySensitivity, maxDelayS, memoryMb, vmUtilizationEdge, vmUtilizationCloud, vmUtilizationLocal,
                model, partition, spec, cascade, drift);
    }

    /** This application with cascaded inference {@code spec} (null: none). */
    public ApplicationSpec withCascade(CascadeSpec spec) {
        return new ApplicationSpec(name, usagePercent, arrival, distribution, lengthMi, uploadKb, downloadKb,
                delaySensitivity, maxDelayS, memoryMb, vmUtilizationEdge, vmUtilizationCloud, vmUtilizationLocal,
                model, partition, statusUpdate, spec, drift);
    }

    /** This application with continual learning under drift {@code spec} (null: none). */
    public ApplicationSpec withDrift(DriftSpec spec) {
        return new ApplicationSpec(name, usagePercent, arrival, distribution, lengthMi, uploadKb, downloadKb,
                delaySensitivity, maxDelayS, memoryMb, vmUtilizationEdge, vmUtilizationCloud, vmUtilizationLocal,
                model, partition, statusUpdate, cascade, spec);
    }

    /** True when the application's tasks are status updates of their device's source. */
    public boolean isStatusUpdate() {
        return statusUpdate != null;
    }

    /** This application with its tasks divisible as {@code p} (null: the plain kind {@code task}). */
    public ApplicationSpec withPartition(PartitionSpec p) {
        return new ApplicationSpec(name, usagePercent, arrival, distribution, lengthMi, uploadKb, downloadKb,
                delaySensitivity, maxDelayS, memoryMb, vmUtilizationEdge, vmUtilizationCloud, vmUtilizationLocal,
                model, p, statusUpdate, cascade, drift);
    }

    /** The application kind as the scenario file names it: {@code task}, {@code partial} or {@code dnn}. */
    public String kind() {
        return partition == null ? "task" : partition.kind();
    }
}
