package org.offload.policy.fuzzy;

import java.util.Arrays;

/**
 * A Mamdani fuzzy inference system with FCL/jFuzzyLogic semantics: rule strength = MIN of its antecedents'
 * memberships (AND = MIN), each output term clipped at the strength of its strongest rule (ACT = MIN, ACCU =
 * MAX), the aggregate sampled on a fixed grid over the output universe and reduced by a {@link Defuzzifier};
 * the default value (0) when no rule fires.
 *
 * <p>Rules come from compact tables ({@link FuzzySystemBuilder#table}) or one by one ({@link FuzzySystemBuilder#rule}). The system is
 * immutable and may be shared; evaluation goes through an {@link Evaluator}, which owns its scratch arrays so
 * that evaluating allocates nothing. The output grid, each output term sampled on it, its support and running
 * maximum are computed once here; an evaluation then hands the defuzzifier the aggregate lazily, so the leftmost
 * maximum is a binary search (same result as scanning the grid) and the centroid a sum over the fired terms'
 * support.
 */
public final class FuzzySystem {
    /** Antecedent entry of an input the rule does not test. */
    public static final int ANY = -1;

    private final String name;
    private final LinguisticVariable[] inputs;
    private final LinguisticVariable output;
    private final Defuzzifier defuzzifier;
    private final double defaultValue;
    /** Rule r tests input i against term {@code antecedents[r * inputs.length + i]} ({@link #ANY}: not at all). */
    private final int[] antecedents;
    private final int[] consequents;
    private final double[] xs;
    /** {@code samples[t][k]}: membership of {@code xs[k]} in output term t. */
    private final double[][] samples;
    /** Every non-zero sample of output term t lies in {@code [supportFrom[t], supportTo[t])}. */
    private final int[] supportFrom;
    private final int[] supportTo;
    /** Largest sample of output term t. */
    private final double[] peaks;
    /** {@code runningMax[t][k]}: largest of {@code samples[t][0 .. k]}; non-decreasing, for binary search. */
    private final double[][] runningMax;

    FuzzySystem(FuzzySystemBuilder b) {
        this.name = b.name;
        this.inputs = b.inputs.toArray(new LinguisticVariable[0]);
        this.output = b.output;
        this.defuzzifier = b.defuzzifier;
        this.defaultValue = b.defaultValue;
        int n = inputs.length;
        int rules = b.consequents.size();
        this.antecedents = new int[rules * n];
        this.consequents = new int[rules];
        for (int r = 0; r < rules; r++) {
            System.arraycopy(b.antecedents.get(r), 0, antecedents, r * n, n);
            consequents[r] = b.consequents.get(r);
        }
        this.xs = new double[b.steps + 1];
        for (int k = 0; k <= b.steps; k++) {
            // min + width * k / steps rather than accumulating a step: grid points such as 30 come out exact
            xs[k] = b.min + (b.max - b.min) * k / b.steps;
        }
        int terms = output.termCount();
        this.samples = new double[terms][xs.length];
        this.supportFrom = new int[terms];
        this.supportTo = new int[terms];
        this.peaks = new double[terms];
        this.runningMax = new double[terms][xs.length];
        for (int t = 0; t < terms; t++) {
            supportFrom[t] = xs.length;
            for (int k = 0; k < xs.length; k++) {
                double m = output.membership(t, xs[k]);
                samples[t][k] = m;
                runningMax[t][k] = k == 0 ? m : Math.max(m, runningMax[t][k - 1]);
                if (m > 0) {
                    supportFrom[t] = Math.min(supportFrom[t], k);
                    supportTo[t] = k + 1;
                    peaks[t] = Math.max(peaks[t], m);
                }
            }
        }
    }

    public static FuzzySystemBuilder builder(String name) {
        return new FuzzySystemBuilder(name);
    }

    public String name() {
        return name;
    }

    public int inputCount() {
        return inputs.length;
    }

    public LinguisticVariable input(int i) {
        return inputs[i];
    }

    public LinguisticVariable output() {
        return output;
    }

    public Defuzzifier defuzzifier() {
        return defuzzifier;
    }

    public int ruleCount() {
        return consequents.length;
    }

    /** Term index input {@code i} must have in rule {@code r}, or {@link #ANY}. */
    public int antecedent(int r, int i) {
        return antecedents[r * inputs.length + i];
    }

    /** Output term index of rule {@code r}. */
    public int consequent(int r) {
        return consequents[r];
    }

    /** Index of the rule with exactly these antecedent terms, or -1. */
    public int findRule(int... antecedentTerms) {
        int n = inputs.length;
        outer:
        for (int r = 0; r < consequents.length; r++) {
            for (int i = 0; i < n; i++) {
                if (antecedents[r * n + i] != antecedentTerms[i]) {
                    continue outer;
                }
            }
            return r;
        }
        return -1;
    }

    /** Rule {@code r} in FCL form: {@code IF a IS low AND b IS high THEN out IS cloud}. */
    public String describeRule(int r) {
        StringBuilder sb = new StringBuilder("IF ");
        boolean first = true;
        for (int i = 0; i < inputs.length; i++) {
            int t = antecedent(r, i);
            if (t != ANY) {
                sb.append(first ? "" : " AND ").append(inputs[i].name()).append(" IS ")
                        .append(inputs[i].term(t).name());
                first = false;
            }
        }
        return sb.append(" THEN ").append(output.name()).append(" IS ").append(output.term(consequents[r]).name())
                .toString();
    }

    /** A new evaluator with its own scratch space. */
    public Evaluator evaluator() {
        return new Evaluator();
    }

