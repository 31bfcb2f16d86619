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
 * ({@link OverflowQueue}). Its answers go to the life cycle's dispatch step. This is the seam where another source
 * of decisions (an agent outside the event loop) would plug in.
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

    PolicyDriver(Simulation sim, String policyName, OffloadPolicy policy, WorldView view, Dispatcher dispatcher) {
        this.policyName = policyName;
        this.policy = policy;
        this.view = view;
        this.dispatcher = dispatcher;
        double windowS = policy.batchWindowS();
        if (!(windowS >= 0)) {
            throw new IllegalArgumentException("policy " + policyName + " has a negative batch window");
        }
        this.batchWindow = windowS > 0 ? new BatchWindow(sim, windowS, this::decideBatch) : null;
    }

    /** A new task: decided now, or when its batch window closes. */
    void submit(Job job) {
        if (batchWindow != null) {
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
        policy.onTaskEnded(outcome);
    }
}
