package org.offload.topology;

import java.util.SplittableRandom;

import org.offload.scenario.PlacementSpec;

/** Turns a {@link PlacementSpec} into coordinates (metres). */
public final class Placement {
    private Placement() {
    }

    /**
     * Positions of {@code count} devices ({@code sites == false}) or edge sites ({@code sites == true}).
     * EUA sites are taken evenly spread over the 125 real sites; EUA devices cycle over the 816 real user
     * positions, with a jitter of up to 25 m from {@code random} once every position is used.
     */
    public static double[][] place(PlacementSpec spec, int count, boolean sites, SplittableRandom random,
                                   EuaDataset eua) {
        double[][] out = new double[count][];
        switch (spec.type()) {
            case GRID -> {
                int cols = (int) Math.ceil(Math.sqrt(count * spec.widthM() / spec.heightM()));
                cols = Math.max(1, Math.min(cols, count));
                int rows = (count + cols - 1) / cols;
                for (int i = 0; i < count; i++) {
                    int r = i / cols;
                    int c = i % cols;
                    out[i] = new double[] {(c + 0.5) * spec.widthM() / cols, (r + 0.5) * spec.heightM() / rows};
                }
            }
            case UNIFORM -> {
                for (int i = 0; i < count; i++) {
                    out[i] = new double[] {random.nextDouble() * spec.widthM(), random.nextDouble() * spec.heightM()};
                }
            }
            case EUA -> {
                if (sites) {
                    if (count > eua.siteCount()) {
                        throw new IllegalArgumentException("the EUA data set has " + eua.siteCount()
                                + " edge sites, " + count + " requested");
                    }
                    for (int i = 0; i < count; i++) {
                        out[i] = eua.site((int) ((long) i * eua.siteCount() / count));
                    }
                } else {
                    for (int i = 0; i < count; i++) {
                        double[] p = eua.user(i % eua.userCount());
                        if (i >= eua.userCount()) {
                            p[0] += (random.nextDouble() * 2 - 1) * 25;
                            p[1] += (random.nextDouble() * 2 - 1) * 25;
                        }
                        out[i] = p;
                    }
                }
            }
            default -> throw new IllegalStateException(spec.type().toString());
        }
        return out;
    }
}
