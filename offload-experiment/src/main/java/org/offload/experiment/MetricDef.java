package org.offload.experiment;

/**
 * A metric a study tabulates: its CSV column (with the unit as suffix), whether per-run values are counts, the
 * range its values lie in (which decides its confidence interval) and a label for charts and tables.
 */
public interface MetricDef {
    String column();

    boolean integral();

    Range range();

    String label();

    /** The factor from the metric's unit to the one charts show: 100 for a fraction shown in percent. */
    default double displayScale() {
        return range() == Range.FRACTION ? 100 : 1;
    }
}
