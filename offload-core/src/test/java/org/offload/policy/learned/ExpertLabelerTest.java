package org.offload.policy.learned;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ExpertLabelerTest {
    /** Tier features with the four the expert rules read set; the rest 0. */
    static float[] f(double ts, double lengthGi, double u0, double bw1) {
        float[] x = new float[TierFeatures.NAMES.size()];
        x[ExpertLabeler.F_DELAY_SENSITIVITY] = (float) ts;
        x[ExpertLabeler.F_LENGTH_GI] = (float) lengthGi;
        x[ExpertLabeler.F_U_LOCAL_EDGE] = (float) u0;
        x[ExpertLabeler.F_BW_REMOTE_EDGE] = (float) bw1;
        return x;
    }

    @Test
    void featureIndicesMatchTheirNames() {
        assertEquals("delay_sensitivity", TierFeatures.NAMES.get(ExpertLabeler.F_DELAY_SENSITIVITY));
        assertEquals("length_gi", TierFeatures.NAMES.get(ExpertLabeler.F_LENGTH_GI));
        assertEquals("u_local_edge", TierFeatures.NAMES.get(ExpertLabeler.F_U_LOCAL_EDGE));
        assertEquals("bw_remote_edge_mbps", TierFeatures.NAMES.get(ExpertLabeler.F_BW_REMOTE_EDGE));
        assertEquals("u_cloud", TierFeatures.NAMES.get(TierFeatures.tierBase(TierFeatures.CLOUD)));
        assertEquals("vm_u", TierFeatures.VM_NAMES.get(TierFeatures.VM_SHARED));
    }

    @Test
    void thePapersThreeRules() {
        // local edge: Ts > 0.7, L < 10 GI, U0 < 0.6 (Table I AR/VR: Ts 0.9, 9 GI)
        assertEquals(TierFeatures.LOCAL_EDGE, ExpertLabeler.label(f(0.9, 9, 0.5, 10)));
        // remote edge: 0.3 <= Ts <= 0.7, 10 <= L <= 30 GI, BW1 > 50 (Infotainment: Ts 0.3, 15 GI)
        assertEquals(TierFeatures.REMOTE_EDGE, ExpertLabeler.label(f(0.3, 15, 0.9, 60)));
        assertEquals(TierFeatures.REMOTE_EDGE, ExpertLabeler.label(f(0.7, 30, 0.9, 51)));
        // cloud: Ts < 0.3 or L > 30 GI (Heavy: Ts 0.1, 45 GI)
        assertEquals(TierFeatures.CLOUD, ExpertLabeler.label(f(0.1, 45, 0.1, 100)));
        assertEquals(TierFeatures.CLOUD, ExpertLabeler.label(f(0.9, 31, 0.1, 100)));
        for (float[] x : new float[][] {f(0.9, 9, 0.5, 10), f(0.3, 15, 0.9, 60), f(0.1, 45, 0.1, 100)}) {
            assertTrue(ExpertLabeler.covered(x), java.util.Arrays.toString(x));
        }
    }

    @Test
    void uncoveredTasksTakeTheNearestTierWhoseConditionHolds() {
        // Health (Ts 0.7 is not > 0.7, 3 GI is not >= 10): no rule
        float[] health = f(0.7, 3, 0.5, 100);
        assertFalse(ExpertLabeler.covered(health), "Health matches no rule");
        assertEquals(TierFeatures.LOCAL_EDGE, ExpertLabeler.label(health));
        // AR/VR while the local edge is busy
        assertEquals(TierFeatures.REMOTE_EDGE, ExpertLabeler.label(f(0.9, 9, 0.6, 80)));
        // ... and the remote route is slow too
        assertEquals(TierFeatures.CLOUD, ExpertLabeler.label(f(0.9, 9, 0.6, 50)));
        // Infotainment over a slow MAN route
        assertFalse(ExpertLabeler.covered(f(0.3, 15, 0.7, 40)),
                "Infotainment over a slow MAN route matches no rule");
        assertEquals(TierFeatures.CLOUD, ExpertLabeler.label(f(0.3, 15, 0.7, 40)));
        // the expert rules never choose the device
        for (double ts = 0; ts <= 1; ts += 0.05) {
            for (double l = 0; l < 60; l += 3) {
                assertNotEquals(TierFeatures.DEVICE, ExpertLabeler.label(f(ts, l, 0.3, 70)));
            }
        }
    }
}
