package org.offload.scenario;

/**
 * Where devices or edge sites stand. {@code GRID} spreads them evenly over the area, {@code UNIFORM} draws
 * positions from the placement's seeded stream, {@code EUA} uses the EUA data set of Melbourne's CBD (125 edge
 * sites and 816 user positions, MIT licence, Swin Edge), projected to metres; the data set fixes its area, so an
 * {@code EUA} placement has none of its own ({@link #eua()}, width and height 0).
 */
public record PlacementSpec(Type type, double widthM, double heightM) {
    public enum Type { GRID, UNIFORM, EUA }

    public PlacementSpec {
        Check.present("type", type);
        if (type == Type.EUA) {
            if (widthM != 0 || heightM != 0) {
                throw new ScenarioException("area_m", "does not apply to type eua: the data set fixes the area");
            }
        } else {
            Check.positive("area_m", widthM);
            Check.positive("area_m", heightM);
        }
    }

    /** Placement on the EUA data set. */
    public static PlacementSpec eua() {
        return new PlacementSpec(Type.EUA, 0, 0);
    }
}
