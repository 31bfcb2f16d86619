package org.offload.rl;

import org.offload.model.Decision;

/**
 * What {@link OffloadEnv#step} returns, as in Gymnasium: the next observation (all zeros once terminated), the
 * reward, whether the episode ended ({@code terminated}: the simulation ran to its end; {@code truncated}: the step
 * limit was reached) and the info.
 */
public record StepResult(float[] observation, double reward, boolean terminated, boolean truncated, Info info) {
    /** Whether the episode is over either way. */
    public boolean done() {
        return terminated || truncated;
    }

    /**
     * Details of the step.
     *
     * @param timeS              simulated time of the next observation (the end of the run once terminated)
     * @param decision           what the action was turned into
     * @param decided            index of the decision this step took (0 for the first decision of an episode; it
     *                           is also the task's id)
     * @param next               index of the decision the next observation asks for, or -1 once done
     * @param creditedDecisions  the decisions whose reward this step delivers (their rewards sum to {@code reward})
     * @param creditedRewards    their rewards, in the same order
     */
    public record Info(double timeS, Decision decision, long decided, long next, long[] creditedDecisions,
                       double[] creditedRewards) {
    }
}
