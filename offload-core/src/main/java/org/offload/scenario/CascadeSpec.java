package org.offload.scenario;

/**
 * Cascaded inference (issue 20, theme 3): a task of the application executed at the edge answers with a confidence
 * c; when c is below {@code threshold} the task escalates to the cloud's larger model as a second stage of the same
 * job (its {@code featuresKb} of features over the WAN, cloud execution, the result back), whose answer is correct
 * with probability {@code cloudAccuracy}.
 *
 * <p>The confidence is a documented <em>substitute</em>: c ~ Beta(a, 1) (density a·c^(a−1) on [0, 1]) and perfectly
 * calibrated, P(edge answer correct | c) = c. Then the edge model alone is correct with probability a/(a+1), a
 * share t^a of the edge answers escalates, and the cascade's accuracy is a/(a+1)·(1 − t^(a+1)) + t^a·q_cloud
 * ({@link #expectedEscalatedShare}, {@link #expectedAccuracy}). {@code a} is {@code edgeConfidenceA}.
 */
public record CascadeSpec(double threshold, double edgeConfidenceA, double cloudAccuracy, double featuresKb) {
    public CascadeSpec {
        Check.within("cascade.threshold", threshold, 0, 1);
        Check.positive("cascade.edge_confidence_a", edgeConfidenceA);
        Check.within("cascade.cloud_accuracy", cloudAccuracy, 0, 1);
        Check.nonNegative("cascade.features_kb", featuresKb);
    }

    /** Accuracy of the edge model alone, E[c] = a/(a+1). */
    public double edgeAccuracy() {
        return edgeConfidenceA / (edgeConfidenceA + 1);
    }

    /** Closed form of the escalated share of edge answers, P(c &lt; t) = t^a. */
    public double expectedEscalatedShare() {
        return Math.pow(threshold, edgeConfidenceA);
    }

    /** Closed form of the cascade's accuracy when every escalated task is answered by the cloud model. */
    public double expectedAccuracy() {
        double a = edgeConfidenceA;
        return a / (a + 1) * (1 - Math.pow(threshold, a + 1)) + expectedEscalatedShare() * cloudAccuracy;
    }

    /** Draws a confidence by inversion: c = u^(1/a) for u uniform on [0, 1). */
    public double confidence(double uniform) {
        return Math.pow(uniform, 1 / edgeConfidenceA);
    }
}
