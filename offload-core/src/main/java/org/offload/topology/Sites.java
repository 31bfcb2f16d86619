package org.offload.topology;

/** Edge site (access point) positions and the nearest-site rule that attaches devices to them. */
public final class Sites {
    private final double[] x;
    private final double[] y;
    private final double coverageSq;

    /** @param coverageM radius of an access point's coverage, 0 for unlimited */
    public Sites(double[][] positions, double coverageM) {
        x = new double[positions.length];
        y = new double[positions.length];
        for (int i = 0; i < positions.length; i++) {
            x[i] = positions[i][0];
            y[i] = positions[i][1];
        }
        coverageSq = coverageM > 0 ? coverageM * coverageM : Double.POSITIVE_INFINITY;
    }

    public int count() {
        return x.length;
    }

    public double x(int site) {
        return x[site];
    }

    public double y(int site) {
        return y[site];
    }

    /** Nearest site covering (px, py), or -1. Ties go to the lower index. */
    public int nearest(double px, double py) {
        int best = -1;
        double bestD = Double.POSITIVE_INFINITY;
        for (int i = 0; i < x.length; i++) {
            double dx = x[i] - px;
            double dy = y[i] - py;
            double d = dx * dx + dy * dy;
            if (d < bestD) {
                bestD = d;
                best = i;
            }
        }
        return bestD <= coverageSq ? best : -1;
    }
}
