package org.offload.policy.learned;

import java.util.Arrays;

import org.offload.model.Task;
import org.offload.model.Tier;
import org.offload.network.Route;
import org.offload.policy.Estimates;
import org.offload.policy.SystemView;
import org.offload.scenario.VmSpec;

/**
 * The deadline side (C2) of a {@link TierFeatures} observation: estimated service times of the task on the VMs that
 * admit it and on the device, and how many of them meet the time left. Kept apart from admission (C3, C4) because
 * it is the expensive part and is computed lazily: deciding usually needs only whether none, one or several VMs of
 * a tier meet the deadline, and all estimates only for the tier chosen, so most are never computed. Route transfer
 * times are computed once per task, the WLAN part shared by the three server tiers.
 */
final class ServiceTimeEstimates {
    /** The route each server tier class's tasks take. */
    private static final Route[] ROUTES = {Route.HOME_EDGE, Route.REMOTE_EDGE, Route.CLOUD};

    /** The observation whose admitting VMs are estimated. */
    private final TierFeatures f;
    /** Per server tier, the estimates of its admitting VMs, in the order of {@link TierFeatures#admittingVm}. */
    private final double[][] est = new double[3][];
    private final int[] meetsN = new int[3];
    /** Per server tier, how many admitting VMs have their estimate computed (a prefix, see {@link #estimate}). */
    private final int[] estimatedN = new int[3];
    private final double[] routeS = new double[3];
    private double wlanS;
    private double deviceEst;
    /** The time left, or infinity when C2 is not checked (ablation {@code deadline=ignore}). */
    private double limit;

    ServiceTimeEstimates(TierFeatures f) {
        this.f = f;
        for (int k = 0; k < 3; k++) {
            est[k] = new double[8];
        }
    }

    /** Forgets the previous task's estimates; {@code limit} is the largest service time that meets C2. */
    void reset(double limit) {
        this.limit = limit;
        wlanS = Double.NaN;
        Arrays.fill(routeS, Double.NaN);
        Arrays.fill(meetsN, 0);
        Arrays.fill(estimatedN, 0);
    }

    /** Estimates the device once its admission is known ({@code +inf} when it does not admit the task). */
    void observeDevice(boolean admits) {
        deviceEst = admits ? serviceTimeS(-1) : Double.POSITIVE_INFINITY;
    }

    double limitS() {
        return limit;
    }

    double deviceS() {
        return deviceEst;
    }

    /** Estimated transfer time of the task up and down the route of server tier {@code k} (computed once). */
    private double route(int k) {
        double r = routeS[k];
        if (r == r) {
            return r;
        }
        SystemView view = f.view();
        Task task = f.task();
        if (wlanS != wlanS) {
            wlanS = Estimates.accessS(view, f.site(), task.uploadKb(), task.downloadKb());
        }
        // Estimates.transfersS, with the WLAN part shared by the three tiers
        r = k == TierFeatures.LOCAL_EDGE ? wlanS
                : wlanS + Estimates.backhaulS(view, ROUTES[k], f.site(), task.uploadKb(), task.downloadKb());
        routeS[k] = r;
        return r;
    }

    /**
     * Estimates the service time on admitting VMs of server tier {@code k}, in order, until {@code meetsN[k]}
     * reaches {@code wanted} or all are estimated.
     */
    private void estimate(int k, int wanted) {
        int i = estimatedN[k];
        int n = f.admittingCount(k);
        if (i >= n || meetsN[k] >= wanted) {
            return;
        }
        if (est[k].length < n) {
            est[k] = Arrays.copyOf(est[k], Math.max(n, f.vmCount(k)));
        }
        double r = route(k);
        int meets = meetsN[k];
        for (; i < n && meets < wanted; i++) {
            double e = r + execS(f.admittingVm(k, i));
            est[k][i] = e;
            if (e <= limit) {
                meets++;
            }
        }
        estimatedN[k] = i;
        meetsN[k] = meets;
    }

    /** Execution estimate on {@code vm}, with this batch's pending tasks there (see {@link #serviceTimeS}). */
    private double execS(int vm) {
        BatchState state = f.state();
        Task task = f.task();
        double rate = state.rate(vm);
        double e = rate == rate ? task.lengthMi() / rate : f.view().estimateExecutionS(vm, task.lengthMi());
        int k = f.pending().count(vm);
        if (k > 0) {
            double alone = task.lengthMi() / state.mips(vm);
            int cores = state.cores(vm);
            int load = state.load(vm);
            e += alone * (Math.max(1.0, (load + 1.0 + k) / cores) - Math.max(1.0, (load + 1.0) / cores));
        }
        return e;
    }

    /** See {@link TierFeatures#bestMeetingEstimateS}. */
    double bestMeeting(int k) {
        if (k == TierFeatures.DEVICE) {
            return meetsAtLeast(TierFeatures.DEVICE, 1) ? deviceEst : Double.POSITIVE_INFINITY;
        }
        double best = Double.POSITIVE_INFINITY;
        for (int i = 0; i < f.admittingCount(k); i++) {
            double e = admittingS(k, i);
            if (e <= limit && e < best) {
                best = e;
            }
        }
        return best;
    }

    /** See {@link TierFeatures#meetingDeadline}. */
    int meeting(int k) {
        if (k == TierFeatures.DEVICE) {
            return deviceEst <= limit ? 1 : 0;
        }
        estimate(k, Integer.MAX_VALUE);
        return meetsN[k];
    }

    /** See {@link TierFeatures#meetsAtLeast}. */
    boolean meetsAtLeast(int k, int m) {
        if (k == TierFeatures.DEVICE) {
            return meeting(k) >= m;
        }
        estimate(k, m);
        return meetsN[k] >= m;
    }

    /** See {@link TierFeatures#admittingEstimateS}. */
    double admittingS(int k, int i) {
        if (i >= estimatedN[k]) {
            estimate(k, Integer.MAX_VALUE);
        }
        return est[k][i];
    }

    /** See {@link TierFeatures#estimateServiceTimeS}. */
    double serviceTimeS(int vm) {
        SystemView view = f.view();
        if (vm < 0) {
            Task task = f.task();
            double e = view.estimateServiceTimeS(task, -1);
            double extra = f.pending().deviceWorkMi(task.device());
            if (extra > 0) {
                VmSpec spec = view.scenario().devices().cpu();
                e += extra / (spec.mips() * spec.cores());
            }
            return e;
        }
        int k = view.vmTier(vm) == Tier.CLOUD ? TierFeatures.CLOUD
                : view.vmSite(vm) == f.site() ? TierFeatures.LOCAL_EDGE : TierFeatures.REMOTE_EDGE;
        return route(k) + execS(vm);
    }
}
