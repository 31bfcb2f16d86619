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
 * <p>The target it is trained on ({@code offload dataset --kind outcome}) is the realised cost of the decision
 * ({@link #cost(double, long, double, double)}): the task's own (2 if it failed, else its service time divided by its
 * maximum delay) plus its share of the failures of other tasks while it held server capacity.
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

    /** Cost of a failed task (a completed one costs its service time / maximum delay, at most 1). */
    public static final double FAILED = 2;

    /** The task's own realised cost: {@link #FAILED} when it failed, else service time / maximum delay. */
    public static double cost(boolean completed, double serviceTimeS, double maxDelayS) {
        return completed ? serviceTimeS / maxDelayS : FAILED;
    }

    /**
     * The realised cost of a decision: the task's own cost plus its share of the failures of other tasks while it
     * held server capacity: {@code failuresDuring x FAILED x share / capacityShare}, where {@code share} is the share
     * of one VM it claimed (0 on the device) and {@code capacityShare} the claimable share of all edge and cloud VMs.
     * Under light load nothing fails and the cost is the task's own; under load a place on a server also pays for
     * the tasks it crowded out.
     */
    public static double cost(double own, long failuresDuring, double share, double capacityShare) {
        return own + FAILED * failuresDuring * share / capacityShare;
    }
}
