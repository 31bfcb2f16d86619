package org.offload.policy;

import java.util.List;

import org.offload.model.Decision;
import org.offload.model.Task;

/**
 * A policy that passes every call to another one: the base for decorators (see
 * {@code SimulationBuilder.decorate}) that time, log or record decisions and override only what they
 * observe. Forwarding {@link #batchWindowS} and {@link #decideBatch} keeps a batch policy a batch policy.
 */
public abstract class ForwardingPolicy implements OffloadPolicy {
    private final OffloadPolicy delegate;

    protected ForwardingPolicy(OffloadPolicy delegate) {
        this.delegate = delegate;
    }

    protected OffloadPolicy delegate() {
        return delegate;
    }

    @Override
    public Decision decide(Task task, SystemView view) {
        return delegate.decide(task, view);
    }

    @Override
    public double batchWindowS() {
        return delegate.batchWindowS();
    }

    @Override
    public List<Decision> decideBatch(List<Task> tasks, SystemView view) {
        return delegate.decideBatch(tasks, view);
    }

    @Override
    public void onTaskEnded(TaskOutcome outcome) {
        delegate.onTaskEnded(outcome);
    }
}
