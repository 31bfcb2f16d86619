package org.offload.drift;

import java.util.Arrays;

/**
 * The accuracy of one continual-learning application over simulated time, one point every {@code series_s} from 0 to
 * the end of the duration: the mean and lowest accuracy of its devices' models, their mean useful knowledge, the KB
 * uploaded so far (since time 0) and the retraining jobs in flight. Parallel arrays, in time order.
 */
public record DriftSeries(double[] timeS, double[] meanAccuracy, double[] minAccuracy, double[] meanKnowledge,
                          double[] uploadKb, int[] retrainInFlight) {
    public DriftSeries {
        timeS = timeS.clone();
        meanAccuracy = meanAccuracy.clone();
        minAccuracy = minAccuracy.clone();
        meanKnowledge = meanKnowledge.clone();
        uploadKb = uploadKb.clone();
        retrainInFlight = retrainInFlight.clone();
    }

    public int size() {
        return timeS.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DriftSeries s && Arrays.equals(timeS, s.timeS)
                && Arrays.equals(meanAccuracy, s.meanAccuracy)
                && Arrays.equals(minAccuracy, s.minAccuracy) && Arrays.equals(meanKnowledge, s.meanKnowledge)
                && Arrays.equals(uploadKb, s.uploadKb) && Arrays.equals(retrainInFlight, s.retrainInFlight);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(timeS) * 31 + Arrays.hashCode(meanAccuracy);
    }

    @Override
    public String toString() {
        return "DriftSeries[" + size() + " points]";
    }
}
