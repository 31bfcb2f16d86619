package org.offload.mobility;

/** Where each device is at a given time. Implementations are queried with non-decreasing times per device. */
public interface MobilityModel {
    /** Writes the device's position at time {@code t} into {@code xy[0], xy[1]}. */
    void position(int device, double t, double[] xy);

    /** False when no device ever moves, so attachments can be computed once. */
    boolean moves();
}
