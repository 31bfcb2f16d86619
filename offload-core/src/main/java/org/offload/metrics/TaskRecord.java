package org.offload.metrics;

import java.util.List;
import org.offload.model.FailureReason;
import org.offload.model.Tier;

/**
 * One task's full history, handed to a {@link TaskListener} when it ends (the {@code --trace} file has one row
 * per record). Times are in seconds; {@code vm} is -1 for local or undecided tasks; {@code tier} is null when the
 * task failed before a tier was chosen. {@code decisionS} is the time from creation until the policy's placement
 * (or rejection) was acted on: the wait for a batch decision and in the overflow queue of a batch policy, 0 for a
 * policy that decides at once; for a task that ended undecided, its whole life. It is part of the service time
 * and of neither the network nor the processing delay. {@code escalation} says why a cascaded-inference task went
 * on to the cloud model after its edge answer ({@code vm} is then the cloud VM that answered, {@code tier} stays the
 * policy's {@code edge}), null when it did not. {@code parts} are the device's and the VM's parts of a task the
 * policy divided ({@code partial} or {@code dnn}, issue 19), empty for a task run whole.
 */
public record TaskRecord(long id, String app, int device, Tier tier, int vm, double createdS, double endedS,
                         double decisionS, double uploadS, double waitS, double processingS, double downloadS, double networkS,
                         double energyJ, boolean measured, FailureReason failure, String escalation,
                         List<PartRecord> parts) {
    public TaskRecord {
        parts = List.copyOf(parts);
    }

    /** A record of a task run whole. */
    public TaskRecord(long id, String app, int device, Tier tier, int vm, double createdS, double endedS,
                      double decisionS, double uploadS, double waitS, double processingS, double downloadS,
                      double networkS, double energyJ, boolean measured, FailureReason failure, String escalation) {
        this(id, app, device, tier, vm, createdS, endedS, decisionS, uploadS, waitS, processingS, downloadS, networkS,
                energyJ, measured, failure, escalation, List.of());
    }

    /** A record of a task that did not escalate. */
    public TaskRecord(long id, String app, int device, Tier tier, int vm, double createdS, double endedS,
                      double decisionS, double uploadS, double waitS, double processingS, double downloadS,
                      double networkS, double energyJ, boolean measured, FailureReason failure) {
        this(id, app, device, tier, vm, createdS, endedS, decisionS, uploadS, waitS, processingS, downloadS, networkS,
                energyJ, measured, failure, null);
    }

    public boolean completed() {
        return failure == null;
    }

    public double serviceTimeS() {
        return endedS - createdS;
    }
}
