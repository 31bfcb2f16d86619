package org.offload.metrics;

/** Mean busy share (percent) of the cores of each tier's VMs over the measurement window. */
public record Utilization(double edge, double cloud, double local) {
}
