package org.offload.policy.fuzzy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The Mamdani engine on small systems whose outputs are worked out by hand, against an independent brute-force
 * evaluation on the shipped rule bases, and for allocation.
 */
class FuzzySystemTest {
    /** One input on [0, 1]: lo falls 1 -> 0, hi rises 0 -> 1, so lo = 1 - v and hi = v. */
    private static final LinguisticVariable V = LinguisticVariable.builder("v")
            .term("lo", "L", 0, 1, 1, 0)
            .term("hi", "H", 0, 0, 1, 1)
            .build();

    private static final LinguisticVariable FLORES_OUT = FuzzyRuleBases.FLORES.output();

    /** lo -> edge tri(0, 30, 60), hi -> cloud tri(40, 70, 100): aE = 1 - v, aC = v. */
    private static final FuzzySystem LM = FuzzySystem.builder("lm")
            .input(V)
            .output(FuzzyRuleBases.twoTriangles("edge", "E", "cloud", "C"))
            .defuzzifier(Defuzzifier.LEFTMOST_MAX)
            .table(0, "E C")
            .build();

    /** lo -> local (0,1)(40,1)(60,0), hi -> remote (40,0)(60,1)(100,1): aL = 1 - v, aR = v. */
    private static final FuzzySystem COG = FuzzySystem.builder("cog")
            .input(V)
            .output(FLORES_OUT)
            .defuzzifier(Defuzzifier.CENTROID)
            .table(0, "l r")
            .build();

    // ------------------------------------------------------------------ leftmost maximum

    @Test
    void leftmostMaximumFollowsTheClosedForm() {
        FuzzySystem.Evaluator e = LM.evaluator();
        // Closed form (spec 2.1.1): aE >= aC gives y = 30 aE (rise of tri(0,30,60) reaches aE);
        // aC > aE gives y = 40 + 30 aC (rise of tri(40,70,100) reaches aC). Values chosen so that y is a grid point.
        assertEquals(22.5, e.evaluate(new double[] {0.25}));  // aE 0.75, aC 0.25 -> 30 * 0.75
        assertEquals(0.75, e.strength(0));
        assertEquals(0.25, e.strength(1));
        assertEquals(15.0, e.evaluate(new double[] {0.5}));   // aE = aC = 0.5: the edge rise comes first -> 15
        assertEquals(58.0, e.evaluate(new double[] {0.6}));   // aE 0.4, aC 0.6 -> 40 + 18
        assertEquals(30.0, e.evaluate(new double[] {0}));     // aE 1 -> the edge peak
        assertEquals(70.0, e.evaluate(new double[] {1}));     // aC 1 -> the cloud peak
        assertEquals(0.0, e.strength(0));
        // off the grid the leftmost maximum is the first sample at or after the closed form
        assertEquals(40 + 30 * 0.66, e.evaluate(new double[] {0.66}), 0.1 + 1e-9);
        assertTrue(e.evaluate(new double[] {0.66}) >= 40 + 30 * 0.66 - 1e-9,
                "output at 0.66: " + e.evaluate(new double[] {0.66}));
    }

    @Test
    void leftmostMaximumMatchesAScanOfTheGrid() {
        FuzzySystem.Evaluator e = LM.evaluator();
        for (int i = 0; i <= 1000; i++) {
            double v = i / 1000.0;
            assertEquals(bruteForce(LM, new double[] {v}), e.evaluate(new double[] {v}), 0.0, "v = " + v);
        }
    }

    // ------------------------------------------------------------------ centroid

