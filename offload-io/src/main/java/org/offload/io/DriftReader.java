package org.offload.io;

import java.util.ArrayList;
import java.util.List;

import org.offload.model.Tier;
import org.offload.scenario.DriftSpec;
import org.offload.scenario.LearningCurve;

/**
 * Reads an application's {@code drift} block (continual learning under drift, {@link DriftSpec}) with the strict
 * {@link Section} rules: unknown keys, missing required keys and out-of-range values name file, line and key.
 */
final class DriftReader {
    private static final double DEFAULT_RATE_PER_S = 0;
    private static final double DEFAULT_VALUE_K = 0;
    private static final double DEFAULT_BASE_MI = 0;
    private static final double DEFAULT_MEMORY_MB = 0;

    private DriftReader() {
    }

    /**
     * {@code drift: {accuracy: {max, b, c, floor}, initial_samples, rate_per_s, events: [{at_s, severity}],
     * task_change: {at_s, meta_factor}, sample: {kb, value_k}, upload: {policy, period_s, threshold, budget_kb,
     * budget_j}, retrain: {tier, mi_per_sample, base_mi, model_kb, vm_utilization, memory_mb}, series_s}}.
     */
    static DriftSpec read(Section app, double durationS) {
        Section d = app.section("drift").allow("accuracy", "initial_samples", "rate_per_s", "events", "task_change",
                "sample", "upload", "retrain", "series_s");
        Section a = d.section("accuracy").allow("max", "b", "c", "floor");
        double max = a.number("max");
        double b = a.number("b");
        double c = a.number("c");
        double floor = a.number("floor");
        LearningCurve curve = a.build(() -> new LearningCurve(max, b, c, floor));
        double initial = d.number("initial_samples");
        double rate = d.number("rate_per_s", DEFAULT_RATE_PER_S);
        List<DriftSpec.Event> events = new ArrayList<>();
        if (d.has("events")) {
            for (Section e : d.sections("events")) {
                e.allow("at_s", "severity");
                double at = e.number("at_s");
                double severity = e.number("severity");
                events.add(e.build(() -> new DriftSpec.Event(at, severity)));
            }
        }
        DriftSpec.TaskChange change = null;
        if (d.has("task_change")) {
            Section t = d.section("task_change").allow("at_s", "meta_factor");
            double at = t.number("at_s");
            double factor = t.number("meta_factor", 1);
            change = t.build(() -> new DriftSpec.TaskChange(at, factor));
        }
        Section s = d.section("sample").allow("kb", "value_k");
        double sampleKb = s.number("kb");
        double valueK = s.number("value_k", DEFAULT_VALUE_K);
        DriftSpec.Upload upload = upload(d.section("upload"));
        DriftSpec.Retrain retrain = retrain(d.section("retrain"));
        double series = d.number("series_s", durationS / 100);
        DriftSpec.TaskChange taskChange = change;
        return d.build(() -> new DriftSpec(curve, initial, rate, events, taskChange, sampleKb, valueK, upload,
                retrain, series));
    }

    private static DriftSpec.Upload upload(Section u) {
        u.allow("policy", "period_s", "threshold", "budget_kb", "budget_j");
        DriftSpec.Upload.Policy policy = u.choice("policy", DriftSpec.Upload.Policy.class, null);
        double period = u.number("period_s");
        double threshold = u.number("threshold", Double.NaN);
        if (policy == DriftSpec.Upload.Policy.SELECTIVE && !u.has("threshold")) {
            throw u.error("threshold", "is required for policy selective (a value score in [0, 1])");
        }
        double budgetKb = u.number("budget_kb", Double.NaN);
        double budgetJ = u.number("budget_j", Double.NaN);
        return u.build(() -> new DriftSpec.Upload(policy, period, threshold, budgetKb, budgetJ));
    }

    private static DriftSpec.Retrain retrain(Section r) {
        r.allow("tier", "mi_per_sample", "base_mi", "model_kb", "vm_utilization", "memory_mb");
        String tierName = r.text("tier");
        Tier tier = switch (tierName) {
            case "edge" -> Tier.EDGE;
            case "cloud" -> Tier.CLOUD;
            default -> throw r.error("tier", "unknown value '" + tierName + "'; allowed values: edge, cloud");
        };
        double perSample = r.number("mi_per_sample");
        double base = r.number("base_mi", DEFAULT_BASE_MI);
        double modelKb = r.number("model_kb");
        double share = r.number("vm_utilization");
        double memory = r.number("memory_mb", DEFAULT_MEMORY_MB);
        return r.build(() -> new DriftSpec.Retrain(tier, perSample, base, modelKb, share, memory));
    }
}
