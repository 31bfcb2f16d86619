package org.offload.experiment;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The scalar metrics a sweep tabulates, in column order, each with where it lives in {@code summary.json}.
 * Units are those of the summary: times in seconds, failure rate as a fraction, utilisations in percent,
 * energies in joules. {@link #WALL_TIME_S} is last because it is the only one that differs between two runs
 * of the same point.
 */
public enum Metric {
    TASKS_GENERATED("tasks_generated", "/tasks_generated", true),
    TASKS_COMPLETED("tasks_completed", "/tasks_completed", true),
    TASKS_FAILED("tasks_failed", "/tasks_failed", true),
    FAILURE_RATE("failure_rate", "/failure_rate", false),
    SERVICE_TIME_MEAN("service_time_mean", "/service_time_s/mean", false),
    SERVICE_TIME_P50("service_time_p50", "/service_time_s/p50", false),
    SERVICE_TIME_P95("service_time_p95", "/service_time_s/p95", false),
    SERVICE_TIME_P99("service_time_p99", "/service_time_s/p99", false),
    NETWORK_DELAY_MEAN("network_delay_mean", "/network_delay_s/mean", false),
    PROCESSING_TIME_MEAN("processing_time_mean", "/processing_time_s/mean", false),
    QUEUEING_TIME_MEAN("queueing_time_mean", "/queueing_time_s/mean", false),
    VM_UTILIZATION_EDGE("vm_utilization_edge", "/vm_utilization/edge", false),
    VM_UTILIZATION_CLOUD("vm_utilization_cloud", "/vm_utilization/cloud", false),
    VM_UTILIZATION_LOCAL("vm_utilization_local", "/vm_utilization/local", false),
    ENERGY_TOTAL("energy_total", "/device_energy_j/total", false),
    ENERGY_MEAN_PER_DEVICE("energy_mean_per_device", "/device_energy_j/mean_per_device", false),
    EVENTS_PROCESSED("events_processed", "/events_processed", true),
    WALL_TIME_S("wall_time_s", "/wall_time_s", false);

    private final String column;
    private final String pointer;
    private final boolean integral;

    Metric(String column, String pointer, boolean integral) {
        this.column = column;
        this.pointer = pointer;
        this.integral = integral;
    }

    /** The CSV column name (and prefix of the aggregate columns). */
    public String column() {
        return column;
    }

    /** JSON pointer into {@code summary.json}. */
    public String pointer() {
        return pointer;
    }

    /** Whether per-run values are counts (written without a fraction). */
    public boolean integral() {
        return integral;
    }

    /** The metric's value in a summary; NaN when missing or null (a non-finite value). */
    public double read(JsonNode summary) {
        JsonNode v = summary.at(pointer);
        return v.isNumber() ? v.doubleValue() : Double.NaN;
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
