package org.offload.policy;

import java.util.ArrayList;
import java.util.List;

import org.offload.model.Decision;
import org.offload.model.Task;

/**
 * Decides where each task runs. Called once per task, at generation, with a read-only view of the system;
 * a policy with a {@link #batchWindowS() batch window} instead receives the tasks generated within each window
 * together. Implementations may keep state (learning policies do) but must take any randomness from the
 * {@link PolicyContext} they were built with, so runs stay reproducible.
 */
@FunctionalInterface
public interface OffloadPolicy {
    Decision decide(Task task, SystemView view);

    /**
     * Seconds over which tasks are collected and decided together by {@link #decideBatch}; 0 (the default)
     * decides each task as it is generated.
     */
    default double batchWindowS() {
        return 0;
    }

    /**
     * Decides a batch of tasks, returning one decision per task in the same order. The default decides them one
     * by one in generation order; batch policies override it (for example to order tasks by urgency).
     */
    default List<Decision> decideBatch(List<Task> tasks, SystemView view) {
        List<Decision> out = new ArrayList<>(tasks.size());
        for (Task t : tasks) {
            out.add(decide(t, view));
        }
        return out;
    }

    /** Called when a task this policy placed has ended; learning policies use it, the default ignores it. */
    default void onTaskEnded(TaskOutcome outcome) {
    }
}
