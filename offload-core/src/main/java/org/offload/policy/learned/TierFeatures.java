package org.offload.policy.learned;

import java.util.List;

import org.offload.model.Decision;
import org.offload.model.Task;
import org.offload.model.Tier;
import org.offload.network.Route;
import org.offload.policy.Estimates;
import org.offload.policy.SystemView;
import org.offload.scenario.ApplicationSpec;
import org.offload.scenario.VmSpec;

/**
 * Inputs of the two networks of the seed-003 policy, read from a task and the system state (plus the claims of
 * the current batch, {@link PendingClaims}). One instance per policy. {@link #observe} does the cheap part every
 * decision needs (sites, which VMs admit the task); service-time estimates are computed as far as a question
 * ({@link #meetsAtLeast}, {@link #admittingEstimateS}) needs them, and {@link #features()} and {@link #vmFeatures}
 * compute the network inputs only when a network has to rank something. The accessors read the last observed task
 * until the next call. Nothing is allocated per call once the buffers have grown.
 *
 * <p>While the caller declares the state frozen ({@link #stateFrozen}, for the tasks of one batch), the VM state
 * is read once and per-site results are reused until a claim of the batch touches that site ({@link BatchState});
 * the results are the same as reading everything anew for each task (tested against an uncached twin).
 *
 * <h2>Tiers</h2>
 * The paper's three server tiers map to ours as follows; a fourth class covers execution on the device's own CPU
 * (our {@code local} tier), which the paper does not have:
 * <table>
 * <caption>tier classes</caption>
 * <tr><th>class</th><th>paper</th><th>VMs here</th><th>route</th></tr>
 * <tr><td>0 {@code local-edge}</td><td>local edge server, k = 0</td><td>the edge VMs of the site serving the
 * device</td><td>WLAN</td></tr>
 * <tr><td>1 {@code remote-edge}</td><td>remote edge server, k = 1</td><td>the edge VMs of the <em>best other
 * site</em>: the other site with the lowest mean claimed utilisation (ties: lower index)</td><td>WLAN + MAN</td></tr>
 * <tr><td>2 {@code cloud}</td><td>cloud, k = 2</td><td>all cloud VMs</td><td>WLAN + WAN</td></tr>
 * <tr><td>3 {@code device}</td><td>(none)</td><td>the device's CPU, if the scenario gives devices one</td><td>none</td></tr>
 * </table>
 *
 * <h2>Tier features ({@link #NAMES}, in order)</h2>
 * Task: {@code length_gi} (L, GI), {@code upload_mb}, {@code download_mb} (D up/down, MB), {@code delay_sensitivity}
 * (Ts), {@code time_left_s} (time to the deadline now; the maximum delay for a fresh task), {@code memory_gb}.
 * Then for each server tier k in {local_edge, remote_edge, cloud}:
 * {@code u_k} mean claimed utilisation of its VMs (0-1, U_k), {@code mem_k_gb} the largest free memory of one of its
 * VMs (R_k, capped at 100 GB), {@code cpu_k_gips} the largest available capacity of one VM,
 * {@code mips x cores x (1 - u_vm) / 1000} (f_k avail), {@code bw_k_mbps} the route's available bandwidth: 8 Mbit
 * divided by the estimated time to move 1 MB over the route's links now (propagation included; BW_k avail), and
 * {@code admit_k} the share of its VMs that would admit the task (claimed share and memory, C3/C4). A tier that
 * does not exist here (one site only, no cloud VMs, no coverage) has all five at 0, except {@code u_k} = 1.
 * Device: {@code device_cpu} (1 if devices can compute), {@code u_device} (0-1), {@code cpu_device_gips},
 * {@code admit_device} (0/1).
 *
 * <h2>VM features ({@link #VM_NAMES})</h2>
 * The six task features, a one-hot route ({@code route_local_edge}, {@code route_remote_edge},
 * {@code route_cloud}), {@code route_bw_mbps} (as above) and {@code share} (the task's claimed share of a VM of
 * the tier, 0-1): these {@link #VM_SHARED} are the same for all VMs of a tier. Then for the VM: {@code vm_u}
 * (0-1), {@code vm_load} (tasks in it), {@code vm_cores}, {@code vm_gips_per_core} and {@code vm_mem_gb} (free,
 * capped at 100 GB). Claims pending in the current batch are added to utilisation, load and memory.
 */
