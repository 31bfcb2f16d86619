package org.offload.policy.learned;

/**
 * The paper's expert rules (seed 003, Section IV-A) on a vector of {@link TierFeatures tier features}: the labels
 * the shipped {@code dl-tier} network is trained on ({@code offload dataset}, column {@code expert}) and the rule
 * that replaces that network in the {@code tier=rule:expert} ablation.
 * <ul>
 * <li>local edge if Ts &gt; 0.7 and L &lt; 10 GI and U0 &lt; 0.6;</li>
 * <li>remote edge if 0.3 &le; Ts &le; 0.7 and 10 &le; L &le; 30 GI and BW1 &gt; 50 Mbit/s;</li>
 * <li>cloud if Ts &lt; 0.3 or L &gt; 30 GI.</li>
 * </ul>
 * The three rules never overlap but leave tasks uncovered (for example Table I's Health tasks, Ts = 0.7 and
 * L = 3 GI, or any task while the local edge is busy). Those get the nearest tier whose resource condition from
 * the rules holds: local edge if U0 &lt; 0.6, else remote edge if BW1 &gt; 50 Mbit/s, else cloud. The rules never
 * choose the device (the paper has no such tier).
 */
public final class ExpertLabeler {
    /** Thresholds of the rules. */
    public static final double TS_HIGH = 0.7;
    public static final double TS_LOW = 0.3;
    public static final double L_SMALL_GI = 10;
    public static final double L_LARGE_GI = 30;
    public static final double U0_MAX = 0.6;
    public static final double BW1_MIN_MBPS = 50;

    /** Feature indices the rules read. */
    public static final int F_LENGTH_GI = 0;
    public static final int F_DELAY_SENSITIVITY = 3;
    public static final int F_U_LOCAL_EDGE = 6;
    public static final int F_BW_REMOTE_EDGE = 14;

    private ExpertLabeler() {
    }

    /** The expert label (a tier class of {@link TierFeatures}) of tier features {@code f}. */
    public static int label(float[] f) {
        if (ruleLocalEdge(f)) {
            return TierFeatures.LOCAL_EDGE;
        }
        if (ruleRemoteEdge(f)) {
            return TierFeatures.REMOTE_EDGE;
        }
        if (ruleCloud(f)) {
            return TierFeatures.CLOUD;
        }
        return fallback(f);
    }

    /** Whether one of the three rules covers {@code f} (otherwise {@link #label} used the fallback). */
    public static boolean covered(float[] f) {
        return ruleLocalEdge(f) || ruleRemoteEdge(f) || ruleCloud(f);
    }

    // Features are floats: thresholds are compared as floats so that Ts = 0.7 is exactly 0.7.
    private static boolean ruleLocalEdge(float[] f) {
        return f[F_DELAY_SENSITIVITY] > (float) TS_HIGH && f[F_LENGTH_GI] < (float) L_SMALL_GI
                && f[F_U_LOCAL_EDGE] < (float) U0_MAX;
    }

    private static boolean ruleRemoteEdge(float[] f) {
        float ts = f[F_DELAY_SENSITIVITY];
        float l = f[F_LENGTH_GI];
        return ts >= (float) TS_LOW && ts <= (float) TS_HIGH && l >= (float) L_SMALL_GI && l <= (float) L_LARGE_GI
                && f[F_BW_REMOTE_EDGE] > (float) BW1_MIN_MBPS;
    }

    private static boolean ruleCloud(float[] f) {
        return f[F_DELAY_SENSITIVITY] < (float) TS_LOW || f[F_LENGTH_GI] > (float) L_LARGE_GI;
    }

    private static int fallback(float[] f) {
        if (f[F_U_LOCAL_EDGE] < (float) U0_MAX) {
            return TierFeatures.LOCAL_EDGE;
        }
        return f[F_BW_REMOTE_EDGE] > (float) BW1_MIN_MBPS ? TierFeatures.REMOTE_EDGE : TierFeatures.CLOUD;
    }
}
