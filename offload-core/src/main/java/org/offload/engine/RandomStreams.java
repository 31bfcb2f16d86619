package org.offload.engine;

import java.util.SplittableRandom;

/**
 * Derives independent, reproducible random streams from one master seed. Each component asks for its own
 * stream by a stable name and index, so adding a component or changing the order in which components are
 * built does not shift the numbers another component sees.
 */
public final class RandomStreams {
    private final long masterSeed;

    public RandomStreams(long masterSeed) {
        this.masterSeed = masterSeed;
    }

    public long masterSeed() {
        return masterSeed;
    }

    /** A stream for component {@code name}, instance {@code index}. */
    public SplittableRandom stream(String name, long index) {
        long h = mix(masterSeed ^ 0x9E3779B97F4A7C15L);
        for (int i = 0; i < name.length(); i++) {
            h = mix(h ^ name.charAt(i));
        }
        h = mix(h ^ index);
        return new SplittableRandom(h);
    }

    /** A seed for replication {@code r} of a sweep point, derived the same way. */
    public static long derive(long seed, String name, long index) {
        return new RandomStreams(seed).stream(name, index).nextLong();
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
