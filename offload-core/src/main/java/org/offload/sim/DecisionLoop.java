package org.offload.sim;

import org.offload.metrics.SimulationResult;
import org.offload.model.Decision;
import org.offload.model.Task;
import org.offload.policy.SystemView;

/**
 * A simulation whose decisions the caller supplies, one task at a time, on the caller's thread (inversion of
 * control for agents outside the event loop, such as a Gym-style environment). {@link #next} runs the event loop
 * until a task is generated and returns it; the loop stands still (the clock does not move, no deadline can pass)
 * until {@link #decide} acts on the answer exactly where a policy's answer would have been acted on. So a policy
 * asked through this loop gives the same results, bit for bit, as the same policy run by
 * {@link OffloadSimulation#run()}.
 *
 * <p>Supported decisions: {@link Decision#LOCAL}, placements and {@link Decision#REJECT}; {@link Decision#DEFER}
 * needs a policy the overflow queue can ask again and is refused. Outcomes of tasks reach the builder's
 * {@link org.offload.metrics.TaskListener} as they end (during {@link #next} or {@link #decide}).
 *
 * <pre>{@code
 * DecisionLoop loop = OffloadSimulation.builder(scenario).externalDecisions().build().decisionLoop();
 * for (Task t = loop.next(); t != null; t = loop.next()) {
 *     loop.decide(myAgent.decide(t, loop.view()));
 * }
 * SimulationResult result = loop.result();
 * }</pre>
 */
public final class DecisionLoop {
    private final OffloadSimulation simulation;
    private Job pending;
    private SimulationResult result;

    DecisionLoop(OffloadSimulation simulation) {
        this.simulation = simulation;
    }

    /**
     * Runs the simulation up to the next task that needs a decision and returns it, or returns null when the run
     * has ended (then {@link #result} is available).
     *
     * @throws IllegalStateException if the previous task has not been decided yet
     */
    public Task next() {
        if (pending != null) {
            throw new IllegalStateException("task " + pending.task.id() + " still waits for a decision");
        }
        if (result != null) {
            return null;
        }
        pending = simulation.runLoop();
        if (pending == null) {
            result = simulation.complete();
            return null;
        }
        return pending.task;
    }

    /** The task waiting for a decision, or null. */
    public Task pending() {
        return pending == null ? null : pending.task;
    }

    /**
     * Acts on the decision for the pending task (null counts as a rejection, as from a policy).
     *
     * @throws IllegalStateException    if no task is waiting
     * @throws IllegalArgumentException for {@link Decision#DEFER}, or a placement on a VM of another tier
     */
    public void decide(Decision d) {
        if (pending == null) {
            throw new IllegalStateException(result != null ? "the run has ended: no task waits for a decision"
                    : "no task waits for a decision: call next() first");
        }
        if (d != null && d.isDefer()) {
            throw new IllegalArgumentException("defer is not supported with outside decisions (task "
                    + pending.task.id() + "): decide local, a placement or reject");
        }
        SystemView view = simulation.view();
        if (d != null && d.isPlacement() && (d.vm() >= view.vmCount() || view.vmTier(d.vm()) != d.tier())) {
            throw new IllegalArgumentException("decision " + d + " for task " + pending.task.id() + ": VM "
                    + d.vm() + " is not a " + d.tier().key() + " VM (VMs: 0.." + (view.vmCount() - 1) + ")");
        }
        Job j = pending;
        pending = null;
        simulation.decide(j, d);
    }

    /** The system as a policy would see it now. */
    public SystemView view() {
        return simulation.view();
    }

    /** Whether the run has ended. */
    public boolean ended() {
        return result != null;
    }

    /**
     * What the run measured.
     *
     * @throws IllegalStateException before {@link #next} has returned null
     */
    public SimulationResult result() {
        if (result == null) {
            throw new IllegalStateException("the run has not ended: call next() until it returns null");
        }
        return result;
    }
}
