package org.offload.aigc;

import java.util.ArrayList;
import java.util.List;

/**
 * What the devices observe at the start of a slot (the paper's state space): each device's task (type, size,
 * computational density, deadline), its CPU and location, its uplink rate to each edge server, each server's
 * capacity and load in the previous slot, and model compatibility (which server caches which model).
 * Immutable; arrays are copies owned by the observation, exposed read-only by accessor methods.
 *
 * <p>{@link #local} and {@link #global} encode it as normalised feature vectors for learning agents, with or
 * without the model information ({@code modelAware}): without it, the task type, the compatibility bits and
 * the cache bitmap are left out (the MADDPG-NoModel baseline).
 */
public final class AigcObservation {
    /** Rate that normalises uplink-rate features, Mbit/s. */
    static final double RATE_SCALE_MBPS = 200;

    private final int slot;
    private final int slotsPerEpisode;
    private final int models;
    private final int[] type;
    private final double[] dataMb;
    private final double[] cyclesPerBit;
    private final double[] deadlineS;
    private final double[] cpuGhz;
    private final double[] x;
    private final double[] y;
    private final double[][] distanceM;
    private final double[][] rateMbps;
    private final double[] serverCpuGhz;
    private final double cloudCpuGhz;
    private final int[] edgeLoad;
    private final int cloudLoad;
    private final boolean[][] cached;
    private final double maxDataMb;
    private final double maxCyclesPerBit;
    private final double maxDeadlineS;
    private final double maxCpuGhz;
    private final double width;
    private final double height;

    AigcObservation(AigcScenario s, int slot, int[] type, double[] dataMb, double[] cyclesPerBit, double[] deadlineS,
                    double[] cpuGhz, double[] x, double[] y, double[][] distanceM, double[][] rateMbps,
                    int[] edgeLoad, int cloudLoad, boolean[][] cached) {
        this.slot = slot;
        this.slotsPerEpisode = s.slotsPerEpisode();
        this.models = s.modelCount();
        this.type = type.clone();
        this.dataMb = dataMb.clone();
        this.cyclesPerBit = cyclesPerBit.clone();
        this.deadlineS = deadlineS.clone();
        this.cpuGhz = cpuGhz.clone();
        this.x = x.clone();
        this.y = y.clone();
        this.distanceM = deepCopy(distanceM);
        this.rateMbps = deepCopy(rateMbps);
        int servers = s.edge().servers();
        this.serverCpuGhz = new double[servers];
        java.util.Arrays.fill(serverCpuGhz, s.edge().cpuGhz());
        this.cloudCpuGhz = s.cloud().cpuGhz();
        this.edgeLoad = edgeLoad.clone();
        this.cloudLoad = cloudLoad;
        this.cached = new boolean[cached.length][];
        for (int j = 0; j < cached.length; j++) {
            this.cached[j] = cached[j].clone();
        }
        double md = 0;
        double mc = 0;
        double mt = 0;
        for (AigcScenario.TaskType t : s.activeTypes()) {
            md = Math.max(md, t.dataMb().max());
            mc = Math.max(mc, t.cyclesPerBit());
            mt = Math.max(mt, t.deadlineS().max());
        }
        this.maxDataMb = md;
        this.maxCyclesPerBit = mc;
        this.maxDeadlineS = mt;
        this.maxCpuGhz = s.devices().cpuGhz().max();
        this.width = s.areaWidthM();
        this.height = s.areaHeightM();
    }

    private static double[][] deepCopy(double[][] a) {
        double[][] out = new double[a.length][];
        for (int i = 0; i < a.length; i++) {
            out[i] = a[i].clone();
        }
        return out;
    }

    public int devices() {
        return type.length;
    }

    public int servers() {
        return serverCpuGhz.length;
    }

    public int models() {
        return models;
    }

    /** 0-based slot index within the episode. */
    public int slot() {
        return slot;
    }

    /** Task type (= required model index) of device {@code i}. */
    public int type(int i) {
        return type[i];
    }

    public double dataMb(int i) {
        return dataMb[i];
    }

    public double cyclesPerBit(int i) {
        return cyclesPerBit[i];
    }

    /** CPU cycles of device {@code i}'s whole task. */
    public double cycles(int i) {
        return cyclesPerBit[i] * Formulas.mbToBits(dataMb[i]);
    }

    public double deadlineS(int i) {
        return deadlineS[i];
    }

    public double cpuGhz(int i) {
        return cpuGhz[i];
    }

    public double x(int i) {
        return x[i];
    }

    public double y(int i) {
        return y[i];
    }

    public double distanceM(int i, int j) {
        return distanceM[i][j];
    }

    /** Uplink rate of device {@code i} to server {@code j} with the access point's whole bandwidth, Mbit/s. */
    public double rateMbps(int i, int j) {
        return rateMbps[i][j];
    }

    public double serverCpuGhz(int j) {
        return serverCpuGhz[j];
    }

    public double cloudCpuGhz() {
        return cloudCpuGhz;
    }

    /** Tasks (remote shares) that server {@code j} computed in the previous slot. */
    public int edgeLoad(int j) {
        return edgeLoad[j];
    }

    /** Tasks (remote shares) the cloud computed in the previous slot. */
    public int cloudLoad() {
        return cloudLoad;
    }

