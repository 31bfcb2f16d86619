package org.offload.policy.learned;

import java.util.Locale;
import java.util.SplittableRandom;

import org.offload.policy.PolicyOptionException;

/**
 * Algorithm 1, lines 6-7: how the tier classes of one task are ranked. The learned policies rank them with a tier
 * network; the ablations replace the network with a constant ranking or with the rule its labels come from, so that
 * what the network adds can be measured (policy option {@code tier}, see {@link #parse}).
 *
 * <p>The policy asks for a ranking only when two or more tier classes have a place that meets C2-C4, and takes the
 * best-ranked such class; the order of the other classes never matters.
 */
public interface TierRanking {
    /**
     * Writes the {@link TierFeatures#TIERS} tier classes into {@code rank}, best first, for the task {@code f} last
     * observed.
     */
    void rank(TierFeatures f, int[] rank);

    /** What the option value that gives this ranking is ({@code net}, {@code constant:cloud-first}, ...). */
    String spec();

    /** Whether {@link #policyLoad} must be called before each ranking (the outcome network reads it). */
    default boolean usesPolicyLoad() {
        return false;
    }

    /** The policy's own load before the next ranking: its tasks waiting in the overflow queue, the batch size. */
    default void policyLoad(int overflowWaiting, int batchSize) {
    }

    /** The values of the {@code tier} option, for messages and help. */
    String ALLOWED = "net, constant:<class>-first (class: local-edge, remote-edge, cloud, device), rule:expert, "
            + "rule:fastest or random";

    /**
     * The ranking named by a {@code tier} option value:
     * <ul>
     * <li>{@code net}: the policy's tier network {@code net}: a {@code tier-nn} ranks the classes by descending
     * output, an {@code outcome-nn} by ascending predicted cost ({@link OutcomeFeatures}); ties to the lower class;</li>
     * <li>{@code constant:X-first}: always X, then the other classes in class order (local-edge, remote-edge,
     * cloud, device);</li>
     * <li>{@code rule:expert}: the paper's expert rules ({@link ExpertLabeler}, what the {@code dl-tier} network is
     * trained to imitate), then the other classes in class order;</li>
     * <li>{@code rule:fastest}: ascending lowest estimated service time among the class's places that meet C2-C4
     * (the decision-time form of the oracle labels that {@code dl-tier-oracle}'s network imitates; the labels are
     * computed without the batch's pending claims, this rule with them);</li>
     * <li>{@code random}: a uniformly random order, drawn from the policy's stream (the exploring behaviour that
     * records the outcome network's training data).</li>
     * </ul>
     * Anything else is a {@link PolicyOptionException} naming the allowed values.
     */
    static TierRanking parse(String spec, Mlp net, SplittableRandom random) {
        String s = spec.strip().toLowerCase(Locale.ROOT);
        if (s.equals("net")) {
            return network(net);
        }
        if (s.equals("random")) {
            if (random == null) {
                throw new IllegalArgumentException("tier=random needs the policy's random stream");
            }
            return new Random(random);
        }
        if (s.equals("rule:expert")) {
            return new Expert();
        }
        if (s.equals("rule:fastest")) {
            return new Fastest();
        }
        if (s.startsWith("constant:") && s.endsWith("-first")) {
            int k = TierFeatures.TIER_NAMES.indexOf(s.substring("constant:".length(), s.length() - "-first".length()));
            if (k >= 0) {
                return new Constant(k);
            }
        }
        throw new PolicyOptionException("policy option tier: expected " + ALLOWED + ", got '" + spec + "'");
    }

    /** Ranking by the tier network {@code net}: a {@code tier-nn}'s outputs, or an {@code outcome-nn}'s costs. */
    static TierRanking network(Mlp net) {
        return net.name().equals(DlTierPolicy.OUTCOME_NN) ? new Outcome(net) : new Network(net);
    }

    /** Classes by descending score, ties to the lower class (insertion sort of {@link TierFeatures#TIERS} values). */
    static void byDescendingScore(float[] p, int[] rank) {
        for (int k = 0; k < TierFeatures.TIERS; k++) {
            int j = k;
            while (j > 0 && p[rank[j - 1]] < p[k]) {
                rank[j] = rank[j - 1];
                j--;
            }
            rank[j] = k;
        }
    }

