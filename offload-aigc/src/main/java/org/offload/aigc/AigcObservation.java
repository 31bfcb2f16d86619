package org.offload.aigc;

/**
 * What the devices observe at the start of a slot (the paper's state space and what coordination needs): each
 * device's task (type, size, computational density, deadline), its CPU, location and work left from earlier slots,
 * its uplink rate to each edge server; each server's load and uplink users in the previous slot, its work left,
 * and model compatibility (which server caches which model); the recent demand of each model; the devices per
 * access point; and each device's own last action. Immutable; arrays are copies owned by the observation, exposed
 * read-only by accessor methods.
 *
 * <p>{@link #local} and {@link #global} encode it as normalised feature vectors for learning agents, with the
 * feature groups a {@link Features} selects (without model awareness the task type, compatibility bits, cache
 * bitmap and demand are left out: the MADDPG-NoModel baseline).
 */
public final class AigcObservation {
    /** Rate that normalises uplink-rate features, Mbit/s. */
    static final double RATE_SCALE_MBPS = 200;
    /** Work left (backlog) features are in seconds, capped at this. */
    static final double BACKLOG_CAP_S = 10;

    /** Per-device inputs of an observation. */
    record Devices(int[] type, double[] dataMb, double[] cyclesPerBit, double[] deadlineS, double[] cpuGhz,
                   double[] x, double[] y, double[][] distanceM, double[][] rateMbps, double[] backlogS,
                   AigcAction[] lastAction) {
    }

    /** Per-server (and cloud) inputs of an observation. */
    record Servers(int[] edgeLoad, int cloudLoad, int[] uplinkUsers, double[] backlogS, boolean[][] cached,
                   int[] devicesPerAp, double[] demand) {
    }

    private final AigcScenario s;
    private final int slot;
    private final Devices d;
    private final Servers v;
    private final double maxDataMb;
    private final double maxCyclesPerBit;
    private final double maxDeadlineS;
    private final double maxCpuGhz;

    /** {@code devices} and {@code servers} must be copies the observation may keep. */
    AigcObservation(AigcScenario s, int slot, Devices devices, Servers servers) {
        this.s = s;
        this.slot = slot;
        this.d = devices;
        this.v = servers;
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
    }

    public int devices() {
        return d.type().length;
    }

    public int servers() {
        return v.edgeLoad().length;
    }

    public int models() {
        return s.modelCount();
    }

    /** 0-based slot index within the episode. */
    public int slot() {
        return slot;
    }

    /** Task type (= required model index) of device {@code i}. */
    public int type(int i) {
        return d.type()[i];
    }

    public double dataMb(int i) {
        return d.dataMb()[i];
    }

    public double cyclesPerBit(int i) {
        return d.cyclesPerBit()[i];
    }

    /** CPU cycles of device {@code i}'s whole task. */
    public double cycles(int i) {
        return d.cyclesPerBit()[i] * Formulas.mbToBits(d.dataMb()[i]);
    }

    public double deadlineS(int i) {
        return d.deadlineS()[i];
    }

    public double cpuGhz(int i) {
        return d.cpuGhz()[i];
    }

    public double x(int i) {
        return d.x()[i];
    }

    public double y(int i) {
        return d.y()[i];
    }

    public double distanceM(int i, int j) {
        return d.distanceM()[i][j];
    }

    /** Uplink rate of device {@code i} to server {@code j} with the access point's whole bandwidth, Mbit/s. */
    public double rateMbps(int i, int j) {
        return d.rateMbps()[i][j];
    }

    /** Work device {@code i}'s CPU has left from earlier slots, seconds (FIFO queueing; 0 otherwise). */
    public double deviceBacklogS(int i) {
        return d.backlogS()[i];
    }

    /** Device {@code i}'s action in the previous slot (null in the first slot). */
    public AigcAction lastAction(int i) {
        return d.lastAction()[i];
    }

    public double serverCpuGhz(int j) {
        return s.edge().cpuGhz();
    }

    public double cloudCpuGhz() {
        return s.cloud().cpuGhz();
    }

    /** Tasks (remote shares) that server {@code j} computed in the previous slot. */
    public int edgeLoad(int j) {
        return v.edgeLoad()[j];
    }

    /** Tasks (remote shares) the cloud computed in the previous slot. */
    public int cloudLoad() {
        return v.cloudLoad();
    }

    /** Devices that uploaded through server {@code j}'s access point in the previous slot. */
    public int uplinkUsers(int j) {
        return v.uplinkUsers()[j];
    }

    /** Work server {@code j} has left from earlier slots, seconds (FIFO queueing; 0 otherwise). */
    public double serverBacklogS(int j) {
        return v.backlogS()[j];
    }

    /** Devices whose nearest edge server (access point for cloud-bound tasks) is {@code j}. */
    public int devicesPerAp(int j) {
        return v.devicesPerAp()[j];
    }

    /**
     * Recent demand of model {@code m}: the share of tasks that needed it, exponentially weighted over the slots
     * so far ({@link AigcEnv#DEMAND_WEIGHT} per slot), starting from uniform. What the edge servers see of the
     * popularity; the true popularity is not observed.
     */
    public double demand(int m) {
        return v.demand()[m];
    }

    /** Whether server {@code j} caches model {@code m}. */
    public boolean cached(int j, int m) {
        return v.cached()[j][m];
    }