public final class TierFeatures {
    public static final int LOCAL_EDGE = 0;
    public static final int REMOTE_EDGE = 1;
    public static final int CLOUD = 2;
    public static final int DEVICE = 3;
    public static final int TIERS = 4;
    /** Class names of the tier network's outputs, in order. */
    public static final List<String> TIER_NAMES = List.of("local-edge", "remote-edge", "cloud", "device");

    public static final List<String> NAMES = List.of(
            "length_gi", "upload_mb", "download_mb", "delay_sensitivity", "time_left_s", "memory_gb",
            "u_local_edge", "mem_local_edge_gb", "cpu_local_edge_gips", "bw_local_edge_mbps", "admit_local_edge",
            "u_remote_edge", "mem_remote_edge_gb", "cpu_remote_edge_gips", "bw_remote_edge_mbps", "admit_remote_edge",
            "u_cloud", "mem_cloud_gb", "cpu_cloud_gips", "bw_cloud_mbps", "admit_cloud",
            "device_cpu", "u_device", "cpu_device_gips", "admit_device");

    public static final List<String> VM_NAMES = List.of(
            "length_gi", "upload_mb", "download_mb", "delay_sensitivity", "time_left_s", "memory_gb",
            "route_local_edge", "route_remote_edge", "route_cloud", "route_bw_mbps", "share",
            "vm_u", "vm_load", "vm_cores", "vm_gips_per_core", "vm_mem_gb");
    /**
     * The first {@code VM_SHARED} VM features are the same for every VM of a tier (task and route); the others
     * describe only the VM.
     */
    public static final int VM_SHARED = 11;

    /** Index of {@code u_k} for server tier k; the tier's other features follow it. */
    public static int tierBase(int k) {
        return 6 + 5 * k;
    }

    /** The route each server tier class's tasks take. */
    private static final Route[] ROUTES = {Route.HOME_EDGE, Route.REMOTE_EDGE, Route.CLOUD};
    private static final double MAX_MEM_MB = 100_000;
    private static final double REF_KB = 1000;
    private static final double REF_MBIT = REF_KB * 8 / 1000;

    private final float[] x = new float[NAMES.size()];
    private final float[] vx = new float[VM_NAMES.size()];
    private final int[][] admitting = new int[3][];
    private final double[][] admittingEst = new double[3][];
    private final int[] admittingN = new int[3];
    private final int[] meetsN = new int[3];
    /** Per server tier, how many of the admitting VMs have their estimate computed (a prefix, see {@link #estimate}). */
    private final int[] estimatedN = new int[3];
    /** The VM state as read for this task, with the per-batch snapshot and caches. */
    private final BatchState state = new BatchState();
    /** Per server tier, the group its VMs belong to for {@link BatchState}'s caches: its site, or the cloud. */
    private final int[] group = new int[3];
    private final int[] first = new int[3];
    private final int[] size = new int[3];
    private final double[] routeS = new double[3];
    private final boolean[] available = new boolean[TIERS];
    private boolean deviceAdmits;
    private double deviceEst;
    private int site;
    private int remoteSite;
    private double timeLeft;
    /** The time left, or infinity when C2 is not checked (ablation {@code deadline=ignore}). */
    private double limit;
    private boolean checkDeadline = true;
    private double wlanS;
    private boolean taskReady;
    private double edgeShare;
    private double cloudShare;
    private boolean featuresReady;
    private final double[] routeBw = new double[3];
    private Task task;
    private SystemView view;
    private PendingClaims pending;

    public TierFeatures() {
        for (int k = 0; k < 3; k++) {
            admitting[k] = new int[8];
            admittingEst[k] = new double[8];
        }
    }

