package org.offload.service.state;

import java.util.Arrays;

/**
 * The last report of every VM, link and device, with the time it arrived (NaN = never). Links are numbered WLAN
 * of site 0..sites-1, then WAN of site 0..sites-1, then the MAN. Bounded by the scenario: one slot per node.
 * Values are as reported; whether a report is still fresh is the reader's business.
 */
public final class TelemetryTable {
    final double[] vmT;
    final double[] vmUtil;
    final int[] vmLoad;
    final int[] vmQueue;
    final double[] vmFree;
    final double[] vmWait;
    final double[] linkT;
    final double[] linkBw;
    final double[] linkLatency;
    final int[] linkActive;
    final double[] linkUtil;
    /** Per link, its transfers per GPS flow as last reported, or null. */
    final int[][] linkFlows;
    final double[] devT;
    final int[] devSite;
    final double[] devX;
    final double[] devY;
    final double[] devBattery;
    final double[] devCpuUtil;
    final int[] devCpuLoad;
    final double[] devCpuWait;
    private final int sites;

    public TelemetryTable(int vms, int sites, int devices) {
        this.sites = sites;
        vmT = nan(vms);
        vmUtil = new double[vms];
        vmLoad = new int[vms];
        vmQueue = new int[vms];
        vmFree = new double[vms];
        vmWait = new double[vms];
        int links = 2 * sites + 1;
        linkT = nan(links);
        linkBw = new double[links];
        linkLatency = new double[links];
        linkActive = new int[links];
        linkUtil = new double[links];
        linkFlows = new int[links][];
        devT = nan(devices);
        devSite = new int[devices];
        devX = new double[devices];
        devY = new double[devices];
        devBattery = new double[devices];
        devCpuUtil = new double[devices];
        devCpuLoad = new int[devices];
        devCpuWait = new double[devices];
    }

    private static double[] nan(int n) {
        double[] a = new double[n];
        Arrays.fill(a, Double.NaN);
        return a;
    }

    /** Index of a link: WLAN {@code site}, WAN {@code sites + site}, MAN {@code 2 * sites}. */
    public int linkIndex(Telemetry.LinkKind kind, int site) {
        return switch (kind) {
            case WLAN -> site;
            case WAN -> sites + site;
            case MAN -> 2 * sites;
        };
    }

    /** Stores a message received at {@code nowS} (device sites resolved). */
    public void apply(Telemetry t, double nowS) {
        for (Telemetry.VmReport r : t.vms()) {
            int v = r.vm();
            vmT[v] = nowS;
            vmUtil[v] = Double.isNaN(r.utilizationPercent()) ? 0 : r.utilizationPercent();
            vmLoad[v] = Math.max(0, r.load());
            vmQueue[v] = Math.max(0, r.queueLength());
            vmFree[v] = r.freeMemoryMb();
            vmWait[v] = r.waitS();
        }
        for (Telemetry.LinkReport r : t.links()) {
            int l = linkIndex(r.kind(), r.site());
            linkT[l] = nowS;
            linkBw[l] = r.bandwidthMbps();
            linkLatency[l] = r.latencyS();
            linkActive[l] = Math.max(0, r.activeTransfers());
            linkUtil[l] = Double.isNaN(r.utilization()) ? 0 : r.utilization();
            linkFlows[l] = r.flowTransfers();
        }
        for (Telemetry.DeviceReport r : t.devices()) {
            int d = r.device();
            devT[d] = nowS;
            devSite[d] = r.site();
            devX[d] = r.x();
            devY[d] = r.y();
            devBattery[d] = r.batteryPercent();
            devCpuUtil[d] = Double.isNaN(r.cpuUtilizationPercent()) ? 0 : r.cpuUtilizationPercent();
            devCpuLoad[d] = Math.max(0, r.cpuLoad());
            devCpuWait[d] = r.cpuWaitS();
        }
    }

    // Read access, one accessor per value (the view decides what is fresh).
    public double vmTime(int v) { return vmT[v]; }
    public double vmUtil(int v) { return vmUtil[v]; }
    public int vmLoad(int v) { return vmLoad[v]; }
    public int vmQueue(int v) { return vmQueue[v]; }
    public double vmFreeMb(int v) { return vmFree[v]; }
    public double vmWaitS(int v) { return vmWait[v]; }
    public double linkTime(int l) { return linkT[l]; }
    public double linkBandwidthMbps(int l) { return linkBw[l]; }
    public double linkLatencyS(int l) { return linkLatency[l]; }
    public int linkActive(int l) { return linkActive[l]; }
    public double linkUtil(int l) { return linkUtil[l]; }
    /** Transfers per GPS flow of a sliced link as reported (do not modify), or null. */
    public int[] linkFlows(int l) { return linkFlows[l]; }
    public double deviceTime(int d) { return devT[d]; }
    public int deviceSite(int d) { return devSite[d]; }
    public double deviceX(int d) { return devX[d]; }
    public double deviceY(int d) { return devY[d]; }
    public double deviceBattery(int d) { return devBattery[d]; }
    public double deviceCpuUtil(int d) { return devCpuUtil[d]; }
    public int deviceCpuLoad(int d) { return devCpuLoad[d]; }
    public double deviceCpuWaitS(int d) { return devCpuWait[d]; }
    public int vmCount() { return vmT.length; }
    public int linkCount() { return linkT.length; }
    public int deviceCount() { return devT.length; }
}
