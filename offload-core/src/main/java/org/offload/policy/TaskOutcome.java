package org.offload.policy;

import org.offload.model.Decision;
import org.offload.model.FailureReason;
import org.offload.model.Task;

/** How a task ended: the decision taken, the time it took (s) and, if it failed, why. */
public record TaskOutcome(Task task, Decision decision, double serviceTimeS, FailureReason failure) {
    public boolean completed() {
        return failure == null;
    }
}
