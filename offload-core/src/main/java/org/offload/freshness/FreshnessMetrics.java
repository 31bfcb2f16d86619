package org.offload.freshness;

import java.util.List;

/**
 * Age of Information of one status-update application's sources over the measured window (seconds). A source's
 * average age is the time average of {@code t - u(t)}, {@code u(t)} the generation time of the newest update
 * delivered by {@code t}, taken from its first delivery on; its peak age is the mean of the ages just before each
 * delivery that made it fresher (Kaul, Yates, Gruteser 2012; Costa, Codreanu, Ephremides 2016).
 *
 * @param sources             devices running the application
 * @param sourcesUpdated      sources with an age in the window (at least one update delivered by its end)
 * @param deliveries          updates delivered in the window that made their source fresher
 * @param obsoleteDeliveries  updates delivered in the window after a newer one of the same source (no effect)
 * @param superseded          updates ended in flight by a newer one ({@code status_update.superseded: drop})
 * @param meanAgeS            mean over updated sources of each source's average age (NaN with none)
 * @param meanPeakAgeS        mean over updated sources of each source's mean peak age (NaN with none)
 * @param worstSourceAgeS     the largest average age of one source (NaN with none)
 * @param perSource           each source's values, in device order
 */
public record FreshnessMetrics(int sources, int sourcesUpdated, long deliveries, long obsoleteDeliveries,
                               long superseded, double meanAgeS, double meanPeakAgeS, double worstSourceAgeS,
                               List<Source> perSource) {
    public FreshnessMetrics {
        perSource = List.copyOf(perSource);
    }

    /**
     * One source's Age of Information over the window: its average and mean peak age (NaN when it had none) and
     * the deliveries that made it fresher.
     */
    public record Source(int device, double meanAgeS, double meanPeakAgeS, long deliveries) {
    }
}
