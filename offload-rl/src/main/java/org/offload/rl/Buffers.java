package org.offload.rl;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** Checks of the caller-owned buffers {@link BufferEnv} and {@link BufferVectorEnv} write into. */
final class Buffers {
    private Buffers() {
    }

    /** A native-order view of {@code b}, which must hold exactly {@code count} values of {@code width} bytes. */
    static ByteBuffer sized(ByteBuffer b, String what, int count, int width) {
        if (b.capacity() != count * width) {
            throw new IllegalArgumentException(what + " buffer has " + b.capacity() + " bytes, expected "
                    + count * width + " (" + count + " values of " + width + " bytes)");
        }
        return b.duplicate().order(ByteOrder.nativeOrder());
    }
}
