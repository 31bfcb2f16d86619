package org.offload.mobility;

/** Devices stay where they were placed. */
public final class StaticMobility implements MobilityModel {
    private final double[][] positions;

    public StaticMobility(double[][] positions) {
        this.positions = positions;
    }

    @Override
    public void position(int device, double t, double[] xy) {
        xy[0] = positions[device][0];
        xy[1] = positions[device][1];
    }

    @Override
    public boolean moves() {
        return false;
    }
}
