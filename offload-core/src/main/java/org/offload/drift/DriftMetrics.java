package org.offload.drift;

import java.util.Map;

/**
 * What one continual-learning application measured ({@link org.offload.scenario.DriftSpec}). Accuracies: the mean
 * over its devices' models at each point of the time series in the measured window [warm-up, duration]
 * ({@code accuracyMean} their average, {@code accuracyMin} the lowest), at the end of the duration
 * ({@code accuracyFinal}), and of the model that answered each measured inference task that completed
 * ({@code taskAccuracyMean}, at the task's end). Samples are those collected by tasks generated in the window;
 * uploads, energies and retraining jobs those started in it: {@code retrainJobs} = {@code retrainCompleted} +
 * Σ {@code retrainFailed} + {@code retrainUnfinished}. {@code retrainMi} is the work the servers did for them
 * (aborted jobs' partial work included), {@code retrainProcessingS} and {@code retrainWaitS} their summed seconds
 * executing and waiting there. {@code usefulLearnt} is the knowledge the completed jobs added (useful samples, after
 * drift and the meta factor). NaN where a mean has no data.
 */
public record DriftMetrics(int devices, String uploadPolicy, double accuracyMean, double accuracyMin,
                           double accuracyFinal, double taskAccuracyMean, long tasksScored, long samplesCollected,
                           long samplesUploaded, long samplesDropped, double usefulLearnt, double uploadKb,
                           double uploadEnergyJ, double modelKb, double downloadEnergyJ, long retrainJobs,
                           long retrainCompleted, Map<String, Long> retrainFailed, long retrainUnfinished,
                           double retrainMi, double retrainProcessingS, double retrainWaitS, DriftSeries series) {
    public DriftMetrics {
        retrainFailed = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(retrainFailed));
    }

    /** Device energy spent on continual learning: sample uploads plus model downloads (J). */
    public double energyJ() {
        return uploadEnergyJ + downloadEnergyJ;
    }
}
