package org.offload.mobility;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.offload.engine.RandomStreams;
import org.offload.scenario.MobilitySpec;
import org.offload.scenario.ScenarioException;
import org.offload.topology.Sites;

/** EdgeCloudSim's nomadic model: dwell-time means by attractiveness level, jumps to other sites, uniform start. */
class NomadicMobilityTest {
    /** sample_app4's levels (480, 300, 120 s) on four sites of levels 0, 1, 2, 2. */
    private static final MobilitySpec SPEC = MobilitySpec.nomadic(List.of(480.0, 300.0, 120.0), List.of(0, 1, 2, 2));
    private static final Sites SITES = new Sites(new double[][] {{0, 0}, {100, 0}, {0, 100}, {100, 100}}, 0);

    @Test
    void meanDwellPerLevelMatchesTheConfiguredMeans() {
        int devices = 300;
        NomadicMobility m = new NomadicMobility(SPEC, SITES, devices, new RandomStreams(11));
        double[] dwellSum = new double[3];
        long[] dwellCount = new long[3];
        int[] startSite = new int[SITES.count()];
        double step = 1;
        double horizon = 40_000;
        double[] xy = new double[2];
        for (int d = 0; d < devices; d++) {
            int site = m.site(d, 0);
            startSite[site]++;
            double since = 0;  // every stay, the first one included, is a full exponential draw
            for (double t = step; t < horizon; t += step) {
                int now = m.site(d, t);
                if (now != site) {
                    assertNotEquals(site, now);
                    int level = SPEC.attractiveness().get(site);
                    dwellSum[level] += t - since;
                    dwellCount[level]++;
                    site = now;
                    since = t;
                }
                m.position(d, t, xy);
                assertEquals(SITES.x(now), xy[0]);
                assertEquals(SITES.y(now), xy[1]);
            }
        }
        // sampling every 1 s adds at most 1 s of bias; the standard error is mean / sqrt(n) (n in the thousands)
        double[] means = {480, 300, 120};
        for (int level = 0; level < 3; level++) {
            assertTrue(dwellCount[level] > 1000, "level " + level + ": " + dwellCount[level] + " stays");
            double mean = dwellSum[level] / dwellCount[level];
            double tolerance = 4 * means[level] / Math.sqrt(dwellCount[level]) + 1;
            assertEquals(means[level], mean, tolerance, "level " + level + " over " + dwellCount[level] + " stays");
        }
        // initial placement: uniform over the 4 sites, 75 each expected (sd ~7.5)
        for (int count : startSite) {
            assertEquals(75, count, 30);
        }
    }

    @Test
    void aSingleSiteKeepsEveryDeviceThere() {
        MobilitySpec one = MobilitySpec.nomadic(List.of(10.0), List.of(0));
        NomadicMobility m = new NomadicMobility(one, new Sites(new double[][] {{5, 5}}, 0), 3, new RandomStreams(1));
        for (double t = 0; t < 1000; t += 7) {
            assertEquals(0, m.site(2, t));
        }
    }

    @Test
    void levelsOutsideDwellTimesAreRefused() {
        ScenarioException e = assertThrows(ScenarioException.class,
                () -> MobilitySpec.nomadic(List.of(480.0), List.of(0, 1)));
        assertTrue(e.getMessage().contains("attractiveness[1]"), e.getMessage());
    }
}
