package org.offload.policy.learned;

import java.util.Arrays;

import org.offload.policy.SystemView;

/**
 * The VM state {@link TierFeatures} reads (with its {@link ServiceTimeEstimates} and {@link FeatureVectors}), and the
 * per-batch caches it keeps while the state is frozen.
 *
 * <p>While the caller declares the state frozen ({@link #freeze}, for the tasks of one batch: the simulator does not
 * move while a batch is decided), every VM is read once into a snapshot and per-group results are reused until a
 * claim of the batch touches the group (an edge site, or the cloud; see {@link PendingClaims#groupClaims}): the
 * VMs that admit a task, per (group, application) and for tasks of the same memory; each group's aggregates for the
 * tier features; and per site the best other site. Unfrozen, every value is read from the view on each call and
 * nothing is cached. Either way the values are the same (tested against an uncached twin of the policy).
 */
final class BatchState {
    private SystemView view;
    private boolean frozen;
    private boolean ready;
    private boolean siteLoadReady;
    private double[] siteLoad = new double[0];
    /** Per VM, read once while the state is frozen: claimed utilisation (%), free memory (MB), MIPS, cores, load. */
    private double[] u = new double[0];
    private double[] free = new double[0];
    private double[] mips = new double[0];
    private int[] cores = new int[0];
    private int[] load = new int[0];
    /** Per VM, {@link SystemView#vmRateForNext} while the state is frozen. */
    private double[] rate = new double[0];
    private int apps;
    private int[][] admCache = new int[0][];
    private int[] admCacheN = new int[0];
    private int[] admCacheClaims = new int[0];
    private double[] admCacheMem = new double[0];
    private double[] aggSumU = new double[0];
    private double[] aggMaxMem = new double[0];
    private double[] aggMaxCpu = new double[0];
    private int[] aggClaims = new int[0];
    private int[] remoteCache = new int[0];
    private int[] remoteClaims = new int[0];

    /**
     * Declares that the system state will not change until the next call ({@code true}), so values read from it
     * may be reused; {@code false} ends that promise. Either call drops what was cached.
     */
    void freeze(boolean f) {
        frozen = f;
        siteLoadReady = false;
        ready = false;
        if (f) {
            Arrays.fill(admCacheClaims, -1);
            Arrays.fill(aggClaims, -1);
            Arrays.fill(remoteClaims, -1);
        }
    }

    boolean frozen() {
        return frozen;
    }

    /** Reads from {@code v} from now on; while frozen, takes the snapshot if it has not been taken. */
    void read(SystemView v) {
        view = v;
        if (frozen && !ready) {
            snapshot();
        }
    }

    private void snapshot() {
        int n = view.vmCount();
        if (u.length < n) {
            u = new double[n];
            free = new double[n];
            mips = new double[n];
            cores = new int[n];
            load = new int[n];
            rate = new double[n];
        }
        apps = view.scenario().applications().size();
        int groups = view.siteCount() + 1;
        if (admCacheN.length < groups * apps) {
            admCache = new int[groups * apps][];
            admCacheN = new int[groups * apps];
            admCacheClaims = new int[groups * apps];
            admCacheMem = new double[groups * apps];
            Arrays.fill(admCacheClaims, -1);
        }
        if (remoteClaims.length < groups - 1) {
            remoteCache = new int[groups - 1];
            remoteClaims = new int[groups - 1];
            Arrays.fill(remoteClaims, -1);
        }
        if (aggClaims.length < groups) {
            aggSumU = new double[groups];
            aggMaxMem = new double[groups];
            aggMaxCpu = new double[groups];
            aggClaims = new int[groups];
            Arrays.fill(aggClaims, -1);
        }
        for (int v = 0; v < n; v++) {
            u[v] = view.vmUtilization(v);
            free[v] = view.vmFreeMemoryMb(v);
            mips[v] = view.vmMips(v);
            cores[v] = view.vmCores(v);
            load[v] = view.vmLoad(v);
            rate[v] = view.vmRateForNext(v);
        }
        ready = true;
    }

    double u(int v) {
        return frozen ? u[v] : view.vmUtilization(v);
    }

    double free(int v) {
        return frozen ? free[v] : view.vmFreeMemoryMb(v);
    }

    double mips(int v) {
        return frozen ? mips[v] : view.vmMips(v);
    }

    int cores(int v) {
        return frozen ? cores[v] : view.vmCores(v);
    }

    int load(int v) {
        return frozen ? load[v] : view.vmLoad(v);
    }

    /** {@link SystemView#vmRateForNext} from the snapshot, or NaN when not frozen (ask the view for estimates). */
    double rate(int v) {
        return frozen ? rate[v] : Double.NaN;
    }

    /** Sum of the claimed utilisation of site {@code s}'s edge VMs (percent), read once while frozen. */
    double siteLoad(int s) {
        if (!frozen) {
            return view.siteUtilization(s) * view.edgeVmsPerSite();
        }
        if (!siteLoadReady) {
            int sites = view.siteCount();
            if (siteLoad.length < sites) {
                siteLoad = new double[sites];
            }
            for (int i = 0; i < sites; i++) {
                siteLoad[i] = view.siteUtilization(i) * view.edgeVmsPerSite();
            }
            siteLoadReady = true;
        }
        return siteLoad[s];
    }

    /** The cached best other site of {@code site} under {@code edgeClaims} claims of the batch, or -2 if none. */
    int remoteSite(int site, int edgeClaims) {
        return frozen && remoteClaims[site] == edgeClaims ? remoteCache[site] : -2;
    }

    void storeRemoteSite(int site, int edgeClaims, int remote) {
        if (frozen) {
            remoteCache[site] = remote;
            remoteClaims[site] = edgeClaims;
        }
    }

    /**
     * Copies the cached admitting VMs of {@code group} for application {@code app} into {@code dst} and returns
     * their number, or -1 when nothing valid is cached for tasks of memory {@code mem} under {@code claims}.
     */
    int admitting(int group, int app, double mem, int claims, int[] dst) {
        if (!frozen) {
            return -1;
        }
        int c = group * apps + app;
        if (admCacheClaims[c] != claims || admCacheMem[c] != mem) {
            return -1;
        }
        System.arraycopy(admCache[c], 0, dst, 0, admCacheN[c]);
        return admCacheN[c];
    }

    /** Caches the first {@code count} of {@code src} as the admitting VMs of a group of {@code n} VMs. */
    void storeAdmitting(int group, int app, double mem, int claims, int[] src, int count, int n) {
        if (!frozen) {
            return;
        }
        int c = group * apps + app;
        if (admCache[c] == null || admCache[c].length < count) {
            admCache[c] = new int[n];
        }
        System.arraycopy(src, 0, admCache[c], 0, count);
        admCacheN[c] = count;
        admCacheMem[c] = mem;
        admCacheClaims[c] = claims;
    }

    /** Whether {@code group}'s aggregates are cached under {@code claims}; then read them with the getters below. */
    boolean hasAggregates(int group, int claims) {
        return frozen && aggClaims[group] == claims;
    }

    double sumU(int group) {
        return aggSumU[group];
    }

    double maxMem(int group) {
        return aggMaxMem[group];
    }

    double maxCpu(int group) {
        return aggMaxCpu[group];
    }

    void storeAggregates(int group, int claims, double sumU, double maxMem, double maxCpu) {
        if (frozen) {
            aggSumU[group] = sumU;
            aggMaxMem[group] = maxMem;
            aggMaxCpu[group] = maxCpu;
            aggClaims[group] = claims;
        }
    }
}
