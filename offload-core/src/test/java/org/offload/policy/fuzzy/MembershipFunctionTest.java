package org.offload.policy.fuzzy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** Piecewise-linear membership with jFuzzyLogic semantics: shoulders extend to minus and plus infinity. */
class MembershipFunctionTest {
    private static final MembershipFunction LOW = MembershipFunction.points(0, 1, 20, 1, 40, 0);
    private static final MembershipFunction MEDIUM = MembershipFunction.points(30, 0, 50, 1, 70, 0);
    private static final MembershipFunction HIGH = MembershipFunction.points(60, 0, 80, 1, 100, 1);

    @Test
    void shouldersExtendToInfinity() {
        // left of the first point: the first point's mu; right of the last point: the last point's mu
        assertEquals(1, LOW.mu(-5));
        assertEquals(1, LOW.mu(Double.NEGATIVE_INFINITY));
        assertEquals(0, LOW.mu(1e9));
        assertEquals(1, HIGH.mu(150));
        assertEquals(1, HIGH.mu(Double.POSITIVE_INFINITY));
        assertEquals(0, HIGH.mu(-1));
        assertEquals(0, MEDIUM.mu(-1e9));
        assertEquals(0, MEDIUM.mu(1e9));
        // wan_bw high ends at (21, 1): 100 Mbit/s is still fully high
        assertEquals(1, FuzzyRuleBases.WAN_BW.membership("high", 100));
        // man_delay high ends at (10, 1); low starts at (0, 1): a negative delay would be low
        assertEquals(1, FuzzyRuleBases.MAN_DELAY.membership("high", 50));
        assertEquals(1, FuzzyRuleBases.MAN_DELAY.membership("low", -1));
    }

    @Test
    void breakpointsAndInterpolation() {
        assertEquals(1, LOW.mu(0));
        assertEquals(1, LOW.mu(20));
        assertEquals(0, LOW.mu(40));
        assertEquals(0.25, LOW.mu(35)); // (40 - 35) / 20
        assertEquals(0.2, LOW.mu(36));  // 4 / 20, one correctly rounded division
        assertEquals(0.75, MEDIUM.mu(45));
        assertEquals(1, MEDIUM.mu(50));
        assertEquals(0.3, HIGH.mu(66));
        assertEquals(0.125, FuzzyRuleBases.WAN_BW.membership("low", 3.75));   // (4 - 3.75) / 2
        assertEquals(0.375, FuzzyRuleBases.WAN_BW.membership("medium", 3.75)); // (3.75 - 3) / 2
        assertEquals(1.0 / 6, FuzzyRuleBases.TASK_SIZE.membership("medium", 7000), 1e-15);
    }

    @Test
    void nanHasNoMembership() {
        assertEquals(0, LOW.mu(Double.NaN));
        assertEquals(0, HIGH.mu(Double.NaN));
        assertEquals(0, MembershipFunction.points(5, 1).mu(Double.NaN));
    }

    @Test
    void singlePointIsAConstant() {
        MembershipFunction c = MembershipFunction.points(5, 0.5);
        assertEquals(0.5, c.mu(-100));
        assertEquals(0.5, c.mu(5));
        assertEquals(0.5, c.mu(100));
    }

    @Test
    void invalidPointsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> MembershipFunction.points());
        assertThrows(IllegalArgumentException.class, () -> MembershipFunction.points(0, 1, 2));
        assertThrows(IllegalArgumentException.class, () -> MembershipFunction.points(0, 1, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> MembershipFunction.points(1, 1, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> MembershipFunction.points(0, 1.5));
        assertThrows(IllegalArgumentException.class, () -> MembershipFunction.points(Double.NaN, 1));
    }
}
