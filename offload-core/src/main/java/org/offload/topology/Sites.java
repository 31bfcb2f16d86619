package org.offload.topology;

import java.util.Arrays;

/**
 * Edge site (access point) positions and the nearest-site rule that attaches devices to them. Sites are bucketed in
 * a uniform grid of about one site per cell, and {@link #nearest} searches rings of cells outward from the query's
 * cell, so attaching a device costs about O(1) instead of O(sites) — which matters when the infrastructure grows
 * with the devices (a million devices over 15,000 sites). The answer is exactly the linear scan's: the same squared
 * distances compared the same way, ties to the lower index.
 */
public final class Sites {
    private final double[] x;
    private final double[] y;
    private final double coverageSq;
    private final double minX;
    private final double minY;
    private final double cell;
    private final int cols;
    private final int rows;
    /** Sites of cell {@code c} are {@code order[start[c] .. start[c + 1])}, in increasing index. */
    private final int[] start;
    private final int[] order;

    /** @param coverageM radius of an access point's coverage, 0 for unlimited */
    public Sites(double[][] positions, double coverageM) {
        int n = positions.length;
        x = new double[n];
        y = new double[n];
        double loX = Double.POSITIVE_INFINITY;
        double loY = Double.POSITIVE_INFINITY;
        double hiX = Double.NEGATIVE_INFINITY;
        double hiY = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            x[i] = positions[i][0];
            y[i] = positions[i][1];
            loX = Math.min(loX, x[i]);
            loY = Math.min(loY, y[i]);
            hiX = Math.max(hiX, x[i]);
            hiY = Math.max(hiY, y[i]);
        }
        coverageSq = coverageM > 0 ? coverageM * coverageM : Double.POSITIVE_INFINITY;
        minX = n == 0 ? 0 : loX;
        minY = n == 0 ? 0 : loY;
        double w = n == 0 ? 0 : hiX - loX;
        double h = n == 0 ? 0 : hiY - loY;
        double side = Math.sqrt(Math.max(w * h, 0) / Math.max(n, 1));
        cell = side > 0 ? side : Math.max(Math.max(w, h), 1);
        cols = (int) Math.min(Math.floor(w / cell) + 1, 1 << 15);
        rows = (int) Math.min(Math.floor(h / cell) + 1, 1 << 15);
        start = new int[cols * rows + 1];
        order = new int[n];
        int[] cellOf = new int[n];
        for (int i = 0; i < n; i++) {
            cellOf[i] = cellIndex(col(x[i]), row(y[i]));
            start[cellOf[i] + 1]++;
        }
        for (int c = 0; c < cols * rows; c++) {
            start[c + 1] += start[c];
        }
        int[] fill = Arrays.copyOf(start, start.length);
        for (int i = 0; i < n; i++) {
            order[fill[cellOf[i]]++] = i;
        }
    }

    private int col(double px) {
        return clamp((int) Math.floor((px - minX) / cell), cols);
    }

    private int row(double py) {
        return clamp((int) Math.floor((py - minY) / cell), rows);
    }

    private static int clamp(int v, int n) {
        return v < 0 ? 0 : Math.min(v, n - 1);
    }

    private int cellIndex(int c, int r) {
        return r * cols + c;
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
        if (x.length == 0) {
            return -1;
        }
        int qc = col(px);
        int qr = row(py);
        int[] best = {-1};
        double[] bestD = {Double.POSITIVE_INFINITY};
        for (int k = 0; ; k++) {
            int r0 = Math.max(qr - k, 0);
            int r1 = Math.min(qr + k, rows - 1);
            int c0 = Math.max(qc - k, 0);
            int c1 = Math.min(qc + k, cols - 1);
            for (int r = r0; r <= r1; r++) {
                if (r == qr - k || r == qr + k) {
                    for (int c = c0; c <= c1; c++) {
                        scanCell(cellIndex(c, r), px, py, best, bestD);
                    }
                } else {
                    if (qc - k >= 0) {
                        scanCell(cellIndex(qc - k, r), px, py, best, bestD);
                    }
                    if (k > 0 && qc + k < cols) {
                        scanCell(cellIndex(qc + k, r), px, py, best, bestD);
                    }
                }
            }
            if (qr - k <= 0 && qr + k >= rows - 1 && qc - k <= 0 && qc + k >= cols - 1) {
                break;      // every cell has been searched
            }
            // A site in ring k + 1 or beyond is more than k cells away along one axis (also for a query outside the
            // grid, which is clamped to the border cells, and for sites clamped into the last row or column).
            double reach = k * cell;
            if (best[0] >= 0 && reach * reach > bestD[0] * (1 + 1e-9)) {
                break;
            }
        }
        return bestD[0] <= coverageSq ? best[0] : -1;
    }

    private void scanCell(int cellIdx, double px, double py, int[] best, double[] bestD) {
        for (int j = start[cellIdx]; j < start[cellIdx + 1]; j++) {
            int i = order[j];
            double dx = x[i] - px;
            double dy = y[i] - py;
            double d = dx * dx + dy * dy;
            if (d < bestD[0] || (d == bestD[0] && i < best[0])) {
                bestD[0] = d;
                best[0] = i;
            }
        }
    }
}
