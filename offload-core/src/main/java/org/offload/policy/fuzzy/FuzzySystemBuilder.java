package org.offload.policy.fuzzy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Declares a {@link FuzzySystem}: inputs (in the order {@link FuzzySystem.Evaluator#evaluate} takes them), the
 * output, the rules (one by one or from compact tables) and options; {@link #build} checks and freezes it.
 */
public final class FuzzySystemBuilder {
    final String name;
    final List<LinguisticVariable> inputs = new ArrayList<>();
    LinguisticVariable output;
    Defuzzifier defuzzifier;
    double defaultValue = 0;
    double min = 0;
    double max = 100;
    int steps = 1000;
    final List<int[]> antecedents = new ArrayList<>();
    final List<Integer> consequents = new ArrayList<>();

    FuzzySystemBuilder(String name) {
        this.name = name;
    }

    /** Adds the next input variable; add all inputs before any rule. */
    public FuzzySystemBuilder input(LinguisticVariable v) {
        if (!consequents.isEmpty()) {
            throw new IllegalStateException(name + ": add inputs before rules");
        }
        inputs.add(v);
        return this;
    }

    public FuzzySystemBuilder output(LinguisticVariable v) {
        this.output = v;
        return this;
    }

    public FuzzySystemBuilder defuzzifier(Defuzzifier d) {
        this.defuzzifier = d;
        return this;
    }

    /** Value returned when no rule fires (FCL {@code DEFAULT}); 0 unless set. */
    public FuzzySystemBuilder defaultValue(double v) {
        this.defaultValue = v;
        return this;
    }

    /**
     * Output universe and sampling: {@code steps + 1} points {@code min, min + (max - min) / steps, ..., max}.
     * Default [0, 100] in 1000 steps (x = 0, 0.1, ..., 100).
     */
    public FuzzySystemBuilder universe(double min, double max, int steps) {
        if (!(max > min) || steps < 1) {
            throw new IllegalArgumentException(name + ": universe needs min < max and steps >= 1");
        }
        this.min = min;
        this.max = max;
        this.steps = steps;
        return this;
    }

    /**
     * One rule: {@code antecedentTerms[i]} is the term index input i must have ({@link FuzzySystem#ANY} to ignore the
     * input); {@code outputTerm} the output term index.
     */
    public FuzzySystemBuilder rule(int outputTerm, int... antecedentTerms) {
        requireOutput();
        if (antecedentTerms.length != inputs.size()) {
            throw new IllegalArgumentException(name + ": a rule needs " + inputs.size() + " antecedent terms");
        }
        boolean tests = false;
        for (int i = 0; i < antecedentTerms.length; i++) {
            int t = antecedentTerms[i];
            if (t < FuzzySystem.ANY || t >= inputs.get(i).termCount()) {
                throw new IllegalArgumentException(name + ": no term " + t + " in " + inputs.get(i).name());
            }
            tests |= t != FuzzySystem.ANY;
        }
        if (!tests) {
            throw new IllegalArgumentException(name + ": a rule must test at least one input");
        }
        if (outputTerm < 0 || outputTerm >= output.termCount()) {
            throw new IllegalArgumentException(name + ": no output term " + outputTerm);
        }
        for (int r = 0; r < consequents.size(); r++) {
            if (Arrays.equals(antecedents.get(r), antecedentTerms)) {
                throw new IllegalArgumentException(name + ": two rules for " + describe(antecedentTerms));
            }
        }
        antecedents.add(antecedentTerms.clone());
        consequents.add(outputTerm);
        return this;
    }

    /**
     * Rules from a table. Each non-blank line that does not start with {@code #} is one row: the term symbols
     * of the first {@code rowInputs} inputs, then one cell per combination of the remaining inputs' terms,
     * in order with the last input varying fastest. A cell is an output term symbol, or {@code .} for no
     * rule. {@code |} separators are ignored. Example (two row inputs, then wan_bw x delay_sensitivity):
     * <pre>L L | E E E | C E E | C E E</pre>
     */
    public FuzzySystemBuilder table(int rowInputs, String table) {
        requireOutput();
        int n = inputs.size();
        if (rowInputs < 0 || rowInputs > n) {
            throw new IllegalArgumentException(name + ": rowInputs must be in 0.." + n);
        }
        int cells = 1;
        for (int i = rowInputs; i < n; i++) {
            cells *= inputs.get(i).termCount();
        }
        int lineNo = 0;
        for (String line : table.split("\n")) {
            lineNo++;
            String s = line.replace('|', ' ').trim();
            if (s.isEmpty() || s.startsWith("#")) {
                continue;
            }
            String[] tok = s.split("\\s+");
            if (tok.length != rowInputs + cells) {
                throw new IllegalArgumentException(name + ", table line " + lineNo + ": expected " + rowInputs
                        + " row terms and " + cells + " cells, got " + tok.length + " tokens: " + line);
            }
            int[] terms = new int[n];
            for (int i = 0; i < rowInputs; i++) {
                terms[i] = symbol(inputs.get(i), tok[i], lineNo);
            }
            for (int c = 0; c < cells; c++) {
                String cell = tok[rowInputs + c];
                int rest = c;
                for (int i = n - 1; i >= rowInputs; i--) {
                    int k = inputs.get(i).termCount();
                    terms[i] = rest % k;
                    rest /= k;
                }
                if (!cell.equals(".")) {
                    rule(symbol(output, cell, lineNo), terms);
                }
            }
        }
        return this;
    }

    private int symbol(LinguisticVariable v, String symbol, int lineNo) {
        int t = v.termIndex(symbol);
        if (t < 0) {
            throw new IllegalArgumentException(name + ", table line " + lineNo + ": " + v.name()
                    + " has no term '" + symbol + "'");
        }
        return t;
    }

    private void requireOutput() {
        if (output == null || inputs.isEmpty()) {
            throw new IllegalStateException(name + ": declare inputs and the output before rules");
        }
    }

    private String describe(int[] terms) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < terms.length; i++) {
            if (terms[i] != FuzzySystem.ANY) {
                sb.append(sb.length() == 0 ? "" : " AND ").append(inputs.get(i).name()).append(" IS ")
                        .append(inputs.get(i).term(terms[i]).name());
            }
        }
        return sb.toString();
    }

    public FuzzySystem build() {
        requireOutput();
        if (defuzzifier == null) {
            throw new IllegalStateException(name + ": no defuzzifier");
        }
        if (consequents.isEmpty()) {
            throw new IllegalStateException(name + ": no rules");
        }
        return new FuzzySystem(this);
    }
}
