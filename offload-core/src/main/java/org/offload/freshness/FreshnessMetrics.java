package org.offload.freshness;

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
 */
public record FreshnessMetrics(int sources, int sourcesUpdated, long deliveries, long obsoleteDeliveries,
                               long superseded, double meanAgeS, double meanPeakAgeS, double worstSourceAgeS) {
}
