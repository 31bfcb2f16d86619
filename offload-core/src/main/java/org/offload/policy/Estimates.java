package org.offload.policy;

import org.offload.model.Task;
import org.offload.model.Tier;
import org.offload.network.Route;

/**
 * The one place a placement's expected service time is added up from a {@link SystemView}'s per-link and
 * per-VM estimates: the transfers of its {@link Route} (WLAN up and down, plus MAN or WAN up and down) and the
 * execution. Every policy, the learned features and the decision service's answers use these, so a route or a
 * delay model changes in one place. Sums run in one fixed order (access, then backhaul, then execution), so equal
 * inputs give equal bits wherever the estimate is made. The methods are small and flat on purpose: policies call
 * them once per VM per decision, and the JIT inlines them there.
 */
public final class Estimates {
    /** Bits in one of the simulator's kilobytes (1 KB = 1000 bytes). */
    public static final double BITS_PER_KB = 8000;

    private Estimates() {
    }

    /** The route from the device's {@code site} to {@code vm}. */
    public static Route route(SystemView view, int vm, int site) {
        return Route.of(view.vmTier(vm), view.vmSite(vm), site);
    }

    /** WLAN upload plus download at {@code site}: the access part of every offloaded route (s). */
    public static double accessS(SystemView view, int site, double upKb, double downKb) {
        return view.estimateWlanDelayS(site, upKb) + view.estimateWlanDelayS(site, downKb);
    }

    /** MAN or WAN upload plus download of {@code route} (s); 0 for a route that ends at the site. */
    public static double backhaulS(SystemView view, Route route, int site, double upKb, double downKb) {
        Route.Hop hop = route.backhaul();
        if (hop == null) {
            return 0;
        }
        return hop == Route.Hop.MAN ? view.estimateManDelayS(upKb) + view.estimateManDelayS(downKb)
                : view.estimateWanDelayS(site, upKb) + view.estimateWanDelayS(site, downKb);
    }

    /** All transfers of {@code route} from {@code site}, both ways: access, plus the backhaul if any (s). */
    public static double transfersS(SystemView view, Route route, int site, double upKb, double downKb) {
        if (route == Route.DEVICE) {
            return 0;
        }
        double access = accessS(view, site, upKb, downKb);
        return route.backhaul() == null ? access : access + backhaulS(view, route, site, upKb, downKb);
    }

    /**
     * The transfers of the route to {@code vm} from the device's {@code site}: {@link #transfersS(SystemView, Route,
     * int, double, double)} of {@link #route}, bit for bit, written out for the per-VM loops of the policies.
     */
    public static double transfersS(SystemView view, int vm, int site, double upKb, double downKb) {
        double access = view.estimateWlanDelayS(site, upKb) + view.estimateWlanDelayS(site, downKb);
        if (view.vmTier(vm) == Tier.CLOUD) {
            return access + (view.estimateWanDelayS(site, upKb) + view.estimateWanDelayS(site, downKb));
        }
        if (view.vmSite(vm) != site) {
            return access + (view.estimateManDelayS(upKb) + view.estimateManDelayS(downKb));
        }
        return access;
    }

    /**
     * {@link #transfersS(SystemView, int, int, double, double)} for transfers of QoS class {@code qosClass}: each
     * link's estimate in the slice the class uses on it. The same sum in the same order.
     */
    public static double transfersS(SystemView view, int vm, int site, double upKb, double downKb, int qosClass) {
        double access = view.estimateWlanDelayS(site, upKb, qosClass) + view.estimateWlanDelayS(site, downKb, qosClass);
        if (view.vmTier(vm) == Tier.CLOUD) {
            return access + (view.estimateWanDelayS(site, upKb, qosClass)
                    + view.estimateWanDelayS(site, downKb, qosClass));
        }
        if (view.vmSite(vm) != site) {
            return access + (view.estimateManDelayS(upKb, qosClass) + view.estimateManDelayS(downKb, qosClass));
        }
        return access;
    }

    /**
     * Expected service time of {@code task} executing {@code workMi} on {@code vm}, or on its device when
     * {@code vm < 0}: the transfers of its route plus the execution with the VM's current tasks. Infinite when the
     * device cannot compute (local) or is out of coverage (remote). Transfers of a task with a QoS class
     * ({@link SystemView#qosClass}) are estimated in its slice.
     */
    public static double serviceTimeS(SystemView view, Task task, int vm, double workMi) {
        if (vm < 0) {
            return view.estimateLocalExecutionS(task.device(), workMi);
        }
        int site = view.deviceSite(task.device());
        if (site < 0) {
            return Double.POSITIVE_INFINITY;
        }
        int qosClass = view.qosClass(task);
        double transfers = qosClass < 0 ? transfersS(view, vm, site, task.uploadKb(), task.downloadKb())
                : transfersS(view, vm, site, task.uploadKb(), task.downloadKb(), qosClass);
        return transfers + view.estimateExecutionS(vm, workMi);
    }

    /**
     * One transfer of {@code kb} from place {@code a} to place {@code b} of a workflow (kind {@code dag}), each a VM
     * index or -1 for the device at {@code site}: device and VM as their route ({@link #transfersS}, one way), two
     * edge sites the MAN, edge and cloud the edge site's WAN; 0 within one VM, one edge site or the cloud (as the
     * simulator's {@code DagSteps} moves the data).
     */
    public static double betweenS(SystemView view, int site, int a, int b, double kb) {
        if (a == b) {
            return 0;
        }
        if (a >= 0 && b >= 0) {
            boolean cloudA = view.vmTier(a) == Tier.CLOUD;
            boolean cloudB = view.vmTier(b) == Tier.CLOUD;
            if (cloudA && cloudB || !cloudA && !cloudB && view.vmSite(a) == view.vmSite(b)) {
                return 0;
            }
            return cloudA || cloudB ? view.estimateWanDelayS(view.vmSite(cloudA ? b : a), kb)
                    : view.estimateManDelayS(kb);
        }
        int vm = a >= 0 ? a : b;
        double access = view.estimateWlanDelayS(site, kb);
        if (view.vmTier(vm) == Tier.CLOUD) {
            return access + view.estimateWanDelayS(site, kb);
        }
        return view.vmSite(vm) != site ? access + view.estimateManDelayS(kb) : access;
    }
}
