package org.offload.policy.learned;

import org.offload.model.Task;
import org.offload.policy.SystemView;
import org.offload.scenario.VmSpec;

/**
 * The network inputs of a {@link TierFeatures} observation: the tier vector ({@link TierFeatures#NAMES}) and the
 * VM vectors ({@link TierFeatures#VM_NAMES}), in the units and order documented there. Kept apart from deciding
 * because a policy needs them only when a network has to rank something: the tier vector is computed on first use
 * per task, the task and route part once and shared with every VM vector. The buffers are owned here and reused,
 * so nothing is allocated per call.
 */
final class FeatureVectors {
    /** Free memory is capped at 100 GB so one huge VM does not dominate the scale. */
    private static final double MAX_MEM_MB = 100_000;
    /** Route bandwidth is measured as the time to move this much data (1 MB) over the route now. */
    private static final double REF_KB = 1000;
    private static final double REF_MBIT = REF_KB * 8 / 1000;

    /** The observation the vectors describe. */
    private final TierFeatures f;
    private final float[] x = new float[TierFeatures.NAMES.size()];
    private final float[] vx = new float[TierFeatures.VM_NAMES.size()];
    private final double[] routeBw = new double[3];
    private boolean taskReady;
    private boolean featuresReady;

    FeatureVectors(TierFeatures f) {
        this.f = f;
    }

    /** Forgets the previous task's vectors. */
    void reset() {
        featuresReady = false;
        taskReady = false;
    }

    /** See {@link TierFeatures#features()}. */
    float[] tier() {
        if (!featuresReady) {
            computeFeatures();
            featuresReady = true;
        }
        return x;
    }

    /** See {@link TierFeatures#routeBandwidthMbps}. */
    double routeBandwidthMbps(int k) {
        computeTaskAndRoutes();
        return routeBw[k];
    }

    /** Task features and route bandwidths: all the VM features need besides the VM itself. */
    private void computeTaskAndRoutes() {
        if (taskReady) {
            return;
        }
        taskReady = true;
        Task task = f.task();
        x[0] = (float) (task.lengthMi() / 1000);
        x[1] = (float) (task.uploadKb() / 1000);
        x[2] = (float) (task.downloadKb() / 1000);
        x[3] = (float) task.delaySensitivity();
        x[4] = (float) f.timeLeftS();
        x[5] = (float) (task.memoryMb() / 1000);
        int site = f.site();
        if (site >= 0) {
            SystemView view = f.view();
            double wlan = view.estimateWlanDelayS(site, REF_KB);
            routeBw[TierFeatures.LOCAL_EDGE] = REF_MBIT / wlan;
            routeBw[TierFeatures.REMOTE_EDGE] = f.available(TierFeatures.REMOTE_EDGE)
                    ? REF_MBIT / (wlan + view.estimateManDelayS(REF_KB)) : 0;
            routeBw[TierFeatures.CLOUD] = f.available(TierFeatures.CLOUD)
                    ? REF_MBIT / (wlan + view.estimateWanDelayS(site, REF_KB)) : 0;
        } else {
            routeBw[TierFeatures.LOCAL_EDGE] = 0;
            routeBw[TierFeatures.REMOTE_EDGE] = 0;
            routeBw[TierFeatures.CLOUD] = 0;
        }
    }

    private void computeFeatures() {
        computeTaskAndRoutes();
        for (int k = 0; k < 3; k++) {
            serverTier(k, TierFeatures.tierBase(k));
        }
        if (f.available(TierFeatures.DEVICE)) {
            Task task = f.task();
            VmSpec spec = f.view().scenario().devices().cpu();
            double u = f.view().localUtilization(task.device()) + f.pending().deviceShare(task.device());
            x[21] = 1;
            x[22] = (float) (u / 100);
            x[23] = (float) (spec.mips() * spec.cores() * Math.max(0, 1 - u / 100) / 1000);
            x[24] = f.feasible(TierFeatures.DEVICE) ? 1 : 0;
        } else {
            x[21] = 0;
            x[22] = 0;
            x[23] = 0;
            x[24] = 0;
        }
    }

    /** The five features of server tier {@code k} from index {@code b}; its VM aggregates are cached per batch. */
    private void serverTier(int k, int b) {
        int n = f.vmCount(k);
        if (n == 0) {
            x[b] = 1;
            x[b + 1] = 0;
            x[b + 2] = 0;
            x[b + 3] = 0;
            x[b + 4] = 0;
            return;
        }
        BatchState state = f.state();
        PendingClaims pending = f.pending();
        int g = f.group(k);
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
            int first = f.firstVm(k);
            for (int v = first; v < first + n; v++) {
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
        x[b + 4] = (float) f.admittingCount(k) / n;
    }

    /** See {@link TierFeatures#vmFeatures}. */
    float[] vm(int k, int vm) {
        computeTaskAndRoutes();
        BatchState state = f.state();
        PendingClaims pending = f.pending();
        System.arraycopy(x, 0, vx, 0, 6);
        vx[6] = k == TierFeatures.LOCAL_EDGE ? 1 : 0;
        vx[7] = k == TierFeatures.REMOTE_EDGE ? 1 : 0;
        vx[8] = k == TierFeatures.CLOUD ? 1 : 0;
        vx[9] = (float) routeBw[k];
        vx[10] = (float) (f.share(k) / 100);
        double mips = state.mips(vm);
        vx[11] = (float) ((state.u(vm) + pending.share(vm)) / 100);
        vx[12] = state.load(vm) + pending.count(vm);
        vx[13] = state.cores(vm);
        vx[14] = (float) (mips / 1000);
        vx[15] = (float) (Math.max(0, Math.min(MAX_MEM_MB, state.free(vm) - pending.memoryMb(vm))) / 1000);
        return vx;
    }
}
