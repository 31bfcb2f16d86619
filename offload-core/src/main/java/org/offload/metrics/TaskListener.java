package org.offload.metrics;

/** Observes every task as it ends; attach one to write a trace or compute extra metrics. */
@FunctionalInterface
public interface TaskListener {
    void onTaskEnded(TaskRecord record);
}