    /** {@code first}, then the other classes in class order. */
    static void firstThenClassOrder(int first, int[] rank) {
        rank[0] = first;
        int r = 1;
        for (int k = 0; k < TierFeatures.TIERS; k++) {
            if (k != first) {
                rank[r++] = k;
            }
        }
    }

    /** The tier network: logits rank the classes as the softmax probabilities would. */
    final class Network implements TierRanking {
        private final Mlp.Runner runner;

        Network(Mlp net) {
            this.runner = net.runner();
        }

        @Override
        public void rank(TierFeatures f, int[] rank) {
            byDescendingScore(runner.scores(f.features()), rank);
        }

        @Override
        public String spec() {
            return "net";
        }
    }

    /** A fixed ranking: one class first, the others in class order. */
    final class Constant implements TierRanking {
        private final int first;

        Constant(int first) {
            this.first = first;
        }

        @Override
        public void rank(TierFeatures f, int[] rank) {
            firstThenClassOrder(first, rank);
        }

        @Override
        public String spec() {
            return "constant:" + TierFeatures.TIER_NAMES.get(first) + "-first";
        }
    }

    /** The paper's expert rules applied at decision time. */
    final class Expert implements TierRanking {
        @Override
        public void rank(TierFeatures f, int[] rank) {
            firstThenClassOrder(ExpertLabeler.label(f.features()), rank);
        }

        @Override
        public String spec() {
            return "rule:expert";
        }
    }

    /** The class whose best place has the lowest estimated service time (ties to the lower class). */
    final class Fastest implements TierRanking {
        private final double[] best = new double[TierFeatures.TIERS];

        @Override
        public void rank(TierFeatures f, int[] rank) {
            for (int k = 0; k < TierFeatures.TIERS; k++) {
                best[k] = f.bestMeetingEstimateS(k);
                int j = k;
                while (j > 0 && best[rank[j - 1]] > best[k]) {
                    rank[j] = rank[j - 1];
                    j--;
                }
                rank[j] = k;
            }
        }

        @Override
        public String spec() {
            return "rule:fastest";
        }
    }

    /**
     * The outcome network (ours, beyond the paper): the predicted realised cost of sending the task to each class
     * that meets C2-C4, lowest first; classes that do not meet them rank last.
     */
    final class Outcome implements TierRanking {
        private final Mlp.Runner runner;
        private final float[] x = new float[OutcomeFeatures.NAMES.size()];
        private final double[] cost = new double[TierFeatures.TIERS];
        private int overflowWaiting;
        private int batchSize = 1;

        Outcome(Mlp net) {
            this.runner = net.runner();
        }

        @Override
        public boolean usesPolicyLoad() {
            return true;
        }

        @Override
        public void policyLoad(int waiting, int batch) {
            overflowWaiting = waiting;
            batchSize = batch;
        }

        @Override
        public void rank(TierFeatures f, int[] rank) {
            for (int k = 0; k < TierFeatures.TIERS; k++) {
                double est = f.bestMeetingEstimateS(k);
                if (est == Double.POSITIVE_INFINITY) {
                    cost[k] = Double.POSITIVE_INFINITY;
                } else {
                    OutcomeFeatures.fill(f, k, est, overflowWaiting, batchSize, x);
                    cost[k] = runner.run(x)[0];
                }
                int j = k;
                while (j > 0 && cost[rank[j - 1]] > cost[k]) {
                    rank[j] = rank[j - 1];
                    j--;
                }
                rank[j] = k;
            }
        }

        @Override
        public String spec() {
            return "net";
        }
    }

    /** A uniformly random order (Fisher-Yates shuffle with the policy's stream). */
    final class Random implements TierRanking {
        private final SplittableRandom random;

        Random(SplittableRandom random) {
            this.random = random;
        }

        @Override
        public void rank(TierFeatures f, int[] rank) {
            for (int k = 0; k < TierFeatures.TIERS; k++) {
                rank[k] = k;
            }
            for (int k = TierFeatures.TIERS - 1; k > 0; k--) {
                int j = random.nextInt(k + 1);
                int t = rank[k];
                rank[k] = rank[j];
                rank[j] = t;
            }
        }

        @Override
        public String spec() {
            return "random";
        }
    }
}
