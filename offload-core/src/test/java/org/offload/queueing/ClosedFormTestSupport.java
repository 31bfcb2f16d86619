package org.offload.queueing;

/** Queueing formulas shared by the closed-form tests of several packages. */
public final class ClosedFormTestSupport {
    private ClosedFormTestSupport() {
    }

    /** Erlang C: probability that an arrival waits in M/M/c with offered load {@code a = lambda / mu}. */
    public static double erlangC(int c, double a) {
        return ClosedFormTest.erlangC(c, a);
    }
}
