package org.offload.policy.learned;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link Mlp}'s dense-layer kernel on the JDK's Vector API ({@code jdk.incubator.vector}, incubating in Java 17 to
 * 25), used only when the JVM runs with {@code --add-modules jdk.incubator.vector} (the {@code offload} launcher
 * does; see {@link Mlp#vectorised()}). The JIT's own vectorisation of the portable kernel pays a loop set-up per
 * group of inputs that outweighs the work for layers 16 to 64 wide; here each group of output lanes keeps its sums in
 * registers across all inputs.
 *
 * <p>The result is bit for bit that of the portable kernel: the same products and sums in the same order
 * ({@code y + ((x0 w0 + x1 w1) + (x2 w2 + x3 w3))} per group of four inputs), lane by lane, without fused
 * multiply-add. So the choice of kernel, and the machine's vector width, never changes a simulation's outcome.
 */
final class VectorDense {
    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
    private static final int LANES = SPECIES.length();

    private VectorDense() {
    }

    /** Whether this kernel is worth using here: the platform has float vectors of at least four lanes. */
    static boolean worthwhile() {
        return LANES >= 4;
    }

    /**
     * {@code y[j] += sum over inputs k in [from, to) of x[k] * w[k * o + j]}, for {@code j} in {@code [0, o)}, grouped
     * as in {@link Mlp}'s portable kernel, which computes the columns that do not fill a vector from {@code rows} (the
     * same weights, one array per input).
     */
    static void accumulate(float[] x, int from, int to, float[] w, float[][] rows, int o, float[] y) {
        accumulate(x, from, to, w, rows, o, y, false, y);
    }

    /**
     * A whole layer: {@code y[j] = init[j] + sum over k of x[k] * w[k * o + j]} as {@link #accumulate} adds it, then
     * {@code max(y[j], 0)} if {@code relu} (as {@link Math#max}). With {@code init} the bias, this saves copying the
     * bias into {@code y} and a separate pass for the activation.
     */
    static void accumulate(float[] x, int from, int to, float[] w, float[][] rows, int o, float[] init, boolean relu,
                           float[] y) {
        int j = 0;
        for (; j + 2 * LANES <= o; j += 2 * LANES) {
            FloatVector a0 = FloatVector.fromArray(SPECIES, init, j);
            FloatVector a1 = FloatVector.fromArray(SPECIES, init, j + LANES);
            int k = from;
            for (; k + 3 < to; k += 4) {
                int r = k * o + j;
                FloatVector x0 = FloatVector.broadcast(SPECIES, x[k]);
                FloatVector x1 = FloatVector.broadcast(SPECIES, x[k + 1]);
                FloatVector x2 = FloatVector.broadcast(SPECIES, x[k + 2]);
                FloatVector x3 = FloatVector.broadcast(SPECIES, x[k + 3]);
                a0 = a0.add(group(w, r, o, x0, x1, x2, x3));
                a1 = a1.add(group(w, r + LANES, o, x0, x1, x2, x3));
            }
            for (; k < to; k++) {
                FloatVector x0 = FloatVector.broadcast(SPECIES, x[k]);
                a0 = a0.add(FloatVector.fromArray(SPECIES, w, k * o + j).mul(x0));
                a1 = a1.add(FloatVector.fromArray(SPECIES, w, k * o + j + LANES).mul(x0));
            }
            if (relu) {
                a0 = a0.max(0f);
                a1 = a1.max(0f);
            }
            a0.intoArray(y, j);
            a1.intoArray(y, j + LANES);
        }
        for (; j + LANES <= o; j += LANES) {
            FloatVector a0 = FloatVector.fromArray(SPECIES, init, j);
            int k = from;
            for (; k + 3 < to; k += 4) {
                a0 = a0.add(group(w, k * o + j, o, FloatVector.broadcast(SPECIES, x[k]),
                        FloatVector.broadcast(SPECIES, x[k + 1]), FloatVector.broadcast(SPECIES, x[k + 2]),
                        FloatVector.broadcast(SPECIES, x[k + 3])));
            }
            for (; k < to; k++) {
                a0 = a0.add(FloatVector.fromArray(SPECIES, w, k * o + j).mul(x[k]));
            }
            if (relu) {
                a0 = a0.max(0f);
            }
            a0.intoArray(y, j);
        }
        if (j < o) {
            if (init != y) {
                System.arraycopy(init, j, y, j, o - j);
            }
            Mlp.accumulate(x, from, to, rows, j, o, y);
            if (relu) {
                for (int c = j; c < o; c++) {
                    y[c] = Math.max(y[c], 0f);
                }
            }
        }
    }

    /** {@code (x0 w[r] + x1 w[r+o]) + (x2 w[r+2o] + x3 w[r+3o])}, lane-wise. */
    private static FloatVector group(float[] w, int r, int o, FloatVector x0, FloatVector x1, FloatVector x2,
                                     FloatVector x3) {
        FloatVector p01 = FloatVector.fromArray(SPECIES, w, r).mul(x0)
                .add(FloatVector.fromArray(SPECIES, w, r + o).mul(x1));
        FloatVector p23 = FloatVector.fromArray(SPECIES, w, r + 2 * o).mul(x2)
                .add(FloatVector.fromArray(SPECIES, w, r + 3 * o).mul(x3));
        return p01.add(p23);
    }
}
