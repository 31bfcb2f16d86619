package org.offload.learn;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The metrics {@link Trainer} reports per epoch and its baseline: accuracy, R², top-1 choice, majority class. */
final class FitMetrics {
    private FitMetrics() {
    }

    /** Accuracy on {@code valIdx} of always answering the most frequent class of {@code trainIdx}. */
    static double majorityAccuracy(TrainingData d, int[] trainIdx, int[] valIdx, int classes) {
        int[] count = new int[classes];
        for (int i : trainIdx) {
            count[(int) d.y()[i]]++;
        }
        int major = 0;
        for (int c = 1; c < classes; c++) {
            if (count[c] > count[major]) {
                major = c;
            }
        }
        int right = 0;
        for (int i : valIdx) {
            if ((int) d.y()[i] == major) {
                right++;
            }
        }
        return valIdx.length == 0 ? Double.NaN : (double) right / valIdx.length;
    }

    /** Share of rows {@code idx} whose largest score in {@code pred} (row-major, one score per class) is their class. */
    static double accuracy(TrainingData d, int[] idx, float[] pred) {
        int k = pred.length / idx.length;
        int right = 0;
        for (int i = 0; i < idx.length; i++) {
            int best = 0;
            for (int c = 1; c < k; c++) {
                if (pred[i * k + c] > pred[i * k + best]) {
                    best = c;
                }
            }
            if (best == (int) d.y()[idx[i]]) {
                right++;
            }
        }
        return (double) right / idx.length;
    }

    /** Coefficient of determination of {@code pred} for the targets of rows {@code idx}. */
    static double r2(TrainingData d, int[] idx, float[] pred) {
        double mean = 0;
        for (int i : idx) {
            mean += d.y()[i];
        }
        mean /= idx.length;
        double res = 0;
        double tot = 0;
        for (int i = 0; i < idx.length; i++) {
            double y = d.y()[idx[i]];
            res += (y - pred[i]) * (y - pred[i]);
            tot += (y - mean) * (y - mean);
        }
        return tot > 0 ? 1 - res / tot : Double.NaN;
    }

    /**
     * Share of decisions (groups with at least two VMs whose target is positive, i.e. that admit the task) where the
     * highest predicted score among those VMs belongs to a VM with the highest target.
     */
    static double top1(TrainingData d, int[] idx, float[] pred) {
        Map<Integer, List<Integer>> byGroup = new LinkedHashMap<>();
        for (int i = 0; i < idx.length; i++) {
            if (d.y()[idx[i]] > 0) {
                byGroup.computeIfAbsent(d.group()[idx[i]], g -> new ArrayList<>()).add(i);
            }
        }
        int groups = 0;
        int right = 0;
        for (List<Integer> rows : byGroup.values()) {
            if (rows.size() < 2) {
                continue;
            }
            groups++;
            int bestPred = rows.get(0);
            float bestTarget = Float.NEGATIVE_INFINITY;
            for (int r : rows) {
                if (pred[r] > pred[bestPred]) {
                    bestPred = r;
                }
                bestTarget = Math.max(bestTarget, d.y()[idx[r]]);
            }
            if (d.y()[idx[bestPred]] >= bestTarget) {
                right++;
            }
        }
        return groups == 0 ? Double.NaN : (double) right / groups;
    }
}