    /**
     * Reads what the policy needs to decide: the device's site and the best other site, which VMs of each tier
     * admit the task (C3, C4), and whether the device can take it. Estimates and the feature vector are computed
     * on demand.
     */
    public void observe(Task task, SystemView view, PendingClaims pending) {
        this.task = task;
        this.view = view;
        this.pending = pending;
        this.featuresReady = false;
        this.taskReady = false;
        state.read(view);
        ApplicationSpec app = view.application(task);
        timeLeft = task.deadlineS() - view.now();
        limit = checkDeadline ? timeLeft : Double.POSITIVE_INFINITY;
        site = view.deviceSite(task.device());
        int sites = view.siteCount();
        int perSite = view.edgeVmsPerSite();
        remoteSite = -1;
        int cachedRemote = site >= 0 && sites > 1 ? state.remoteSite(site, pending.edgeClaims()) : -2;
        if (cachedRemote != -2) {
            remoteSite = cachedRemote;
        } else if (site >= 0 && sites > 1) {
            double best = Double.POSITIVE_INFINITY;
            for (int s = 0; s < sites; s++) {
                if (s == site) {
                    continue;
                }
                double u = state.siteLoad(s) + pending.siteShare(s);
                if (u < best) {
                    best = u;
                    remoteSite = s;
                }
            }
            state.storeRemoteSite(site, pending.edgeClaims(), remoteSite);
        }
        edgeShare = app.vmUtilizationEdge();
        cloudShare = app.vmUtilizationCloud();
        available[LOCAL_EDGE] = site >= 0 && perSite > 0;
        available[REMOTE_EDGE] = remoteSite >= 0 && perSite > 0;
        available[CLOUD] = site >= 0 && view.cloudVmCount() > 0;
        first[LOCAL_EDGE] = site >= 0 ? view.firstEdgeVm(site) : 0;
        size[LOCAL_EDGE] = available[LOCAL_EDGE] ? perSite : 0;
        first[REMOTE_EDGE] = remoteSite >= 0 ? view.firstEdgeVm(remoteSite) : 0;
        size[REMOTE_EDGE] = available[REMOTE_EDGE] ? perSite : 0;
        first[CLOUD] = view.firstCloudVm();
        size[CLOUD] = available[CLOUD] ? view.cloudVmCount() : 0;
        group[LOCAL_EDGE] = site;
        group[REMOTE_EDGE] = remoteSite;
        group[CLOUD] = sites;
        wlanS = Double.NaN;
        routeS[LOCAL_EDGE] = Double.NaN;
        routeS[REMOTE_EDGE] = Double.NaN;
        routeS[CLOUD] = Double.NaN;
        double edgeLimit = view.scenario().edge().utilizationLimitPercent();
        double cloudLimit = view.scenario().cloud().utilizationLimitPercent();
        for (int k = 0; k < 3; k++) {
            scanTier(k, k == CLOUD ? cloudShare : edgeShare, k == CLOUD ? cloudLimit : edgeLimit);
        }
        available[DEVICE] = view.deviceCanCompute(task.device());
        if (available[DEVICE]) {
            VmSpec spec = view.scenario().devices().cpu();
            double u = view.localUtilization(task.device()) + pending.deviceShare(task.device());
            deviceAdmits = u + app.vmUtilizationLocal() <= 100 + 1e-9
                    && (spec.memoryMb() == 0 || task.memoryMb() <= spec.memoryMb() + 1e-9);
            deviceEst = deviceAdmits ? estimateServiceTimeS(-1) : Double.POSITIVE_INFINITY;
        } else {
            deviceAdmits = false;
            deviceEst = Double.POSITIVE_INFINITY;
        }
    }

    /**
     * Declares that the system state will not change until the next call (the simulator does not move while a
     * batch is decided; claims of the batch are passed separately as {@link PendingClaims}), so values read from it
     * may be reused; {@code false} ends that promise.
     */
    public void stateFrozen(boolean frozen) {
        state.freeze(frozen);
    }

    /** Whether the caller has declared the state frozen ({@link #stateFrozen(boolean)}). */
    public boolean isStateFrozen() {
        return state.frozen();
    }

    /** Estimated transfer time of the task up and down the route of server tier {@code k} (computed once). */
    private double route(int k) {
        double r = routeS[k];
        if (r == r) {
            return r;
        }
        if (wlanS != wlanS) {
            wlanS = Estimates.accessS(view, site, task.uploadKb(), task.downloadKb());
        }
        // Estimates.transfersS, with the WLAN part shared by the three tiers
        r = k == LOCAL_EDGE ? wlanS
                : wlanS + Estimates.backhaulS(view, ROUTES[k], site, task.uploadKb(), task.downloadKb());
        routeS[k] = r;
        return r;
    }

