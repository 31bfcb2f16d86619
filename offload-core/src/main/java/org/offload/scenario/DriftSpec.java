package org.offload.scenario;

import java.util.List;

import org.offload.model.Tier;

/**
 * Continual learning under drift (issue 20, theme 4): every device running the application holds its own model,
 * whose accuracy is {@link LearningCurve#accuracy} of its <em>useful knowledge</em> n (useful samples, starting at
 * {@code initialSamples}). Drift makes knowledge stale: n decays as exp(−{@code ratePerS}·t) and each drift
 * {@link Event} multiplies it by 1 − severity; a {@link TaskChange} sets it to 0 and from then on every useful sample
 * counts {@code metaFactor}-fold (a meta-learned model adapts with fewer samples). Each inference task gives the
 * device one training sample of {@code sampleKb} with a value score v ~ Beta(1, {@code valueK}) (v = 1 for
 * valueK = 0): a sample of value v counts as v useful samples, decayed by the drift between its collection and its
 * use. The device uploads samples by its {@link Upload} policy; a retraining job ({@link Retrain}) runs on an edge
 * or cloud VM and sends the model back, which then adds the samples' useful value to n. {@code seriesS} is the step
 * of the accuracy time series.
 */
public record DriftSpec(LearningCurve curve, double initialSamples, double ratePerS, List<Event> events,
                        TaskChange taskChange, double sampleKb, double valueK, Upload upload, Retrain retrain,
                        double seriesS) {
    public DriftSpec {
        Check.present("accuracy", curve);
        Check.nonNegative("initial_samples", initialSamples);
        Check.nonNegative("rate_per_s", ratePerS);
        events = List.copyOf(events);
        Check.positive("sample.kb", sampleKb);
        Check.nonNegative("sample.value_k", valueK);
        Check.present("upload", upload);
        Check.present("retrain", retrain);
        Check.positive("series_s", seriesS);
    }

    /** An abrupt drift at {@code atS}: a share {@code severity} (0 &lt; severity &lt; 1) of the knowledge is stale. */
    public record Event(double atS, double severity) {
        public Event {
            Check.nonNegative("at_s", atS);
            if (!(severity > 0 && severity < 1)) {
                throw new ScenarioException("severity", "must be a number > 0 and < 1 (a task change is "
                        + "task_change), got " + severity);
            }
        }
    }

    /** A new task at {@code atS}: the knowledge is lost; later samples count {@code metaFactor}-fold (≥ 1). */
    public record TaskChange(double atS, double metaFactor) {
        public TaskChange {
            Check.nonNegative("at_s", atS);
            if (!(metaFactor >= 1) || Double.isInfinite(metaFactor)) {
                throw new ScenarioException("meta_factor", "must be a number >= 1 (1: no meta-learning), got "
                        + metaFactor);
            }
        }
    }

    /**
     * How a device uploads its samples, once every {@code periodS} (the i-th of the application's n devices at
     * (i + ½)/n of the period): {@code none}; {@code periodic}: every sample collected; {@code selective}: those with
     * value ≥ {@code threshold}; {@code budgeted}: the highest values first within {@code budgetKb} or
     * {@code budgetJ} per period (NaN when not given; at least one is required). Samples not sent are dropped.
     */
    public record Upload(Policy policy, double periodS, double threshold, double budgetKb, double budgetJ) {
        public enum Policy { NONE, PERIODIC, SELECTIVE, BUDGETED }

        public Upload {
            Check.present("policy", policy);
            Check.positive("period_s", periodS);
            if (policy == Policy.SELECTIVE) {
                Check.within("threshold", threshold, 0, 1);
            }
            if (policy == Policy.BUDGETED) {
                if (Double.isNaN(budgetKb) && Double.isNaN(budgetJ)) {
                    throw new ScenarioException("budget_kb", "is required for policy budgeted (or budget_j)");
                }
                if (!Double.isNaN(budgetKb)) {
                    Check.positive("budget_kb", budgetKb);
                }
                if (!Double.isNaN(budgetJ)) {
                    Check.positive("budget_j", budgetJ);
                }
            }
        }
    }

    /**
     * A retraining job: it uploads the samples to a VM of {@code tier} (edge: the device's site; cloud), executes
     * {@code baseMi} + {@code miPerSample} per sample there, claiming {@code vmUtilization} percent and
     * {@code memoryMb} as a task does, and downloads the model's {@code modelKb}.
     */
    public record Retrain(Tier tier, double miPerSample, double baseMi, double modelKb, double vmUtilization,
                          double memoryMb) {
        public Retrain {
            if (tier != Tier.EDGE && tier != Tier.CLOUD) {
                throw new ScenarioException("tier", "must be edge or cloud, got " + tier);
            }
            Check.nonNegative("mi_per_sample", miPerSample);
            Check.nonNegative("base_mi", baseMi);
            if (!(miPerSample + baseMi > 0)) {
                throw new ScenarioException("mi_per_sample", "mi_per_sample and base_mi must not both be 0");
            }
            Check.nonNegative("model_kb", modelKb);
            Check.within("vm_utilization", vmUtilization, 0, 100);
            Check.nonNegative("memory_mb", memoryMb);
        }

        /** The work of a job retraining on {@code samples} samples. */
        public double workMi(int samples) {
            return baseMi + miPerSample * samples;
        }
    }

    /** Draws a sample's value score by inversion from a uniform u in [0, 1): v = 1 − u^(1/k), or 1 for k = 0. */
    public double value(double uniform) {
        return valueK == 0 ? 1 : 1 - Math.pow(uniform, 1 / valueK);
    }
}
