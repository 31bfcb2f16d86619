package org.offload.drift;

import java.util.Arrays;

import org.offload.scenario.DriftSpec;
import org.offload.scenario.LearningCurve;

/**
 * The devices' models of one continual-learning application ({@link DriftSpec}): each device's useful knowledge n
 * and, from it, its accuracy {@link LearningCurve#accuracy}(n). Staleness is measured by a drift clock
 * D(t) = rate·t + Σ −ln(1 − severity) over the drift events so far, so knowledge learnt when the clock read D₀ is
 * worth exp(−(D(t) − D₀)) of itself at t; a task change empties every model and starts a new epoch whose samples
 * count {@code metaFactor}-fold. The state is stored lazily (n at the clock reading of its last change), so time
 * passing costs nothing; queries are for the current time, which never goes back.
 */
public final class DeviceModels {
    private final LearningCurve curve;
    private final double rate;
    private final double[] knowledge;
    private final double[] clockAt;
    private double eventsClock;
    private int epoch;
    private double factor = 1;

    /** {@code devices} models, each starting with {@code spec.initialSamples()} useful samples at time 0. */
    public DeviceModels(DriftSpec spec, int devices) {
        this.curve = spec.curve();
        this.rate = spec.ratePerS();
        this.knowledge = new double[devices];
        this.clockAt = new double[devices];
        Arrays.fill(knowledge, spec.initialSamples());
    }

    /** The drift clock D at {@code nowS}. */
    public double clock(double nowS) {
        return rate * nowS + eventsClock;
    }

    /** Device {@code d}'s useful knowledge n at {@code nowS}. */
    public double knowledge(int d, double nowS) {
        return knowledge[d] * Math.exp(-(clock(nowS) - clockAt[d]));
    }

    /** Device {@code d}'s model accuracy at {@code nowS}. */
    public double accuracy(int d, double nowS) {
        return curve.accuracy(knowledge(d, nowS));
    }

    /** An abrupt drift now: a share {@code severity} of every model's knowledge goes stale. */
    public void driftEvent(double severity) {
        eventsClock -= Math.log1p(-severity);
    }

    /** A task change now: every model's knowledge is lost; later samples count {@code metaFactor}-fold. */
    public void taskChange(double metaFactor, double nowS) {
        epoch++;
        factor = metaFactor;
        Arrays.fill(knowledge, 0);
        Arrays.fill(clockAt, clock(nowS));
    }

    /** The current epoch (task changes so far): samples of an earlier epoch teach nothing. */
    public int epoch() {
        return epoch;
    }

    /**
     * Device {@code d} receives a model retrained on samples of {@code sampleEpoch} whose useful value, decayed to
     * drift-clock reading {@code valueClock}, is {@code value}; returns the useful samples added (0 for an old
     * epoch's samples).
     */
    public double learn(int d, double nowS, double value, double valueClock, int sampleEpoch) {
        if (sampleEpoch != epoch) {
            return 0;
        }
        double now = clock(nowS);
        double added = factor * value * Math.exp(-(now - valueClock));
        knowledge[d] = knowledge(d, nowS) + added;
        clockAt[d] = now;
        return added;
    }
}