    /** Which VMs of server tier {@code k} admit the task (C3, C4); their estimates are left to {@link #estimate}. */
    private void scanTier(int k, double share, double limit) {
        int n = size[k];
        admittingN[k] = 0;
        meetsN[k] = 0;
        estimatedN[k] = 0;
        if (n == 0) {
            return;
        }
        if (admitting[k].length < n) {
            admitting[k] = new int[n];
            admittingEst[k] = new double[n];
        }
        double mem = task.memoryMb();
        int[] adm = admitting[k];
        int claims = state.frozen() ? pending.groupClaims(group[k]) : 0;
        int cached = state.admitting(group[k], task.app(), mem, claims, adm);
        if (cached >= 0) {
            admittingN[k] = cached;
            return;
        }
        int count = 0;
        for (int v = first[k]; v < first[k] + n; v++) {
            if (state.u(v) + pending.share(v) + share <= limit + 1e-9
                    && state.free(v) - pending.memoryMb(v) >= mem - 1e-9) {
                adm[count++] = v;
            }
        }
        admittingN[k] = count;
        state.storeAdmitting(group[k], task.app(), mem, claims, adm, count, n);
    }

    /**
     * Estimates the service time on admitting VMs of server tier {@code k}, in order, until {@code meetsN[k]}
     * reaches {@code wanted} or all are estimated. Deciding needs only whether none, one or several VMs of a tier
     * meet the deadline, and all estimates only for the tier chosen, so most are never computed.
     */
    private void estimate(int k, int wanted) {
        int i = estimatedN[k];
        int n = admittingN[k];
        if (i >= n || meetsN[k] >= wanted) {
            return;
        }
        double r = route(k);
        int meets = meetsN[k];
        for (; i < n && meets < wanted; i++) {
            double est = r + execS(admitting[k][i]);
            admittingEst[k][i] = est;
            if (est <= limit) {
                meets++;
            }
        }
        estimatedN[k] = i;
        meetsN[k] = meets;
    }

    /** Execution estimate on {@code vm}, with this batch's pending tasks there (see {@link #estimateServiceTimeS}). */
    private double execS(int vm) {
        double rate = state.rate(vm);
        double est = rate == rate ? task.lengthMi() / rate : view.estimateExecutionS(vm, task.lengthMi());
        int k = pending.count(vm);
        if (k > 0) {
            double alone = task.lengthMi() / state.mips(vm);
            int cores = state.cores(vm);
            int load = state.load(vm);
            est += alone * (Math.max(1.0, (load + 1.0 + k) / cores) - Math.max(1.0, (load + 1.0) / cores));
        }
        return est;
    }

    /** The tier features of the last observed task (a buffer owned by this object), computed on first use. */
    public float[] features() {
        if (!featuresReady) {
            computeFeatures();
            featuresReady = true;
        }
        return x;
    }

    /** Task features and route bandwidths: all the VM features need besides the VM itself. */
    private void computeTaskAndRoutes() {
        if (taskReady) {
            return;
        }
        taskReady = true;
        x[0] = (float) (task.lengthMi() / 1000);
        x[1] = (float) (task.uploadKb() / 1000);
        x[2] = (float) (task.downloadKb() / 1000);
        x[3] = (float) task.delaySensitivity();
        x[4] = (float) timeLeft;
        x[5] = (float) (task.memoryMb() / 1000);
        if (site >= 0) {
            double wlan = view.estimateWlanDelayS(site, REF_KB);
            routeBw[LOCAL_EDGE] = REF_MBIT / wlan;
            routeBw[REMOTE_EDGE] = available[REMOTE_EDGE] ? REF_MBIT / (wlan + view.estimateManDelayS(REF_KB)) : 0;
            routeBw[CLOUD] = available[CLOUD] ? REF_MBIT / (wlan + view.estimateWanDelayS(site, REF_KB)) : 0;
        } else {
            routeBw[LOCAL_EDGE] = 0;
            routeBw[REMOTE_EDGE] = 0;
            routeBw[CLOUD] = 0;
        }
    }

