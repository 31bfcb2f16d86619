package org.offload.metrics;

import org.offload.model.FailureReason;
import org.offload.model.Tier;

/**
 * One task's full history, handed to a {@link TaskListener} when it ends (the {@code --trace} file has one row
 * per record). Times are in seconds; {@code vm} is -1 for local or undecided tasks; {@code tier} is null when the
 * task failed before a tier was chosen.
 */
public record TaskRecord(long id, String app, int device, Tier tier, int vm, double createdS, double endedS,
                         double uploadS, double waitS, double processingS, double downloadS, double networkS,
                         double energyJ, boolean measured, FailureReason failure) {
    public boolean completed() {
        return failure == null;
    }

    public double serviceTimeS() {
        return endedS - createdS;
    }
}
