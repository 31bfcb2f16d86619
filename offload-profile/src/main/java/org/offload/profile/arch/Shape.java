package org.offload.profile.arch;

import java.util.Arrays;

/** The shape of one sample (no batch dimension): (C, H, W) for images, (S, F) for sequences, (F) for vectors. */
public record Shape(long[] dims) {
    public Shape {
        dims = dims.clone();
        for (long d : dims) {
            if (d < 1) {
                throw new IllegalArgumentException("non-positive dimension in " + Arrays.toString(dims));
            }
        }
    }

    public static Shape of(long... dims) {
        return new Shape(dims);
    }

    public int rank() {
        return dims.length;
    }

    public long dim(int i) {
        return dims[i];
    }

    public long size() {
        long n = 1;
        for (long d : dims) {
            n *= d;
        }
        return n;
    }

    public Shape withLast(long last) {
        long[] d = dims.clone();
        d[d.length - 1] = last;
        return new Shape(d);
    }

    /** The dimensions with a leading batch dimension. */
    public long[] batched(long batch) {
        long[] d = new long[dims.length + 1];
        d[0] = batch;
        System.arraycopy(dims, 0, d, 1, dims.length);
        return d;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Shape s && Arrays.equals(dims, s.dims);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(dims);
    }

    @Override
    public String toString() {
        return Arrays.toString(dims);
    }
}