    /** Index of the nearest edge server to device {@code i}. */
    public int nearestServer(int i) {
        int best = 0;
        for (int j = 1; j < servers(); j++) {
            if (d.distanceM()[i][j] < d.distanceM()[i][best]) {
                best = j;
            }
        }
        return best;
    }

    // ---------------------------------------------------------------- feature encoding

    /** Device {@code i}'s own observation as normalised features ({@link Features#localNames}). */
    public float[] local(int i, Features f) {
        float[] out = new float[f.localSize(devices(), servers(), models())];
        local(i, f, out, 0);
        return out;
    }

    /** Writes device {@code i}'s local features into {@code out} from {@code off}; returns the end offset. */
    public int local(int i, Features f, float[] out, int off) {
        int servers = servers();
        int models = models();
        int k = off;
        if (f.modelAware()) {
            out[k + type(i)] = 1;
            k += models;
        }
        k = task(i, out, k);
        out[k++] = (float) slotFraction();
        for (int j = 0; j < servers; j++) {
            out[k++] = (float) (rateMbps(i, j) / RATE_SCALE_MBPS);
        }
        k = loads(out, k);
        double diag = Math.hypot(s.areaWidthM(), s.areaHeightM());
        for (int j = 0; j < servers; j++) {
            out[k++] = (float) (distanceM(i, j) / diag);
        }
        if (f.modelAware()) {
            for (int j = 0; j < servers; j++) {
                out[k++] = cached(j, type(i)) ? 1 : 0;
            }
            k = models(out, k);
        }
        if (f.coordination()) {
            k = accessPoints(out, k);
            k = lastAction(i, out, k);
        }
        if (f.deviceId()) {
            out[k + i] = 1;
            k += devices();
        }
        return k;
    }

    /**
     * The global state for centralised critics and the single-agent baseline: every device's task, CPU, location,
     * backlog and rates (the devices' last actions are left out: the critics see this slot's actions, and the
     * previous slot's show in the loads and uplink users), then the servers' loads and backlogs, the cache
     * bitmap and demand (if model-aware), the access points' devices and users (with coordination), and the slot.
     */
    public float[] global(Features f) {
        float[] out = new float[f.globalSize(devices(), servers(), models())];
        global(f, out, 0);
        return out;
    }

    /** Writes the global features into {@code out} from {@code off}; returns the end offset. */
    public int global(Features f, float[] out, int off) {
        int servers = servers();
        int k = off;
        for (int i = 0; i < devices(); i++) {
            if (f.modelAware()) {
                out[k + type(i)] = 1;
                k += models();
            }
            k = task(i, out, k);
            for (int j = 0; j < servers; j++) {
                out[k++] = (float) (rateMbps(i, j) / RATE_SCALE_MBPS);
            }
        }
        k = loads(out, k);
        if (f.modelAware()) {
            k = models(out, k);
        }
        if (f.coordination()) {
            k = accessPoints(out, k);
        }
        out[k++] = (float) slotFraction();
        return k;
    }

    private int task(int i, float[] f, int k) {
        f[k++] = (float) (dataMb(i) / maxDataMb);
        f[k++] = (float) (cyclesPerBit(i) / maxCyclesPerBit);
        f[k++] = (float) (deadlineS(i) / maxDeadlineS);
        f[k++] = (float) Math.min(5, cycles(i) / (cpuGhz(i) * 1e9) / deadlineS(i));
        f[k++] = (float) (cpuGhz(i) / maxCpuGhz);
        f[k++] = (float) (x(i) / s.areaWidthM());
        f[k++] = (float) (y(i) / s.areaHeightM());
        f[k++] = (float) (Math.min(BACKLOG_CAP_S, deviceBacklogS(i)) / BACKLOG_CAP_S);
        return k;
    }

    /** Servers' and the cloud's last-slot loads (per device), then the servers' backlogs. */
    private int loads(float[] f, int k) {
        for (int j = 0; j < servers(); j++) {
            f[k++] = (float) edgeLoad(j) / devices();
        }
        f[k++] = (float) cloudLoad() / devices();
        for (int j = 0; j < servers(); j++) {
            f[k++] = (float) (Math.min(BACKLOG_CAP_S, serverBacklogS(j)) / BACKLOG_CAP_S);
        }
        return k;
    }

    /** The cache bitmap, then the recent demand of each model. */
    private int models(float[] f, int k) {
        for (int j = 0; j < servers(); j++) {
            for (int m = 0; m < models(); m++) {
                f[k++] = cached(j, m) ? 1 : 0;
            }
        }
        for (int m = 0; m < models(); m++) {
            f[k++] = (float) demand(m);
        }
        return k;
    }

    private int accessPoints(float[] f, int k) {
        for (int j = 0; j < servers(); j++) {
            f[k++] = (float) devicesPerAp(j) / devices();
        }
        for (int j = 0; j < servers(); j++) {
            f[k++] = (float) uplinkUsers(j) / devices();
        }
        return k;
    }

    /** Device {@code i}'s last action: target one-hot, ratio, download (zeros in the first slot). */
    private int lastAction(int i, float[] f, int k) {
        AigcAction a = lastAction(i);
        if (a != null) {
            f[k + a.target()] = 1;
            f[k + servers() + 1] = (float) a.ratio();
            f[k + servers() + 2] = a.download() ? 1 : 0;
        }
        return k + Features.lastActionSize(servers());
    }

    private double slotFraction() {
        return s.slotsPerEpisode() <= 1 ? 0 : slot / (double) (s.slotsPerEpisode() - 1);
    }
}
