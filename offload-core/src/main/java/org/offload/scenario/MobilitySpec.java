package org.offload.scenario;

/** Device mobility: none, or random waypoint inside the placement area with uniform speed and pause ranges. */
public record MobilitySpec(Type type, Range speedMps, Range pauseS) {
    public enum Type { NONE, RANDOM_WAYPOINT }

    public static final MobilitySpec NONE = new MobilitySpec(Type.NONE, Range.of(1), Range.of(0));

    public MobilitySpec {
        Check.present("type", type);
        Check.present("speed_mps", speedMps);
        Check.present("pause_s", pauseS);
        Check.positive("speed_mps.min", speedMps.min());
        Check.nonNegative("pause_s.min", pauseS.min());
    }
}