    /**
     * Centroid of Flores' output clipped at aL = 1 - v and aR = v, worked out by hand from the shape of
     * mu(x) = max(min(aL, local(x)), min(aR, remote(x))):
     * <ul>
     * <li>v = 0 (aL 1): mu = 1 on [0, 40], (60 - x) / 20 on [40, 60]. Area 40 + 10 = 50; moment 800 + 466.67 =
     * 1266.67; centroid 25.333.</li>
     * <li>v = 1 (aR 1): the mirror image: area 50, moment 3733.33, centroid 74.667.</li>
     * <li>v = 0.25 (aL .75, aR .25): mu = .75 on [0, 45], (60 - x) / 20 on [45, 55], .25 on [55, 100]. Area
     * 33.75 + 5 + 11.25 = 50; moment 759.375 + 245.833 + 871.875 = 1877.083; centroid 37.542.</li>
     * <li>v = 0.5: mu = .5 on [0, 100] (the clipped terms meet at 50 where both are .5): centroid 50.</li>
     * </ul>
     * The engine sums on the grid x = 0, 0.1, ..., 100; for a piecewise-linear mu whose kinks lie on grid
     * points that sum is the integral plus h/2 times the end values (trapezoid rule), up to O(h^2) for the
     * moment: sum mu = (area + 0.05 (mu(0) + mu(100))) / h and likewise for x mu.
     */
    @Test
    void centroidMatchesHandComputedIntegrals() {
        FuzzySystem.Evaluator e = COG.evaluator();
        checkCentroid(e, 0, new double[] {0, 40, 60, 100}, new double[] {1, 1, 0, 0}, 25.333);
        checkCentroid(e, 1, new double[] {0, 40, 60, 100}, new double[] {0, 0, 1, 1}, 74.667);
        checkCentroid(e, 0.25, new double[] {0, 45, 55, 100}, new double[] {0.75, 0.75, 0.25, 0.25}, 37.542);
        checkCentroid(e, 0.5, new double[] {0, 100}, new double[] {0.5, 0.5}, 50.0);
    }

    private static void checkCentroid(FuzzySystem.Evaluator e, double v, double[] bx, double[] by, double byHand) {
        double y = e.evaluate(new double[] {v});
        double[] areaMoment = integrate(bx, by);
        double continuous = areaMoment[1] / areaMoment[0];
        double h = 0.1;
        double trapezoid = (areaMoment[1] + h / 2 * (bx[0] * by[0] + bx[bx.length - 1] * by[by.length - 1]))
                / (areaMoment[0] + h / 2 * (by[0] + by[by.length - 1]));
        assertEquals(byHand, continuous, 1e-3, "hand value vs exact integral, v = " + v);
        assertEquals(trapezoid, y, 1e-4, "v = " + v);
        assertEquals(continuous, y, 0.05, "v = " + v);
        assertEquals(bruteForce(COG, new double[] {v}), y, 1e-9, "v = " + v);
    }

    /** Area and first moment of the piecewise-linear function through (bx, by), segment by segment, exactly. */
    private static double[] integrate(double[] bx, double[] by) {
        double area = 0;
        double moment = 0;
        for (int i = 1; i < bx.length; i++) {
            double a = bx[i - 1];
            double b = bx[i];
            double fa = by[i - 1];
            double fb = by[i];
            area += (b - a) * (fa + fb) / 2;
            // integral of x f(x) over [a, b] for linear f: (b - a) / 6 * (a (2 fa + fb) + b (fa + 2 fb))
            moment += (b - a) / 6 * (a * (2 * fa + fb) + b * (fa + 2 * fb));
        }
        return new double[] {area, moment};
    }

    // ------------------------------------------------------------------ defaults, rules, tables

    @Test
    void noRuleFiredGivesTheDefault() {
        FuzzySystem onlyHigh = FuzzySystem.builder("only-high").input(V)
                .output(FuzzyRuleBases.twoTriangles("edge", "E", "cloud", "C"))
                .defuzzifier(Defuzzifier.LEFTMOST_MAX).table(0, ". C").build();
        assertEquals(0.0, onlyHigh.evaluator().evaluate(new double[] {0}));
        assertEquals(1, onlyHigh.ruleCount());
        FuzzySystem withDefault = FuzzySystem.builder("default").input(V).output(FLORES_OUT)
                .defuzzifier(Defuzzifier.CENTROID).defaultValue(-1).table(0, ". r").build();
        assertEquals(-1.0, withDefault.evaluator().evaluate(new double[] {0}));
        assertEquals(-1.0, withDefault.evaluator().evaluate(new double[] {Double.NaN}));
    }

