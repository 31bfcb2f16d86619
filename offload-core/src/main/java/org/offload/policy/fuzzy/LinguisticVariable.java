package org.offload.policy.fuzzy;

import java.util.ArrayList;
import java.util.List;

/**
 * A named fuzzy variable and its terms, each a {@link MembershipFunction} with a name ("low") and a short symbol
 * ("L") used in rule tables. Immutable.
 */
public final class LinguisticVariable {
    /** One term: its name, its table symbol and its membership function. */
    public record Term(String name, String symbol, MembershipFunction mf) {
        public Term {
            if (name == null || name.isBlank() || symbol == null || symbol.isBlank() || symbol.equals(".")
                    || symbol.contains("|") || symbol.chars().anyMatch(Character::isWhitespace) || mf == null) {
                throw new IllegalArgumentException("a term needs a name, a symbol without blanks, '|' or '.'"
                        + " and a membership function: " + name + "/" + symbol);
            }
        }
    }

    private final String name;
    private final Term[] terms;
    private final MembershipFunction[] mfs;

    private LinguisticVariable(String name, List<Term> terms) {
        this.name = name;
        this.terms = terms.toArray(new Term[0]);
        this.mfs = new MembershipFunction[this.terms.length];
        for (int i = 0; i < mfs.length; i++) {
            mfs[i] = this.terms[i].mf();
            for (int j = 0; j < i; j++) {
                if (this.terms[j].name().equals(this.terms[i].name())
                        || this.terms[j].symbol().equals(this.terms[i].symbol())) {
                    throw new IllegalArgumentException(name + ": duplicate term " + this.terms[i]);
                }
            }
        }
    }

    public static Builder builder(String name) {
        return new Builder(name);
    }

    /** Adds terms in order; see {@link #builder}. */
    public static final class Builder {
        private final String name;
        private final List<Term> terms = new ArrayList<>();

        private Builder(String name) {
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("a variable needs a name");
            }
            this.name = name;
        }

        /** A term from its points {@code x0, mu0, x1, mu1, ...} (see {@link MembershipFunction#points}). */
        public Builder term(String termName, String symbol, double... xy) {
            terms.add(new Term(termName, symbol, MembershipFunction.points(xy)));
            return this;
        }

        public LinguisticVariable build() {
            if (terms.isEmpty()) {
                throw new IllegalArgumentException(name + " has no terms");
            }
            return new LinguisticVariable(name, terms);
        }
    }

    public String name() {
        return name;
    }

    public int termCount() {
        return terms.length;
    }

    public Term term(int i) {
        return terms[i];
    }

    /** Index of the term with this name or symbol, or -1. */
    public int termIndex(String nameOrSymbol) {
        for (int i = 0; i < terms.length; i++) {
            if (terms[i].symbol().equals(nameOrSymbol) || terms[i].name().equals(nameOrSymbol)) {
                return i;
            }
        }
        return -1;
    }

    /** Membership of {@code x} in term {@code i}. */
    public double membership(int i, double x) {
        return mfs[i].mu(x);
    }

    /** Membership of {@code x} in the named term. */
    public double membership(String term, double x) {
        int i = termIndex(term);
        if (i < 0) {
            throw new IllegalArgumentException(name + " has no term " + term);
        }
        return mfs[i].mu(x);
    }

    /** Writes the membership of {@code x} in every term into {@code out[0 .. termCount - 1]}. */
    void fuzzify(double x, double[] out) {
        for (int i = 0; i < mfs.length; i++) {
            out[i] = mfs[i].mu(x);
        }
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(name).append(" {");
        for (int i = 0; i < terms.length; i++) {
            sb.append(i == 0 ? "" : ", ").append(terms[i].name()).append(' ').append(terms[i].mf());
        }
        return sb.append('}').toString();
    }
}
