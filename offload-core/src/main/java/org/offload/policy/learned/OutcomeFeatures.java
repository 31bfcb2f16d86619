package org.offload.policy.learned;

import java.util.ArrayList;
import java.util.List;

/**
 * Inputs of the outcome network of {@code dl-tier-outcome} (ours, beyond the paper): the network predicts the cost a
 * task will realise if it is sent to one tier class, and the policy takes the class with the lowest prediction.
 * Per (task, candidate class): the {@link TierFeatures#NAMES tier features}, the class one-hot, the class's best
 * estimated service time as a share of the time left ({@code est_share}, at most 1 since the class meets C2), and two
 * features of the policy's own load that the tier features do not show: the tasks it has deferred to the overflow
 * queue that are still waiting ({@code overflow_waiting}) and the size of the batch being decided
 * ({@code batch_size}; 1 for an overflow-queue retry).
 *
 * <p>The target it is trained on ({@code offload dataset --kind outcome}) is the realised cost of the decision:
 * 2 if the task failed, else its service time divided by its maximum delay (at most 1).
 */
public final class OutcomeFeatures {
    public static final List<String> NAMES;
    /** Index of the first class one-hot feature; {@code est_share}, {@code overflow_waiting}, {@code batch_size} follow. */
    public static final int CLASS_BASE = TierFeatures.NAMES.size();

    static {
        List<String> n = new ArrayList<>(TierFeatures.NAMES);
        for (String c : TierFeatures.TIER_NAMES) {
            n.add("class_" + c.replace('-', '_'));
        }
        n.addAll(List.of("est_share", "overflow_waiting", "batch_size"));
        NAMES = List.copyOf(n);
    }

    private OutcomeFeatures() {
    }

    /**
     * Writes the features of sending the task {@code f} last observed to class {@code k} into {@code x} (length
     * {@link #NAMES}{@code .size()}); {@code estimateS} is the class's best estimate.
     */
    public static void fill(TierFeatures f, int k, double estimateS, int overflowWaiting, int batchSize, float[] x) {
        float[] t = f.features();
        System.arraycopy(t, 0, x, 0, t.length);
        for (int c = 0; c < TierFeatures.TIERS; c++) {
            x[CLASS_BASE + c] = c == k ? 1 : 0;
        }
        double left = f.timeLeftS();
        x[CLASS_BASE + TierFeatures.TIERS] = (float) (left > 0 ? Math.min(estimateS / left, 10) : 10);
        x[CLASS_BASE + TierFeatures.TIERS + 1] = overflowWaiting;
        x[CLASS_BASE + TierFeatures.TIERS + 2] = batchSize;
    }

    /** The realised cost of a decision: 2 when the task failed, else service time / maximum delay. */
    public static double cost(boolean completed, double serviceTimeS, double maxDelayS) {
        return completed ? serviceTimeS / maxDelayS : 2;
    }
}
