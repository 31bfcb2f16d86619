package org.offload.service.state;

import java.util.List;

/**
 * One telemetry message. Each report describes its node completely: fields left out take their nominal values
 * (idle VM, the scenario's link capacity and latency, the device's scenario position). NaN / -1 mean "not given".
 */
public record Telemetry(List<VmReport> vms, List<LinkReport> links, List<DeviceReport> devices) {
    public Telemetry {
        vms = List.copyOf(vms);
        links = List.copyOf(links);
        devices = List.copyOf(devices);
    }

    /**
     * @param utilizationPercent claimed utilisation (percent of the VM)
     * @param load               tasks in the VM
     * @param queueLength        tasks waiting for a core (FCFS)
     * @param freeMemoryMb       free memory
     * @param waitS              expected wait before a new task starts (FCFS); NaN = estimate from load
     */
    public record VmReport(int vm, double utilizationPercent, int load, int queueLength, double freeMemoryMb,
                           double waitS) {
    }

    /**
     * A link: its kind, site (-1 for the MAN), capacity, one-way latency, active transfers, utilisation 0..1, and on
     * a sliced link its transfers per GPS flow ({@code flowTransfers[0]} the unreserved remainder, then one per
     * slice covering the link in the plan's order; null when not reported: all count as the remainder's).
     */
    public record LinkReport(LinkKind kind, int site, double bandwidthMbps, double latencyS, int activeTransfers,
                             double utilization, int[] flowTransfers) {
        /** A report without per-slice counts. */
        public LinkReport(LinkKind kind, int site, double bandwidthMbps, double latencyS, int activeTransfers,
                          double utilization) {
            this(kind, site, bandwidthMbps, latencyS, activeTransfers, utilization, null);
        }

        public LinkReport {
            flowTransfers = flowTransfers == null ? null : flowTransfers.clone();
        }
    }

    public enum LinkKind { WLAN, WAN, MAN }

    /**
     * @param site                  access site now (-1 = out of coverage); {@link #SITE_UNSET} = derive from x, y
     *                              or the scenario position
     * @param batteryPercent        battery level, NaN = unknown
     * @param cpuUtilizationPercent claimed utilisation of the device's CPU
     * @param cpuLoad               tasks on the device's CPU
     * @param cpuWaitS              expected wait before a new local task starts (FCFS), NaN = from load
     */
    public record DeviceReport(int device, int site, double x, double y, double batteryPercent,
                               double cpuUtilizationPercent, int cpuLoad, double cpuWaitS) {
        public static final int SITE_UNSET = Integer.MIN_VALUE;
    }
}
