package org.offload.policy;

import org.offload.model.Decision;
import org.offload.model.Task;

/**
 * Decides where each task runs. Called once per task, at generation, with a read-only view of the system.
 * Implementations may keep state (learning policies do) but must take any randomness from the
 * {@link PolicyContext} they were built with, so runs stay reproducible.
 */
@FunctionalInterface
public interface OffloadPolicy {
    Decision decide(Task task, SystemView view);

    /** Called when a task this policy placed has ended; learning policies use it, the default ignores it. */
    default void onTaskEnded(TaskOutcome outcome) {
    }
}
