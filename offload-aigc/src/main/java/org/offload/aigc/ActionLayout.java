package org.offload.aigc;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * How a learning agent's outputs for one device map to an {@link AigcAction}: three discrete choices, each a
 * segment of scores (logits) — the target (J edge servers, then the cloud), the offloading ratio (one of
 * {@code ratioLevels} levels evenly spaced in [0, 1], 0 meaning "run the task locally") and, when the agent
 * decides downloads, the download bit (no, yes). Agents without a download segment use {@code fixedDownload}.
 * Sampling a segment is Gumbel-max (a sample of the softmax of its scores), optionally replaced by a uniformly
 * random choice with probability epsilon.
 */
public record ActionLayout(int servers, int ratioLevels, boolean downloadHead, boolean fixedDownload) {
    public ActionLayout {
        if (servers < 1 || ratioLevels < 2) {
            throw new IllegalArgumentException("need >= 1 server and >= 2 ratio levels");
        }
    }

    public int targets() {
        return servers + 1;
    }

    /** Scores per device. */
    public int size() {
        return targets() + ratioLevels + (downloadHead ? 2 : 0);
    }

    /** {@code {start, end}} of each segment within a device's scores. */
    public int[][] segments() {
        int r = targets() + ratioLevels;
        return downloadHead ? new int[][] {{0, targets()}, {targets(), r}, {r, r + 2}}
                : new int[][] {{0, targets()}, {targets(), r}};
    }

    /** The offloading ratio of level {@code k}. */
    public double ratio(int k) {
        return k / (double) (ratioLevels - 1);
    }

    /** Output names for one device, prefixed by {@code prefix}. */
    public List<String> names(String prefix) {
        List<String> n = new ArrayList<>();
        for (int j = 0; j < servers; j++) {
            n.add(prefix + "edge_" + j);
        }
        n.add(prefix + "cloud");
        for (int k = 0; k < ratioLevels; k++) {
            n.add(prefix + "ratio_" + k);
        }
        if (downloadHead) {
            n.add(prefix + "download_no");
            n.add(prefix + "download_yes");
        }
        return n;
    }

    /** The action whose choices are the argmax of each segment of {@code scores} from {@code off}. */
    public AigcAction decode(float[] scores, int off) {
        int[][] seg = segments();
        int target = argmax(scores, off + seg[0][0], off + seg[0][1]);
        int level = argmax(scores, off + seg[1][0], off + seg[1][1]);
        boolean download = downloadHead ? argmax(scores, off + seg[2][0], off + seg[2][1]) == 1 : fixedDownload;
        return new AigcAction(target, ratio(level), download);
    }

    /** Writes {@code a} as one-hot segments into {@code out} from {@code off} (ratio: the nearest level). */
    public void encode(AigcAction a, float[] out, int off) {
        int[][] seg = segments();
        java.util.Arrays.fill(out, off, off + size(), 0f);
        out[off + seg[0][0] + a.target()] = 1;
        out[off + seg[1][0] + (int) Math.round(a.ratio() * (ratioLevels - 1))] = 1;
        if (downloadHead) {
            out[off + seg[2][0] + (a.download() ? 1 : 0)] = 1;
        }
    }

    /**
     * Samples one-hot choices from a device's scores into {@code out} (same offsets): per segment, with probability
     * {@code epsilon} a uniformly random choice, else Gumbel-max. {@code scores} may be null for uniformly random
     * choices (the warm-up).
     */
    public void sample(float[] scores, int off, double epsilon, SplittableRandom random, float[] out, int outOff) {
        for (int[] seg : segments()) {
            int width = seg[1] - seg[0];
            int choice;
            if (scores == null || (epsilon > 0 && random.nextDouble() < epsilon)) {
                choice = random.nextInt(width);
            } else {
                choice = 0;
                double best = Double.NEGATIVE_INFINITY;
                for (int k = 0; k < width; k++) {
                    double u = Math.max(random.nextDouble(), 1e-12);
                    double z = scores[off + seg[0] + k] - Math.log(-Math.log(u));
                    if (z > best) {
                        best = z;
                        choice = k;
                    }
                }
            }
            for (int k = 0; k < width; k++) {
                out[outOff + seg[0] + k] = k == choice ? 1 : 0;
            }
        }
    }

    private static int argmax(float[] a, int from, int to) {
        int best = from;
        for (int k = from + 1; k < to; k++) {
            if (a[k] > a[best]) {
                best = k;
            }
        }
        return best - from;
    }
}