    @Test
    void rulesMayIgnoreAnInput() {
        // IF v IS hi THEN cloud; IF w IS lo THEN edge (v not tested)
        FuzzySystem s = FuzzySystem.builder("any").input(V)
                .input(LinguisticVariable.builder("w").term("lo", "L", 0, 1, 1, 0).term("hi", "H", 0, 0, 1, 1).build())
                .output(FuzzyRuleBases.twoTriangles("edge", "E", "cloud", "C"))
                .defuzzifier(Defuzzifier.LEFTMOST_MAX)
                .rule(1, 1, FuzzySystem.ANY)
                .rule(0, FuzzySystem.ANY, 0)
                .build();
        FuzzySystem.Evaluator e = s.evaluator();
        assertEquals(70.0, e.evaluate(1, 1));        // aC 1, aE 0
        assertEquals(22.5, e.evaluate(0.25, 0.25));  // aC .25, aE .75 -> 30 * .75
        assertEquals("IF w IS lo THEN offload_decision IS edge", s.describeRule(1));
    }

    @Test
    void tablesAreParsedRowByRowWithTheLastInputFastest() {
        LinguisticVariable a = LinguisticVariable.builder("a").term("x", "X", 0, 1).term("y", "Y", 0, 1).build();
        LinguisticVariable b = LinguisticVariable.builder("b").term("p", "P", 0, 1).term("q", "Q", 0, 1)
                .term("r", "R", 0, 1).build();
        FuzzySystem s = FuzzySystem.builder("t").input(a).input(b).input(b).output(V)
                .defuzzifier(Defuzzifier.CENTROID)
                .table(1, """
                        # a | b = P: P Q R | b = Q | b = R
                        X   | L . H | . . . | H H H
                        """)
                .build();
        assertEquals(5, s.ruleCount());
        assertEquals(0, s.consequent(s.findRule(0, 0, 0)));  // X P P -> L
        assertEquals(-1, s.findRule(0, 0, 1));               // X P Q: no rule
        assertEquals(1, s.consequent(s.findRule(0, 0, 2)));  // X P R -> H
        assertEquals(1, s.consequent(s.findRule(0, 2, 1)));  // X R Q -> H
        assertEquals(-1, s.findRule(1, 0, 0));               // row Y absent
    }

    @Test
    void malformedTablesAreRejected() {
        var base = FuzzySystem.builder("bad").input(V).output(FLORES_OUT).defuzzifier(Defuzzifier.CENTROID);
        assertThrows(IllegalArgumentException.class, () -> base.table(0, "l r l"));
        assertThrows(IllegalArgumentException.class, () -> FuzzySystem.builder("bad").input(V).output(FLORES_OUT)
                .table(0, "l x"));
        assertThrows(IllegalArgumentException.class, () -> FuzzySystem.builder("bad").input(V).output(FLORES_OUT)
                .table(1, "Z l"));
        assertThrows(IllegalArgumentException.class, () -> FuzzySystem.builder("dup").input(V).output(FLORES_OUT)
                .table(1, "L l\nL r"));
        assertThrows(IllegalStateException.class, () -> FuzzySystem.builder("none").input(V).output(FLORES_OUT)
                .defuzzifier(Defuzzifier.CENTROID).build());
        assertThrows(IllegalArgumentException.class, () -> LM.evaluator().evaluate(1, 2, 3));
    }

    // ------------------------------------------------------------------ shipped rule bases vs brute force

    /** Input ranges wide enough to cover every term and the shoulders beyond them. */
    private static final double[][] FIS1_RANGE = {{-10, 110}, {0, 60000}, {0, 30}, {-0.1, 1.1}};
    private static final double[][] FIS2_RANGE = {{-10, 110}, {-10, 110}, {0, 0.02}};
    private static final double[][] FLORES_RANGE = {{-10, 110}, {0, 1.1}, {0, 30}, {-0.1, 1.1}};
    private static final double[][] STAGE1_RANGE = {{-10, 110}, {-10, 110}, {0, 4}};
    private static final double[][] STAGE2_RANGE = {{-10, 110}, {0, 60000}, {0, 6000}, {-0.1, 1.1}};

    @Test
    void shippedRuleBasesMatchABruteForceEvaluation() {
        check(FuzzyRuleBases.SONMEZ_FIS1, FIS1_RANGE);
        check(FuzzyRuleBases.SONMEZ_FIS2, FIS2_RANGE);
        check(FuzzyRuleBases.FLORES, FLORES_RANGE);
        check(FuzzyRuleBases.MCDA_STAGE1, STAGE1_RANGE);
        check(FuzzyRuleBases.MCDA_STAGE2, STAGE2_RANGE);
    }

