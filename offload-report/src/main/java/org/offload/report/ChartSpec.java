package org.offload.report;

import org.offload.experiment.Metric;

/**
 * One chart of a report: a metric against the number of devices.
 *
 * @param name      file name without extension, also the HTML anchor
 * @param title     chart and section title
 * @param metric    the aggregated metric plotted
 * @param axisLabel y-axis label, with the unit
 * @param unit      unit shown in tables
 * @param scale     factor from the metric's unit to the plotted one (100 for a fraction shown in percent)
 */
public record ChartSpec(String name, String title, Metric metric, String axisLabel, String unit, double scale) {
}
