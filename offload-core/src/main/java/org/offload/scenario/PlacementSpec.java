package org.offload.scenario;

/**
 * Where devices or edge sites stand. {@code GRID} spreads them evenly over the area, {@code UNIFORM} draws
 * positions from the placement's seeded stream, {@code EUA} uses the EUA data set of Melbourne's CBD (125 edge
 * sites and 816 user positions, MIT licence, Swin Edge), projected to metres.
 */
public record PlacementSpec(Type type, double widthM, double heightM) {
    public enum Type { GRID, UNIFORM, EUA }

    public PlacementSpec {
        Check.present("type", type);
        Check.positive("area_m", widthM);
        Check.positive("area_m", heightM);
    }
}