    private void computeFeatures() {
        computeTaskAndRoutes();
        for (int k = 0; k < 3; k++) {
            int b = tierBase(k);
            int n = size[k];
            if (n == 0) {
                x[b] = 1;
                x[b + 1] = 0;
                x[b + 2] = 0;
                x[b + 3] = 0;
                x[b + 4] = 0;
                continue;
            }
            int g = group[k];
            int claims = pending.groupClaims(g);
            double sumU;
            double maxMem;
            double maxCpu;
            if (state.hasAggregates(g, claims)) {
                sumU = state.sumU(g);
                maxMem = state.maxMem(g);
                maxCpu = state.maxCpu(g);
            } else {
                sumU = 0;
                maxMem = 0;
                maxCpu = 0;
                for (int v = first[k]; v < first[k] + n; v++) {
                    double u = state.u(v) + pending.share(v);
                    double free = Math.min(MAX_MEM_MB, state.free(v) - pending.memoryMb(v));
                    sumU += u;
                    maxMem = Math.max(maxMem, free);
                    maxCpu = Math.max(maxCpu, state.mips(v) * state.cores(v) * Math.max(0, 1 - u / 100));
                }
                state.storeAggregates(g, claims, sumU, maxMem, maxCpu);
            }
            x[b] = (float) (sumU / n / 100);
            x[b + 1] = (float) (maxMem / 1000);
            x[b + 2] = (float) (maxCpu / 1000);
            x[b + 3] = (float) routeBw[k];
            x[b + 4] = (float) admittingN[k] / n;
        }
        if (available[DEVICE]) {
            VmSpec spec = view.scenario().devices().cpu();
            double u = view.localUtilization(task.device()) + pending.deviceShare(task.device());
            x[21] = 1;
            x[22] = (float) (u / 100);
            x[23] = (float) (spec.mips() * spec.cores() * Math.max(0, 1 - u / 100) / 1000);
            x[24] = deviceAdmits ? 1 : 0;
        } else {
            x[21] = 0;
            x[22] = 0;
            x[23] = 0;
            x[24] = 0;
        }
    }

    /** Site serving the device, or -1 without coverage. */
    public int site() {
        return site;
    }

    /** The best other site (remote edge), or -1. */
    public int remoteSite() {
        return remoteSite;
    }

    /** Time from now to the task's deadline (s). */
    public double timeLeftS() {
        return timeLeft;
    }

    /**
     * Whether a place must meet the deadline (C2) to count as meeting C2-C4 (default); {@code false} is the
     * ablation that keeps only admission (C3, C4). Applies from the next {@link #observe}.
     */
    public void checkDeadline(boolean check) {
        checkDeadline = check;
    }

    /** The largest estimated service time that meets C2: the time left, or infinity when C2 is not checked. */
    public double deadlineLimitS() {
        return limit;
    }

    /**
     * The lowest estimated service time among the places of tier class {@code k} that meet C2-C4, or infinity when
     * none does.
     */
    public double bestMeetingEstimateS(int k) {
        if (k == DEVICE) {
            return meetsAtLeast(DEVICE, 1) ? deviceEst : Double.POSITIVE_INFINITY;
        }
        double best = Double.POSITIVE_INFINITY;
        for (int i = 0; i < admittingN[k]; i++) {
            double est = admittingEstimateS(k, i);
            if (est <= limit && est < best) {
                best = est;
            }
        }
        return best;
    }

    /** Whether tier class {@code k} exists for this task (independent of room for it). */
    public boolean available(int k) {
        return available[k];
    }

    /** Whether tier class {@code k} has room for the task: some VM (or the device) admits it (C3, C4). */
    public boolean feasible(int k) {
        return k == DEVICE ? deviceAdmits : admittingN[k] > 0;
    }

    /**
     * Number of places in tier class {@code k} that admit the task and whose estimated service time meets the time
     * left (C2-C4): VMs, or 0/1 for the device.
     */
    public int meetingDeadline(int k) {
        if (k == DEVICE) {
            return deviceEst <= limit ? 1 : 0;
        }
        estimate(k, Integer.MAX_VALUE);
        return meetsN[k];
    }

