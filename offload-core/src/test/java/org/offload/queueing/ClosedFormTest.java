package org.offload.queueing;

import org.junit.jupiter.api.Tag;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The stations against queueing theory, driven by Poisson arrivals and exponential sizes (QueueDriver). Each
 * estimate must be within 2% of the closed form; run lengths are chosen so that the 95% batch-means half-width
 * is well under 1% (checked too, so a too-short run cannot pass by luck). Seeds are fixed.
 */
@Tag("slow")
class ClosedFormTest {
    private static final double TOLERANCE = 0.02;
    private static final double MAX_HALF_WIDTH = 0.01;
    private static final int BATCHES = 50;

    /** Erlang C: probability that an arrival waits in M/M/c with offered load {@code a = lambda / mu}. */
    static double erlangC(int c, double a) {
        double term = 1;
        double sum = 0;
        for (int k = 0; k < c; k++) {
            sum += term;
            term *= a / (k + 1);
        }
        double last = term * c / (c - a);
        return last / (sum + last);
    }

    private static void check(String what, double simulated, double halfWidth, double formula) {
        double err = simulated / formula - 1;
        System.out.printf("%-34s simulated %.5f  formula %.5f  error %+.3f%%  (95%% half-width %.3f%%)%n", what,
                simulated, formula, 100 * err, 100 * halfWidth / formula);
        assertTrue(halfWidth / formula < MAX_HALF_WIDTH, what + ": run too short, half-width " + halfWidth);
        assertEquals(formula, simulated, TOLERANCE * formula, what);
    }

    private static void checkUtilisation(String what, QueueDriver.Estimate e, int units, double rho) {
        double measured = e.busyUnitSeconds() / (units * e.endTime());
        assertEquals(rho, measured, 0.01 * rho, what + " utilisation");
    }

    /** M/M/1 processor sharing: mean sojourn 1 / (mu - lambda), the same as M/M/1 FCFS. */
    @ParameterizedTest(name = "rho = {0}")
    @CsvSource({"0.3, 4000000, 11", "0.6, 4000000, 12", "0.9, 40000000, 13"})
    void mm1ProcessorSharingMeanSojourn(double rho, long jobs, long seed) {
        double mu = 1;
        double lambda = rho * mu;
        QueueDriver.Estimate e = new QueueDriver((sim, l) -> new ProcessorSharingServer(sim, 1, 1.0, l),
                lambda, mu, 20_000, jobs, BATCHES, seed).run();
        check("M/M/1-PS T, rho=" + rho + ", " + jobs + " jobs", e.meanSojourn(), e.sojournHalfWidth95(),
                1 / (mu - lambda));
        assertEquals(0.0, e.meanWait(), "processor sharing never makes an item wait");
        checkUtilisation("M/M/1-PS", e, 1, rho);
    }

    /** M/M/4 FCFS: mean wait in queue C(c, a) / (c mu - lambda). */
    @ParameterizedTest(name = "rho = {0}")
    @CsvSource({"0.5, 10000000, 21", "0.8, 20000000, 22"})
    void mmcFcfsMeanWaitIsErlangC(double rho, long jobs, long seed) {
        int c = 4;
        double mu = 1;
        double lambda = rho * c * mu;
        QueueDriver.Estimate e = new QueueDriver((sim, l) -> new FcfsServer(sim, c, 1.0, l),
                lambda, mu, 20_000, jobs, BATCHES, seed).run();
        double wq = erlangC(c, lambda / mu) / (c * mu - lambda);
        check("M/M/4-FCFS Wq, rho=" + rho + ", " + jobs + " jobs", e.meanWait(), e.waitHalfWidth95(), wq);
        check("M/M/4-FCFS T, rho=" + rho + ", " + jobs + " jobs", e.meanSojourn(), e.sojournHalfWidth95(),
                wq + 1 / mu);
        checkUtilisation("M/M/4-FCFS", e, c, rho);
    }

    /**
     * Processor sharing over c = 2 units with exponential sizes: the number in system is the same birth-death
     * process as M/M/2 (total rate min(n, c) mu), so by Little's law the mean sojourn is the M/M/2 one,
     * C(2, a) / (2 mu - lambda) + 1 / mu.
     */
    @ParameterizedTest(name = "rho = {0}")
    @CsvSource({"0.5, 4000000, 31"})
    void mm2ProcessorSharingMeanSojourn(double rho, long jobs, long seed) {
        int c = 2;
        double mu = 1;
        double lambda = rho * c * mu;
        QueueDriver.Estimate e = new QueueDriver((sim, l) -> new ProcessorSharingServer(sim, c, 1.0, l),
                lambda, mu, 20_000, jobs, BATCHES, seed).run();
        double t = erlangC(c, lambda / mu) / (c * mu - lambda) + 1 / mu;
        check("M/M/2-PS T, rho=" + rho + ", " + jobs + " jobs", e.meanSojourn(), e.sojournHalfWidth95(), t);
        checkUtilisation("M/M/2-PS", e, c, rho);
    }

    @org.junit.jupiter.api.Test
    void erlangCMatchesKnownValues() {
        assertEquals(0.5, erlangC(1, 0.5), 1e-12, "M/M/1: P(wait) = rho");
        assertEquals(1.0 / 3, erlangC(2, 1.0), 1e-12);
        assertEquals(0.17391304347826086, erlangC(4, 2.0), 1e-12);
    }
}
