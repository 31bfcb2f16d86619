package org.offload.freshness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

/** The sawtooth integrated by hand. */
class AgeOfInformationTest {
    /** Source 0: updates generated at 1, 3 and 2 delivered at 2, 5 and 6 (the last one obsolete). */
    private static FreshnessMetrics run(double fromS, double toS) {
        AgeOfInformation aoi = new AgeOfInformation(List.of("OTHER", "SENSOR"), new int[] {1, -1, 1}, fromS, toS);
        aoi.delivered(0, 1, 2);
        aoi.delivered(0, 3, 5);
        aoi.delivered(0, 2, 6);
        aoi.superseded(0, 4.8);
        return aoi.metrics().get("SENSOR");
    }

    @Test
    void averageAndPeakAgeOfOneSource() {
        FreshnessMetrics f = run(0, 10);
        // age t-1 on [2, 5] (area 7.5), then t-3 on [5, 10] (area 22.5): 30 over 8 s
        assertEquals(3.75, f.perSource().get(0).meanAgeS(), 1e-12);
        assertEquals(4.0, f.perSource().get(0).meanPeakAgeS(), 1e-12, "5 - 1 just before the second delivery");
        assertEquals(1, f.deliveries());
        assertEquals(1, f.obsoleteDeliveries());
        assertEquals(1, f.superseded());
        assertEquals(2, f.sources());
        assertEquals(1, f.sourcesUpdated(), "source 2 never received an update");
        assertTrue(Double.isNaN(f.perSource().get(1).meanAgeS()));
        assertEquals(2, f.perSource().get(1).device());
        assertEquals(3.75, f.meanAgeS(), 1e-12);
        assertEquals(3.75, f.worstSourceAgeS(), 1e-12);
    }

    @Test
    void theWindowClipsTheSawtooth() {
        FreshnessMetrics f = run(4, 10);
        // (t-1) on [4, 5] (area 3.5) and (t-3) on [5, 10] (area 22.5): 26 over 6 s
        assertEquals(26.0 / 6, f.meanAgeS(), 1e-12);
        assertEquals(4.0, f.meanPeakAgeS(), 1e-12);
        FreshnessMetrics early = run(0, 4.5);
        // (t-1) on [2, 4.5]: area 6.25 - 0.5 = 5.625 over 2.5 s; the delivery at 5 is outside: no peak
        assertEquals(5.625 / 2.5, early.meanAgeS(), 1e-12);
        assertTrue(Double.isNaN(early.meanPeakAgeS()));
        assertEquals(0, early.superseded(), "the superseded update was generated after the window");
    }
}