    /** Whether at least {@code m} places of tier class {@code k} meet C2-C4 ({@code meetingDeadline(k) >= m}). */
    public boolean meetsAtLeast(int k, int m) {
        if (k == DEVICE) {
            return meetingDeadline(k) >= m;
        }
        estimate(k, m);
        return meetsN[k] >= m;
    }

    /** Number of VMs of server tier {@code k} (0-2) that admit the task. */
    public int admittingCount(int k) {
        return admittingN[k];
    }

    /** The {@code i}-th admitting VM of server tier {@code k}, in index order. */
    public int admittingVm(int k, int i) {
        return admitting[k][i];
    }

    /** Estimated service time on the {@code i}-th admitting VM of server tier {@code k} (as {@link #estimateServiceTimeS}). */
    public double admittingEstimateS(int k, int i) {
        if (i >= estimatedN[k]) {
            estimate(k, Integer.MAX_VALUE);
        }
        return admittingEst[k][i];
    }

    /** Estimated service time on the device ({@code +inf} when it does not admit the task). */
    public double deviceEstimateS() {
        return deviceEst;
    }

    public int firstVm(int k) {
        return first[k];
    }

    /** Number of VMs in server tier {@code k} for this task (0 when it does not exist). */
    public int vmCount(int k) {
        return size[k];
    }

    /** Available route bandwidth of server tier {@code k}, Mbit/s. */
    public double routeBandwidthMbps(int k) {
        computeTaskAndRoutes();
        return routeBw[k];
    }

    /** The decision that runs the task on {@code vm}. */
    public Decision decision(int vm) {
        return view.vmTier(vm) == Tier.CLOUD ? Decision.cloud(vm) : Decision.edge(vm);
    }

    /**
     * VM features of running the last observed task on {@code vm} of server tier {@code k} (a buffer owned by
     * this object, overwritten by the next call).
     */
    public float[] vmFeatures(int k, int vm) {
        computeTaskAndRoutes();
        System.arraycopy(x, 0, vx, 0, 6);
        vx[6] = k == LOCAL_EDGE ? 1 : 0;
        vx[7] = k == REMOTE_EDGE ? 1 : 0;
        vx[8] = k == CLOUD ? 1 : 0;
        vx[9] = (float) routeBw[k];
        vx[10] = (float) ((k == CLOUD ? cloudShare : edgeShare) / 100);
        double mips = state.mips(vm);
        vx[11] = (float) ((state.u(vm) + pending.share(vm)) / 100);
        vx[12] = state.load(vm) + pending.count(vm);
        vx[13] = state.cores(vm);
        vx[14] = (float) (mips / 1000);
        vx[15] = (float) (Math.max(0, Math.min(MAX_MEM_MB, state.free(vm) - pending.memoryMb(vm))) / 1000);
        return vx;
    }

    /**
     * Estimated service time of the task on {@code vm} (the device's CPU when {@code vm < 0}): the transfers of the
     * route (up and down over WLAN, plus MAN or WAN) and the execution estimate, each from the current state as
     * {@link Estimates#serviceTimeS} adds them up, plus the slow-down from tasks of this batch already
     * sent there: their count k turns the execution estimate {@code mi / mips x max(1, (load + 1) / cores)} into
     * {@code mi / mips x max(1, (load + 1 + k) / cores)}, as under processor sharing (an approximation for FCFS).
     * On the device, pending work adds {@code work / (mips x cores)}. Any edge VM of another site than the
     * device's costs the remote-edge route (one MAN joins all sites).
     */
    public double estimateServiceTimeS(int vm) {
        if (vm < 0) {
            double est = view.estimateServiceTimeS(task, -1);
            double extra = pending.deviceWorkMi(task.device());
            if (extra > 0) {
                VmSpec spec = view.scenario().devices().cpu();
                est += extra / (spec.mips() * spec.cores());
            }
            return est;
        }
        int k = view.vmTier(vm) == Tier.CLOUD ? CLOUD : view.vmSite(vm) == site ? LOCAL_EDGE : REMOTE_EDGE;
        return route(k) + execS(vm);
    }
}
