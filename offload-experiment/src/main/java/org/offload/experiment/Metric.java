package org.offload.experiment;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * The scalar metrics a discrete-event sweep tabulates, in column order, each with where it lives in
 * {@code summary.json}, its {@link Range} and a label for charts. Column names carry their unit: {@code _s}
 * seconds, {@code _j} joules, {@code _pct} percent (0-100); a rate without a unit ({@code failure_rate},
 * {@code failure_rate_<reason>}) is a fraction (0-1); counts have none. {@link #WALL_TIME_S} is last because it is
 * the only one that differs between two runs of the same point. The Age of Information metrics are NaN (empty)
 * unless the scenario has status-update applications; the split-point, cascade and drift metrics unless it has
 * {@code dnn}, cascade or continual-learning applications.
 */
public enum Metric implements MetricDef {
    TASKS_GENERATED("tasks_generated", "/tasks_generated", Range.NON_NEGATIVE, "Tasks generated"),
    TASKS_COMPLETED("tasks_completed", "/tasks_completed", Range.NON_NEGATIVE, "Tasks completed"),
    TASKS_FAILED("tasks_failed", "/tasks_failed", Range.NON_NEGATIVE, "Tasks failed"),
    FAILURE_RATE("failure_rate", "/failure_rate", Range.FRACTION, "Failed tasks (%)"),
    FAILURE_RATE_REJECTED("failure_rate_rejected", "rejected"),
    FAILURE_RATE_NO_COVERAGE("failure_rate_no_coverage", "no_coverage"),
    FAILURE_RATE_NO_LOCAL_CPU("failure_rate_no_local_cpu", "no_local_cpu"),
    FAILURE_RATE_VM_CAPACITY("failure_rate_vm_capacity", "vm_capacity"),
    FAILURE_RATE_VM_MEMORY("failure_rate_vm_memory", "vm_memory"),
    FAILURE_RATE_NETWORK_CONGESTION("failure_rate_network_congestion", "network_congestion"),
    FAILURE_RATE_MOBILITY("failure_rate_mobility", "mobility"),
    FAILURE_RATE_DEADLINE("failure_rate_deadline", "deadline"),
    FAILURE_RATE_UNFINISHED("failure_rate_unfinished", "unfinished"),
    FAILURE_RATE_SUPERSEDED("failure_rate_superseded", "superseded"),
    SERVICE_TIME_MEAN("service_time_mean_s", "/service_time_s/mean", Range.NON_NEGATIVE, "Mean service time (s)"),
    SERVICE_TIME_P50("service_time_p50_s", "/service_time_s/p50", Range.NON_NEGATIVE, "Median service time (s)"),
    SERVICE_TIME_P95("service_time_p95_s", "/service_time_s/p95", Range.NON_NEGATIVE,
            "95th percentile service time (s)"),
    SERVICE_TIME_P99("service_time_p99_s", "/service_time_s/p99", Range.NON_NEGATIVE,
            "99th percentile service time (s)"),
    NETWORK_DELAY_MEAN("network_delay_mean_s", "/network_delay_s/mean", Range.NON_NEGATIVE,
            "Mean network delay (s)"),
    PROCESSING_TIME_MEAN("processing_time_mean_s", "/processing_time_s/mean", Range.NON_NEGATIVE,
            "Mean processing time (s)"),
    QUEUEING_TIME_MEAN("queueing_time_mean_s", "/queueing_time_s/mean", Range.NON_NEGATIVE,
            "Mean queueing time (s)"),
    VM_UTILIZATION_EDGE("vm_utilization_edge_pct", "/vm_utilization/edge", Range.PERCENT,
            "Mean edge VM utilisation (%)"),
    VM_UTILIZATION_CLOUD("vm_utilization_cloud_pct", "/vm_utilization/cloud", Range.PERCENT,
            "Mean cloud VM utilisation (%)"),
    VM_UTILIZATION_LOCAL("vm_utilization_local_pct", "/vm_utilization/local", Range.PERCENT,
            "Mean device CPU utilisation (%)"),
    ENERGY_TOTAL("energy_total_j", "/device_energy_j/total", Range.NON_NEGATIVE, "Device energy, total (J)"),
    ENERGY_MEAN_PER_DEVICE("energy_per_device_j", "/device_energy_j/mean_per_device", Range.NON_NEGATIVE,
            "Mean energy per device (J)"),
    AOI_MEAN("aoi_mean_s", "Mean Age of Information (s)", "aoi_mean_s"),
    PEAK_AOI_MEAN("peak_aoi_mean_s", "Mean peak Age of Information (s)", "peak_aoi_mean_s"),
    /** Mean number of layers run on the device per measured {@code dnn} task ({@code partitions.dnn_split_points}). */
    DNN_SPLIT_MEAN("dnn_split_mean", Range.NON_NEGATIVE, "Mean split point (layers on the device)",
            Metric::meanSplit),
    /** Cascade accuracy over the cascade applications, weighted by their answered tasks. */
    CASCADE_ACCURACY("cascade_accuracy", Range.FRACTION, "Cascade accuracy (%)",
            s -> cascadeRatio(s, "accuracy", "answered")),
    /** Escalated edge answers over all edge answers of the cascade applications. */
    CASCADE_ESCALATED_SHARE("cascade_escalated_share", Range.FRACTION, "Escalated to the cloud model (%)",
            s -> cascadeRatio(s, null, "edge_answers")),
    /** Continual learning: mean model accuracy over the measured window, device-weighted over drift applications. */
    DRIFT_ACCURACY_MEAN("drift_accuracy_mean", Range.FRACTION, "Mean model accuracy under drift (%)",
            s -> driftSum(s, "accuracy_mean", true)),
    /** Continual learning: KB of training samples uploaded (all drift applications). */
    DRIFT_UPLOAD_KB("drift_upload_kb", Range.NON_NEGATIVE, "Training data uploaded (KB)",
            s -> driftSum(s, "upload_kb", false)),
    /** Continual learning: device energy of sample uploads and model downloads (J). */
    DRIFT_ENERGY_J("drift_energy_j", Range.NON_NEGATIVE, "Energy for continual learning (J)",
            s -> driftSum(s, "energy_j", false)),
    /** Continual learning: work the servers did for retraining jobs (MI). */
    DRIFT_RETRAIN_MI("drift_retrain_mi", Range.NON_NEGATIVE, "Retraining work on servers (MI)",
            s -> driftSum(s, "retraining/work_mi", false)),
    EVENTS_PROCESSED("events_processed", "/events_processed", Range.NON_NEGATIVE, "Events processed"),
    WALL_TIME_S("wall_time_s", "/wall_time_s", Range.NON_NEGATIVE, "Wall time per run (s)");

    private final String column;
    private final String pointer;
    private final String reason;
    /** Key inside each {@code freshness} entry for the Age of Information metrics, else null. */
    private final String freshnessKey;
    private final Range range;
    private final String label;
    /** Computes a metric derived from several summary entries, else null. */
    private final ToDoubleFunction<JsonNode> derived;

    Metric(String column, String pointer, Range range, String label) {
        this.column = column;
        this.pointer = pointer;
        this.reason = null;
        this.freshnessKey = null;
        this.range = range;
        this.label = label;
        this.derived = null;
    }

    /** A metric computed from the summary by {@code derived} (NaN when the summary has nothing to compute it from). */
    Metric(String column, Range range, String label, ToDoubleFunction<JsonNode> derived) {
        this.column = column;
        this.pointer = "";
        this.reason = null;
        this.freshnessKey = null;
        this.range = range;
        this.label = label;
        this.derived = derived;
    }

    /**
     * An Age of Information metric: the mean of {@code key} over the summary's status-update applications, each
     * weighted by its updated sources (NaN when the scenario has none).
     */
    Metric(String column, String label, String key) {
        this.column = column;
        this.pointer = "/freshness";
        this.reason = null;
        this.freshnessKey = key;
        this.range = Range.NON_NEGATIVE;
        this.label = label;
        this.derived = null;
    }

    /** The share of measured tasks that failed with {@code reason} (0 where the summary lists none). */
    Metric(String column, String reason) {
        this.column = column;
        this.pointer = "/failures_by_reason/" + reason;
        this.reason = reason;
        this.freshnessKey = null;
        this.range = Range.FRACTION;
        this.label = "Failed: " + reason.replace('_', ' ') + " (%)";
        this.derived = null;
    }

    /** The CSV column name (and prefix of the aggregate columns). */
    @Override
    public String column() {
        return column;
    }

    /** JSON pointer into {@code summary.json}. */
    public String pointer() {
        return pointer;
    }

    /** Whether per-run values are counts (written without a fraction). */
    @Override
    public boolean integral() {
        return range == Range.NON_NEGATIVE && derived == null && !column.endsWith("_s") && !column.endsWith("_j");
    }

    @Override
    public Range range() {
        return range;
    }

    /** A label for an axis, with the unit charts show (fractions as %). */
    @Override
    public String label() {
        return label;
    }

    /** The failure reason of a {@code failure_rate_<reason>} metric, or null. */
    public String reason() {
        return reason;
    }

    /** The metric's value in a summary; NaN when missing or null (a non-finite value). */
    public double read(JsonNode summary) {
        if (reason != null) {
            JsonNode generated = summary.at("/tasks_generated");
            if (!generated.isNumber()) {
                return Double.NaN;
            }
            JsonNode count = summary.at(pointer);
            long n = generated.asLong();
            return n == 0 ? 0 : (count.isNumber() ? count.asDouble() : 0) / n;
        }
        if (freshnessKey != null) {
            return sourceWeighted(summary.at(pointer), freshnessKey);
        }
        if (derived != null) {
            return derived.applyAsDouble(summary);
        }
        if (overCompletedTasks() && summary.at("/tasks_completed").isNumber()
                && summary.at("/tasks_completed").asLong() == 0) {
            return Double.NaN;
        }
        JsonNode v = summary.at(pointer);
        return v.isNumber() ? v.doubleValue() : Double.NaN;
    }

    /**
     * Over the summary's {@code drift} applications: the sum of {@code key} (a path below each entry), or with
     * {@code weighted} its mean weighted by the applications' devices; NaN when the run has none.
     */
    private static double driftSum(JsonNode summary, String key, boolean weighted) {
        double sum = 0;
        double weight = 0;
        for (JsonNode app : summary.path("drift")) {
            JsonNode v = app.at("/" + key);
            double w = weighted ? app.path("devices").asDouble() : 1;
            if (v.isNumber() && w > 0) {
                sum += w * v.doubleValue();
                weight += w;
            }
        }
        return weight == 0 ? Double.NaN : weighted ? sum / weight : sum;
    }

    private static double sourceWeighted(JsonNode freshness, String key) {
        double sum = 0;
        double weight = 0;
        for (JsonNode app : freshness) {
            JsonNode v = app.path(key);
            double w = app.path("sources_updated").asDouble();
            if (v.isNumber() && w > 0) {
                sum += w * v.doubleValue();
                weight += w;
            }
        }
        return weight > 0 ? sum / weight : Double.NaN;
    }

    /**
     * Whether the metric is a time over completed tasks; with none completed, {@code summary.json} writes 0, which
     * is no time at all: such a run has no value (NaN), so a policy that failed every task is not drawn at 0 s.
     */
    private boolean overCompletedTasks() {
        return pointer.startsWith("/service_time_s/") || pointer.startsWith("/network_delay_s/")
                || pointer.startsWith("/processing_time_s/") || pointer.startsWith("/queueing_time_s/");
    }

    /** The mean of the split-point histogram {@code partitions.dnn_split_points}; NaN when it is absent or empty. */
    private static double meanSplit(JsonNode summary) {
        JsonNode points = summary.at("/partitions/dnn_split_points");
        double sum = 0;
        long n = 0;
        for (Iterator<Map.Entry<String, JsonNode>> it = points.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            long count = e.getValue().asLong();
            sum += Double.parseDouble(e.getKey()) * count;
            n += count;
        }
        return n > 0 ? sum / n : Double.NaN;
    }

    /**
     * Over the {@code cascade} applications: the {@code weight}-weighted mean of {@code key}, or with a null key
     * {@code escalated / weight} summed; NaN when there is no cascade or no weight.
     */
    private static double cascadeRatio(JsonNode summary, String key, String weight) {
        double sum = 0;
        double total = 0;
        for (JsonNode app : summary.path("cascade")) {
            double w = app.path(weight).asDouble();
            if (key == null) {
                sum += app.path("escalated").asDouble();
                total += w;
            } else if (app.path(key).isNumber() && w > 0) {
                sum += w * app.path(key).asDouble();
                total += w;
            }
        }
        return total > 0 ? sum / total : Double.NaN;
    }

    /** Every metric's value in a summary, indexed by {@link #ordinal()}. */
    public static double[] readAll(JsonNode summary) {
        Metric[] all = values();
        double[] out = new double[all.length];
        for (Metric m : all) {
            out[m.ordinal()] = m.read(summary);
        }
        return out;
    }

    /** The metric whose column is {@code column}, or null. */
    public static Metric byColumn(String column) {
        for (Metric m : values()) {
            if (m.column.equals(column)) {
                return m;
            }
        }
        return null;
    }
}
