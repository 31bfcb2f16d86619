package org.offload.scenario;

import java.util.List;

/**
 * Device mobility: none; random waypoint inside the placement area with uniform speed and pause ranges; or
 * EdgeCloudSim's nomadic model ({@code mobility/NomadicMobility.java}): a device stays at an edge site for an
 * exponentially distributed time whose mean {@code dwellS[level]} is set by the site's attractiveness level
 * ({@code attractiveness}, one entry per edge site), then jumps to another site drawn uniformly.
 */
public record MobilitySpec(Type type, Range speedMps, Range pauseS, List<Double> dwellS,
                           List<Integer> attractiveness) {
    public enum Type { NONE, RANDOM_WAYPOINT, NOMADIC }

    public static final MobilitySpec NONE = new MobilitySpec(Type.NONE, Range.of(1), Range.of(0));

    public MobilitySpec {
        Check.present("type", type);
        Check.present("speed_mps", speedMps);
        Check.present("pause_s", pauseS);
        Check.positive("speed_mps.min", speedMps.min());
        Check.nonNegative("pause_s.min", pauseS.min());
        dwellS = dwellS == null ? List.of() : List.copyOf(dwellS);
        attractiveness = attractiveness == null ? List.of() : List.copyOf(attractiveness);
        if (type == Type.NOMADIC) {
            if (dwellS.isEmpty()) {
                throw new ScenarioException("dwell_s", "needs the mean dwell time of at least one level");
            }
            for (int i = 0; i < dwellS.size(); i++) {
                Check.positive("dwell_s[" + i + "]", dwellS.get(i));
            }
            for (int i = 0; i < attractiveness.size(); i++) {
                int level = attractiveness.get(i);
                if (level < 0 || level >= dwellS.size()) {
                    throw new ScenarioException("attractiveness[" + i + "]", "must be a level 0-"
                            + (dwellS.size() - 1) + " of dwell_s, got " + level);
                }
            }
        }
    }

    /** None or random waypoint. */
    public MobilitySpec(Type type, Range speedMps, Range pauseS) {
        this(type, speedMps, pauseS, List.of(), List.of());
    }

    /** Nomadic mobility with the mean dwell time per attractiveness level and each edge site's level. */
    public static MobilitySpec nomadic(List<Double> dwellS, List<Integer> attractiveness) {
        return new MobilitySpec(Type.NOMADIC, Range.of(1), Range.of(0), dwellS, attractiveness);
    }
}