    private static void check(FuzzySystem s, double[][] range) {
        SplittableRandom rnd = new SplittableRandom(42);
        FuzzySystem.Evaluator e = s.evaluator();
        double[] in = new double[range.length];
        for (int n = 0; n < 3000; n++) {
            for (int i = 0; i < in.length; i++) {
                double v = range[i][0] + (range[i][1] - range[i][0]) * rnd.nextDouble();
                // every other point on a coarse grid, so that exact ties between rule strengths occur
                in[i] = n % 2 == 0 ? v : Math.round(v * 20 / (range[i][1] - range[i][0]))
                        * (range[i][1] - range[i][0]) / 20;
            }
            double expected = bruteForce(s, in);
            double tolerance = s.defuzzifier() == Defuzzifier.LEFTMOST_MAX ? 0 : 1e-9;
            assertEquals(expected, e.evaluate(in), tolerance, s.name() + " at " + java.util.Arrays.toString(in));
        }
    }

    /**
     * Independent evaluation straight from the definitions: rule strength = min of memberships, term strength =
     * max over its rules, mu(x) = max over terms of min(strength, term(x)) at x = k / 10, k = 0..1000; LM = the
     * first x of the largest mu, COG = sum x mu / sum mu; 0 when nothing fires.
     */
    static double bruteForce(FuzzySystem s, double[] in) {
        LinguisticVariable out = s.output();
        double[] a = new double[out.termCount()];
        for (int r = 0; r < s.ruleCount(); r++) {
            double strength = 1;
            for (int i = 0; i < s.inputCount(); i++) {
                int t = s.antecedent(r, i);
                if (t != FuzzySystem.ANY) {
                    strength = Math.min(strength, s.input(i).membership(t, in[i]));
                }
            }
            a[s.consequent(r)] = Math.max(a[s.consequent(r)], strength);
        }
        double best = 0;
        double bestX = 0;
        double sum = 0;
        double weighted = 0;
        for (int k = 0; k <= 1000; k++) {
            double x = k / 10.0;
            double mu = 0;
            for (int t = 0; t < a.length; t++) {
                mu = Math.max(mu, Math.min(a[t], out.membership(t, x)));
            }
            if (mu > best) {
                best = mu;
                bestX = x;
            }
            sum += mu;
            weighted += x * mu;
        }
        if (s.defuzzifier() == Defuzzifier.LEFTMOST_MAX) {
            return best > 0 ? bestX : 0;
        }
        return sum > 0 ? weighted / sum : 0;
    }

    // ------------------------------------------------------------------ hot path

    @Test
    void evaluationAllocatesNothing() {
        java.lang.management.ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        Assumptions.assumeTrue(bean instanceof com.sun.management.ThreadMXBean);
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) bean;
        Assumptions.assumeTrue(mx.isThreadAllocatedMemorySupported() && mx.isThreadAllocatedMemoryEnabled());
        FuzzySystem.Evaluator fis1 = FuzzyRuleBases.SONMEZ_FIS1.evaluator();
        FuzzySystem.Evaluator fis2 = FuzzyRuleBases.SONMEZ_FIS2.evaluator();
        FuzzySystem.Evaluator flores = FuzzyRuleBases.FLORES.evaluator();
        double sink = 0;
        long id = Thread.currentThread().getId();
        long before = mx.getThreadAllocatedBytes(id);
        for (int i = 0; i < 20000; i++) {
            sink += fis1.evaluate(i % 100, 500.0 * (i % 80), i % 25, (i % 11) / 10.0);
            sink += fis2.evaluate(i % 100, (i * 7) % 100, 0.001 * (i % 15));
            sink += flores.evaluate(i % 100, (i % 12) / 10.0, i % 25, (i % 11) / 10.0);
        }
        long allocated = mx.getThreadAllocatedBytes(id) - before;
        assertTrue(sink > 0, "sink = " + sink);
        assertTrue(allocated < 1024, allocated + " bytes allocated by 60,000 evaluations");
    }
}
