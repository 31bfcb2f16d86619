package org.offload.policy.learned;

import java.util.List;

import org.offload.model.Decision;
import org.offload.model.Task;
import org.offload.model.Tier;
import org.offload.policy.SystemView;
import org.offload.scenario.ApplicationSpec;
import org.offload.scenario.VmSpec;

/**
 * Inputs of the two networks of the seed-003 policy, read from a task and the system state (plus the claims of
 * the current batch, {@link PendingClaims}), and the answers the policy decides with. One instance per policy.
 * {@link #observe} does the cheap part every decision needs: the device's site and the best other site, and which
 * VMs of each tier (and whether the device) admit the task (C3, C4). The rest is delegated and computed on demand:
 * service-time estimates and the deadline (C2) as far as a question ({@link #meetsAtLeast},
 * {@link #admittingEstimateS}) needs them ({@link ServiceTimeEstimates}), and the network inputs
 * ({@link #features()}, {@link #vmFeatures}) only when a network has to rank something ({@link FeatureVectors}).
 * This class owns the feature layout ({@link #NAMES}, {@link #VM_NAMES}, the tier classes) that models, training
 * data and the RL observation share. The accessors read the last observed task until the next call. Nothing is
 * allocated per call once the buffers have grown.
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

    private final int[][] admitting = new int[3][];
    private final int[] admittingN = new int[3];
    /** The VM state as read for this task, with the per-batch snapshot and caches. */
    private final BatchState state = new BatchState();
    private final ServiceTimeEstimates estimates = new ServiceTimeEstimates(this);
    private final FeatureVectors vectors = new FeatureVectors(this);
    /** Per server tier, the group its VMs belong to for {@link BatchState}'s caches: its site, or the cloud. */
    private final int[] group = new int[3];
    private final int[] first = new int[3];
    private final int[] size = new int[3];
    private final boolean[] available = new boolean[TIERS];
    private boolean deviceAdmits;
    private int site;
    private int remoteSite;
    private double timeLeft;
    private boolean checkDeadline = true;
    private double edgeShare;
    private double cloudShare;
    private Task task;
    private SystemView view;
    private PendingClaims pending;

    public TierFeatures() {
        for (int k = 0; k < 3; k++) {
            admitting[k] = new int[8];
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
        vectors.reset();
        state.read(view);
        ApplicationSpec app = view.application(task);
        timeLeft = task.deadlineS() - view.now();
        site = view.deviceSite(task.device());
        int sites = view.siteCount();
        int perSite = view.edgeVmsPerSite();
        remoteSite = -1;
        if (site >= 0 && sites > 1) {
            int cached = state.remoteSite(site, pending.edgeClaims());
            remoteSite = cached != -2 ? cached : bestOtherSite(sites);
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
        estimates.reset(checkDeadline ? timeLeft : Double.POSITIVE_INFINITY);
        double edgeLimit = view.scenario().edge().utilizationLimitPercent();
        double cloudLimit = view.scenario().cloud().utilizationLimitPercent();
        for (int k = 0; k < 3; k++) {
            scanTier(k, share(k), k == CLOUD ? cloudLimit : edgeLimit);
        }
        available[DEVICE] = view.deviceCanCompute(task.device());
        if (available[DEVICE]) {
            VmSpec spec = view.scenario().devices().cpu();
            double u = view.localUtilization(task.device()) + pending.deviceShare(task.device());
            deviceAdmits = u + app.vmUtilizationLocal() <= 100 + 1e-9
                    && (spec.memoryMb() == 0 || task.memoryMb() <= spec.memoryMb() + 1e-9);
        } else {
            deviceAdmits = false;
        }
        estimates.observeDevice(deviceAdmits);
    }

    /**
     * The other site with the lowest mean claimed utilisation, claims of the batch included (ties: lower index);
     * cached while the state is frozen.
     */
    private int bestOtherSite(int sites) {
        int best = -1;
        double bestU = Double.POSITIVE_INFINITY;
        for (int s = 0; s < sites; s++) {
            if (s == site) {
                continue;
            }
            double u = state.siteLoad(s) + pending.siteShare(s);
            if (u < bestU) {
                bestU = u;
                best = s;
            }
        }
        state.storeRemoteSite(site, pending.edgeClaims(), best);
        return best;
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

    /** Which VMs of server tier {@code k} admit the task (C3, C4); their estimates are {@link ServiceTimeEstimates}'. */
    private void scanTier(int k, double share, double limit) {
        int n = size[k];
        admittingN[k] = 0;
        if (n == 0) {
            return;
        }
        if (admitting[k].length < n) {
            admitting[k] = new int[n];
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

    /** The tier features of the last observed task (a buffer owned by this object), computed on first use. */
    public float[] features() {
        return vectors.tier();
    }

    /**
     * VM features of running the last observed task on {@code vm} of server tier {@code k} (a buffer owned by
     * this object, overwritten by the next call).
     */
    public float[] vmFeatures(int k, int vm) {
        return vectors.vm(k, vm);
    }

    /** Available route bandwidth of server tier {@code k}, Mbit/s. */
    public double routeBandwidthMbps(int k) {
        return vectors.routeBandwidthMbps(k);
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
        return estimates.limitS();
    }

    /**
     * The lowest estimated service time among the places of tier class {@code k} that meet C2-C4, or infinity when
     * none does.
     */
    public double bestMeetingEstimateS(int k) {
        return estimates.bestMeeting(k);
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
        return estimates.meeting(k);
    }

    /** Whether at least {@code m} places of tier class {@code k} meet C2-C4 ({@code meetingDeadline(k) >= m}). */
    public boolean meetsAtLeast(int k, int m) {
        return estimates.meetsAtLeast(k, m);
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
        return estimates.admittingS(k, i);
    }

    /** Estimated service time on the device ({@code +inf} when it does not admit the task). */
    public double deviceEstimateS() {
        return estimates.deviceS();
    }

    /** Index of the first VM of server tier {@code k} for this task. */
    public int firstVm(int k) {
        return first[k];
    }

    /** Number of VMs in server tier {@code k} for this task (0 when it does not exist). */
    public int vmCount(int k) {
        return size[k];
    }

    /** The decision that runs the task on {@code vm}. */
    public Decision decision(int vm) {
        return view.vmTier(vm) == Tier.CLOUD ? Decision.cloud(vm) : Decision.edge(vm);
    }

    /**
     * Estimated service time of the task on {@code vm} (the device's CPU when {@code vm < 0}): the transfers of the
     * route (up and down over WLAN, plus MAN or WAN) and the execution estimate, each from the current state as
     * {@link org.offload.policy.Estimates#serviceTimeS} adds them up, plus the slow-down from tasks of this batch
     * already sent there: their count k turns the execution estimate {@code mi / mips x max(1, (load + 1) / cores)}
     * into {@code mi / mips x max(1, (load + 1 + k) / cores)}, as under processor sharing (an approximation for
     * FCFS). On the device, pending work adds {@code work / (mips x cores)}. Any edge VM of another site than the
     * device's costs the remote-edge route (one MAN joins all sites).
     */
    public double estimateServiceTimeS(int vm) {
        return estimates.serviceTimeS(vm);
    }

    // What the estimates and vectors read of the observation.

    Task task() {
        return task;
    }

    SystemView view() {
        return view;
    }

    PendingClaims pending() {
        return pending;
    }

    BatchState state() {
        return state;
    }

    /** The {@link BatchState} cache group of server tier {@code k}: its site, or the cloud. */
    int group(int k) {
        return group[k];
    }

    /** The claimed share (percent) of one VM of server tier {@code k} the task needs. */
    double share(int k) {
        return k == CLOUD ? cloudShare : edgeShare;
    }
}
