package org.offload.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/** The grid-indexed nearest-site search gives exactly the linear scan's answer, ties and coverage included. */
class SitesTest {
    /** The rule as it was before the index: every site, squared distance, ties to the lower index. */
    private static int linear(double[][] pos, double coverageM, double px, double py) {
        int best = -1;
        double bestD = Double.POSITIVE_INFINITY;
        for (int i = 0; i < pos.length; i++) {
            double dx = pos[i][0] - px;
            double dy = pos[i][1] - py;
            double d = dx * dx + dy * dy;
            if (d < bestD) {
                bestD = d;
                best = i;
            }
        }
        double cov = coverageM > 0 ? coverageM * coverageM : Double.POSITIVE_INFINITY;
        return bestD <= cov ? best : -1;
    }

    @Test
    void matchesTheLinearScanOnRandomLayouts() {
        SplittableRandom rnd = new SplittableRandom(11);
        for (int layout = 0; layout < 300; layout++) {
            int n = 1 + rnd.nextInt(layout < 100 ? 8 : 400);
            int kind = layout % 5;
            double[][] pos = new double[n][];
            for (int i = 0; i < n; i++) {
                pos[i] = switch (kind) {
                    case 0 -> new double[] {rnd.nextDouble(1000), rnd.nextDouble(1000)};
                    case 1 -> new double[] {rnd.nextInt(5) * 100.0, rnd.nextInt(5) * 100.0};   // duplicates, ties
                    case 2 -> new double[] {rnd.nextDouble(1000), 42};                        // on a line
                    case 3 -> new double[] {rnd.nextDouble(1e5), rnd.nextDouble(0.01)};         // a thin strip
                    default -> new double[] {rnd.nextGaussian() * 50, rnd.nextGaussian() * 5000}; // clustered
                };
            }
            double coverage = rnd.nextInt(3) == 0 ? rnd.nextDouble(300) : 0;
            Sites sites = new Sites(pos, coverage);
            for (int q = 0; q < 200; q++) {
                double px;
                double py;
                if (q % 4 == 0) {           // exactly at a site
                    double[] p = pos[rnd.nextInt(n)];
                    px = p[0];
                    py = p[1];
                } else if (q % 4 == 1) {    // far outside the sites' box
                    px = rnd.nextDouble(-2e5, 2e5);
                    py = rnd.nextDouble(-2e5, 2e5);
                } else {
                    px = rnd.nextDouble(-100, 1100);
                    py = rnd.nextDouble(-100, 1100);
                }
                assertEquals(linear(pos, coverage, px, py), sites.nearest(px, py),
                        "layout " + layout + " (kind " + kind + ", " + n + " sites), query " + px + ", " + py);
            }
        }
    }

    @Test
    void equidistantSitesGoToTheLowerIndex() {
        Sites sites = new Sites(new double[][] {{10, 0}, {0, 10}, {-10, 0}, {0, -10}}, 0);
        assertEquals(0, sites.nearest(0, 0));
        assertEquals(-1, new Sites(new double[0][], 0).nearest(1, 2));
    }
}
