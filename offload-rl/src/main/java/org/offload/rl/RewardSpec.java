package org.offload.rl;

import java.util.Locale;

/**
 * How {@link OffloadEnv} rewards a decision.
 *
 * <p>{@link Mode#OUTCOME} (default): the decided task's own outcome, known only when the task ends: completed,
 * {@code -serviceTime / maxDelay} (in [-1, 0]: a task later than its maximum delay fails with {@code deadline});
 * failed for any reason (deadline, capacity, congestion, rejected, ...), {@code -failurePenalty}; in both cases minus
 * {@code energyWeight x} the device energy the task cost (J). The reward is delivered by the {@code step} during
 * which the task ends, and the step's info names the decision it belongs to (see {@link OffloadEnv}).
 *
 * <p>{@link Mode#ESTIMATE}: the reward many papers use, computed at the decision from the simulator's own estimate
 * of the chosen place's service time ({@link org.offload.policy.SystemView#estimateServiceTimeS}):
 * {@code -estimate / maxDelay} when the estimate meets the maximum delay, else {@code -failurePenalty}
 * ({@code reject}: {@code -failurePenalty}); energy is not estimated. It is returned by the same step that took the
 * decision.
 */
public record RewardSpec(Mode mode, double failurePenalty, double energyWeight) {
    /** When and from what the reward is computed. */
    public enum Mode { OUTCOME, ESTIMATE }

    /** Default: outcome reward, failure penalty 2 (worse than any completion, which costs at most 1), no energy. */
    public static final RewardSpec DEFAULT = new RewardSpec(Mode.OUTCOME, 2, 0);

    public RewardSpec {
        if (mode == null) {
            throw new IllegalArgumentException("reward mode: expected outcome or estimate");
        }
        if (!(failurePenalty >= 0) || !Double.isFinite(failurePenalty)) {
            throw new IllegalArgumentException("failure penalty must be a finite number >= 0, got " + failurePenalty);
        }
        if (!(energyWeight >= 0) || !Double.isFinite(energyWeight)) {
            throw new IllegalArgumentException("energy weight must be a finite number >= 0, got " + energyWeight);
        }
    }

    /** The mode named {@code outcome} or {@code estimate}. */
    public static Mode mode(String s) {
        return switch (s.strip().toLowerCase(Locale.ROOT)) {
            case "outcome" -> Mode.OUTCOME;
            case "estimate" -> Mode.ESTIMATE;
            default -> throw new IllegalArgumentException("reward: expected outcome or estimate, got '" + s + "'");
        };
    }

    /** Outcome reward of a task that took {@code serviceTimeS} of its {@code maxDelayS}, failed or not. */
    public double outcome(double serviceTimeS, double maxDelayS, boolean failed, double energyJ) {
        double r = failed ? -failurePenalty : -serviceTimeS / maxDelayS;
        return r - energyWeight * energyJ;
    }

    /** Estimate-at-decision reward; {@code estimateS} infinite or NaN (no estimate, or reject) counts as a miss. */
    public double estimate(double estimateS, double maxDelayS) {
        return estimateS <= maxDelayS ? -estimateS / maxDelayS : -failurePenalty;
    }

    public RewardSpec withMode(Mode m) {
        return new RewardSpec(m, failurePenalty, energyWeight);
    }
}