    @Override
    public String toString() {
        return name + " (" + inputs.length + " inputs, " + consequents.length + " rules, " + defuzzifier + ")";
    }

    /**
     * Evaluates the system. Not thread-safe (it reuses its arrays); give each thread, or each policy instance,
     * its own. No method allocates.
     */
    public final class Evaluator {
        private final double[][] memberships = new double[inputs.length][];
        private final double[] strengths = new double[output.termCount()];
        /** Output terms with a positive strength in this evaluation, {@code fired[0 .. firedCount - 1]}. */
        private final int[] fired = new int[output.termCount()];
        private int firedCount;
        private int from;
        private int to;
        private double max;
        private final double[] in = new double[inputs.length];
        /** The aggregate on the grid once {@link Defuzzifier.Aggregate#samples()} asked for it. */
        private final double[] sampled = new double[xs.length];
        private boolean isSampled;
        private final Defuzzifier.Aggregate aggregate = new Defuzzifier.Aggregate() {
            @Override
            public int from() {
                return from;
            }

            @Override
            public int to() {
                return to;
            }

            @Override
            public double x(int k) {
                return xs[k];
            }

            @Override
            public double mu(int k) {
                double m = 0;
                for (int j = 0; j < firedCount; j++) {
                    int t = fired[j];
                    double s = samples[t][k];
                    double a = strengths[t];
                    double v = s < a ? s : a;
                    if (v > m) {
                        m = v;
                    }
                }
                return m;
            }

            @Override
            public double max() {
                return max;
            }

            @Override
            public double[] xs() {
                return xs;
            }

            @Override
            public double[] samples() {
                if (!isSampled) {
                    double[] agg = sampled;
                    Arrays.fill(agg, from, to, 0);
                    for (int j = 0; j < firedCount; j++) {
                        int t = fired[j];
                        double a = strengths[t];
                        double[] st = samples[t];
                        for (int k = supportFrom[t], end = supportTo[t]; k < end; k++) {
                            agg[k] = Math.max(agg[k], Math.min(a, st[k]));
                        }
                    }
                    isSampled = true;
                }
                return sampled;
            }

            /**
             * mu(k) >= level iff some fired term t has strength >= level and sample >= level at k; the first such
             * k of each term is a binary search in its running maximum.
             */
            @Override
            public int firstAtLeast(double level) {
                int first = to;
                for (int j = 0; j < firedCount; j++) {
                    int t = fired[j];
                    if (strengths[t] < level || peaks[t] < level) {
                        continue;
                    }
                    double[] rm = runningMax[t];
                    int lo = supportFrom[t];
                    int hi = supportTo[t] - 1; // rm[hi] == peaks[t] >= level
                    while (lo < hi) {
                        int mid = (lo + hi) >>> 1;
                        if (rm[mid] >= level) {
                            hi = mid;
                        } else {
                            lo = mid + 1;
                        }
                    }
                    first = Math.min(first, lo);
                }
                return first;
            }
        };

        private Evaluator() {
            for (int i = 0; i < inputs.length; i++) {
                memberships[i] = new double[inputs[i].termCount()];
            }
        }

        public FuzzySystem system() {
            return FuzzySystem.this;
        }

        /** The crisp output for {@code values[i]} of input i (first {@code inputCount()} entries are read). */
        public double evaluate(double[] values) {
            int n = inputs.length;
            for (int i = 0; i < n; i++) {
                inputs[i].fuzzify(values[i], memberships[i]);
            }
            Arrays.fill(strengths, 0);
            int[] ante = antecedents;
            for (int r = 0, base = 0; r < consequents.length; r++, base += n) {
                double s = 1;
                for (int i = 0; i < n && s > 0; i++) {
                    int t = ante[base + i];
                    if (t != ANY) {
                        double m = memberships[i][t];
                        if (m < s) {
                            s = m;
                        }
                    }
                }
                int out = consequents[r];
                if (s > strengths[out]) {
                    strengths[out] = s;
                }
            }
            firedCount = 0;
            isSampled = false;
            from = xs.length;
            to = 0;
            max = 0;
            for (int t = 0; t < strengths.length; t++) {
                double a = strengths[t];
                if (a > 0 && supportTo[t] > 0) {
                    fired[firedCount++] = t;
                    from = Math.min(from, supportFrom[t]);
                    to = Math.max(to, supportTo[t]);
                    max = Math.max(max, Math.min(a, peaks[t]));
                }
            }
            if (firedCount == 0) {
                return defaultValue;
            }
            double y = defuzzifier.defuzzify(aggregate);
            return Double.isNaN(y) ? defaultValue : y;
        }

        public double evaluate(double a, double b) {
            double[] v = checked(2);
            v[0] = a;
            v[1] = b;
            return evaluate(v);
        }

        public double evaluate(double a, double b, double c) {
            double[] v = checked(3);
            v[0] = a;
            v[1] = b;
            v[2] = c;
            return evaluate(v);
        }

        public double evaluate(double a, double b, double c, double d) {
            double[] v = checked(4);
            v[0] = a;
            v[1] = b;
            v[2] = c;
            v[3] = d;
            return evaluate(v);
        }

        private double[] checked(int count) {
            if (count != inputs.length) {
                throw new IllegalArgumentException(name + " takes " + inputs.length + " inputs, got " + count);
            }
            return in;
        }

        /**
         * After {@link #evaluate}: the aggregated firing strength of output term {@code t} (the largest strength
         * of the rules concluding it).
         */
        public double strength(int t) {
            return strengths[t];
        }

        /** After {@link #evaluate}: membership of input {@code i}'s value in its term {@code t}. */
        public double membership(int i, int t) {
            return memberships[i][t];
        }
    }
}
