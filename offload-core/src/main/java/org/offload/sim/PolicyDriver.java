package org.offload.sim;

import java.util.ArrayList;
import java.util.List;

import org.offload.engine.Simulation;
import org.offload.model.Decision;
import org.offload.model.Task;
import org.offload.policy.OffloadPolicy;
import org.offload.world.WorldView;
import org.offload.policy.TaskOutcome;

/**
 * When and how the policy is asked: each new task at once, or the tasks of each batch window together
 * ({@link BatchWindow}), and deferred tasks again, oldest first, whenever capacity is released
 * ({@link OverflowQueue}). Its answers go to the life cycle's dispatch step.
 *
 * <p>Without a policy the decisions come from outside the event loop ({@link DecisionLoop}): a new task is kept
 * as the pending one and the loop is stopped after the current event (the task's arrival, whose last action this
 * is), so the caller's decision is dispatched at the same point of the event sequence as a policy's would be.
 */
final class PolicyDriver implements OverflowQueue.Decider {
    /** The life cycle's step that acts on a decision. */
    @FunctionalInterface
    interface Dispatcher {
        void dispatch(Job job, Decision decision);
    }

    private final String policyName;
    private final OffloadPolicy policy;
    private final WorldView view;
    private final Dispatcher dispatcher;
    private final BatchWindow batchWindow;
    private final OverflowQueue overflow = new OverflowQueue(this);
    private final Simulation sim;
    /** The task waiting for an outside decision, or null (always null with a policy). */
    private Job pending;

    /** {@code policy} null: decisions are supplied from outside ({@link #takePending}). */
    PolicyDriver(Simulation sim, String policyName, OffloadPolicy policy, WorldView view, Dispatcher dispatcher) {
        this.policyName = policyName;
        this.policy = policy;
        this.view = view;
        this.dispatcher = dispatcher;
        this.sim = sim;
        double windowS = policy == null ? 0 : policy.batchWindowS();
        if (!(windowS >= 0)) {
            throw new IllegalArgumentException("policy " + policyName + " has a negative batch window");
        }
        this.batchWindow = windowS > 0 ? new BatchWindow(sim, windowS, this::decideBatch) : null;
    }

    /** A new task: decided now, or when its batch window closes. */
    void submit(Job job) {
        if (policy == null) {
            pending = job;
            sim.stop();
        } else if (batchWindow != null) {
            batchWindow.add(job);
        } else {
            dispatcher.dispatch(job, decide(job));
        }
    }

    @Override
    public Decision decide(Job job) {
        return policy.decide(job.task, view);
    }

    @Override
    public void dispatch(Job job, Decision decision) {
        dispatcher.dispatch(job, decision);
    }

    private void decideBatch(List<Job> jobs) {
        List<Task> tasks = new ArrayList<>(jobs.size());
        for (Job j : jobs) {
            tasks.add(j.task);
        }
        List<Decision> decisions = policy.decideBatch(tasks, view);
        if (decisions.size() != tasks.size()) {
            throw new IllegalStateException("policy " + policyName + " returned " + decisions.size()
                    + " decisions for a batch of " + tasks.size());
        }
        for (int i = 0; i < jobs.size(); i++) {
            if (!jobs.get(i).ended) {
                dispatcher.dispatch(jobs.get(i), decisions.get(i));
            }
        }
    }

    /** The policy deferred the job: it waits in the overflow queue. */
    void defer(Job job) {
        overflow.defer(job);
    }

    /** A task released capacity: deferred tasks are asked about again. */
    void capacityReleased() {
        overflow.capacityReleased();
    }

    void taskEnded(TaskOutcome outcome) {
        if (policy != null) {
            policy.onTaskEnded(outcome);
        }
    }

    /** Whether decisions are supplied from outside the event loop (no policy). */
    boolean external() {
        return policy == null;
    }

    /** The task waiting for an outside decision (null if none), which is no longer pending after this call. */
    Job takePending() {
        Job j = pending;
        pending = null;
        return j;
    }
}