    /** Whether server {@code j} caches model {@code m}. */
    public boolean cached(int j, int m) {
        return cached[j][m];
    }

    /** Index of the nearest edge server to device {@code i}. */
    public int nearestServer(int i) {
        int best = 0;
        for (int j = 1; j < servers(); j++) {
            if (distanceM[i][j] < distanceM[i][best]) {
                best = j;
            }
        }
        return best;
    }

    // ---------------------------------------------------------------- feature encoding

    /** Length of {@link #local}. */
    public static int localSize(int servers, int models, boolean modelAware) {
        return 8 + 4 * servers + 1 + (modelAware ? models + servers + servers * models : 0);
    }

    /** Length of {@link #global}. */
    public static int globalSize(int devices, int servers, int models, boolean modelAware) {
        return devices * (7 + servers + (modelAware ? models : 0)) + 2 * servers + 2
                + (modelAware ? servers * models : 0);
    }

    /** Names of the {@link #local} features, in order. */
    public static List<String> localNames(int servers, int models, boolean modelAware) {
        List<String> n = new ArrayList<>();
        if (modelAware) {
            for (int m = 0; m < models; m++) {
                n.add("type_" + m);
            }
        }
        n.addAll(List.of("data", "density", "deadline", "local_time", "cpu", "pos_x", "pos_y", "slot"));
        for (int j = 0; j < servers; j++) {
            n.add("rate_" + j);
        }
        for (int j = 0; j < servers; j++) {
            n.add("load_" + j);
        }
        n.add("load_cloud");
        for (int j = 0; j < servers; j++) {
            n.add("server_cpu_" + j);
        }
        for (int j = 0; j < servers; j++) {
            n.add("dist_" + j);
        }
        if (modelAware) {
            for (int j = 0; j < servers; j++) {
                n.add("compatible_" + j);
            }
            for (int j = 0; j < servers; j++) {
                for (int m = 0; m < models; m++) {
                    n.add("cache_" + j + "_" + m);
                }
            }
        }
        return n;
    }

    /** Device {@code i}'s own observation as normalised features (see {@link #localNames}). */
    public float[] local(int i, boolean modelAware) {
        int servers = servers();
        float[] f = new float[localSize(servers, models, modelAware)];
        int k = 0;
        if (modelAware) {
            f[k + type[i]] = 1;
            k += models;
        }
        k = task(i, f, k);
        f[k++] = (float) slotFraction();
        for (int j = 0; j < servers; j++) {
            f[k++] = (float) (rateMbps[i][j] / RATE_SCALE_MBPS);
        }
        for (int j = 0; j < servers; j++) {
            f[k++] = (float) edgeLoad[j] / devices();
        }
        f[k++] = (float) cloudLoad / devices();
        for (int j = 0; j < servers; j++) {
            f[k++] = (float) (serverCpuGhz[j] / cloudCpuGhz);
        }
        double diag = Math.hypot(width, height);
        for (int j = 0; j < servers; j++) {
            f[k++] = (float) (distanceM[i][j] / diag);
        }
        if (modelAware) {
            for (int j = 0; j < servers; j++) {
                f[k++] = cached[j][type[i]] ? 1 : 0;
            }
            for (int j = 0; j < servers; j++) {
                for (int m = 0; m < models; m++) {
                    f[k++] = cached[j][m] ? 1 : 0;
                }
            }
        }
        return f;
    }

    private int task(int i, float[] f, int k) {
        f[k++] = (float) (dataMb[i] / maxDataMb);
        f[k++] = (float) (cyclesPerBit[i] / maxCyclesPerBit);
        f[k++] = (float) (deadlineS[i] / maxDeadlineS);
        f[k++] = (float) Math.min(5, cycles(i) / (cpuGhz[i] * 1e9) / deadlineS[i]);
        f[k++] = (float) (cpuGhz[i] / maxCpuGhz);
        f[k++] = (float) (x[i] / width);
        f[k++] = (float) (y[i] / height);
        return k;
    }

    private double slotFraction() {
        return slotsPerEpisode <= 1 ? 0 : slot / (double) (slotsPerEpisode - 1);
    }

    /**
     * The global state for centralised critics and the single-agent baseline: every device's task, CPU,
     * location and rates, then the servers' loads and capacities, the cache bitmap (if model-aware) and the
     * slot.
     */
    public float[] global(boolean modelAware) {
        int servers = servers();
        float[] f = new float[globalSize(devices(), servers, models, modelAware)];
        int k = 0;
        for (int i = 0; i < devices(); i++) {
            if (modelAware) {
                f[k + type[i]] = 1;
                k += models;
            }
            k = task(i, f, k);
            for (int j = 0; j < servers; j++) {
                f[k++] = (float) (rateMbps[i][j] / RATE_SCALE_MBPS);
            }
        }
        for (int j = 0; j < servers; j++) {
            f[k++] = (float) edgeLoad[j] / devices();
        }
        f[k++] = (float) cloudLoad / devices();
        for (int j = 0; j < servers; j++) {
            f[k++] = (float) (serverCpuGhz[j] / cloudCpuGhz);
        }
        if (modelAware) {
            for (int j = 0; j < servers; j++) {
                for (int m = 0; m < models; m++) {
                    f[k++] = cached[j][m] ? 1 : 0;
                }
            }
        }
        f[k++] = (float) slotFraction();
        return f;
    }
}
