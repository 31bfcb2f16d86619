package org.offload.policy;

import org.offload.model.Task;

/** VM choices shared by the policies. */
public final class Vms {
    private Vms() {
    }

    /** Least-utilised VM in {@code [first, first + count)} that admits the task, or -1. Ties go to the lower index. */
    public static int leastUtilisedAdmitting(SystemView view, Task task, int first, int count) {
        int best = -1;
        double bestU = Double.POSITIVE_INFINITY;
        for (int v = first; v < first + count; v++) {
            double u = view.vmUtilization(v);
            if (u < bestU && view.vmAdmits(v, task)) {
                bestU = u;
                best = v;
            }
        }
        return best;
    }

    /**
     * Least-utilised VM in {@code [first, first + count)} that admits the task; if none does, the least-utilised
     * one (the task will then fail with a capacity reason).
     */
    public static int leastUtilised(SystemView view, Task task, int first, int count) {
        int best = leastUtilisedAdmitting(view, task, first, count);
        if (best >= 0) {
            return best;
        }
        best = first;
        double bestU = view.vmUtilization(first);
        for (int v = first + 1; v < first + count; v++) {
            double u = view.vmUtilization(v);
            if (u < bestU) {
                best = v;
                bestU = u;
            }
        }
        return best;
    }

    /** Least-utilised admitting VM of the device's current site (or site 0 when it has none). */
    public static int leastUtilisedAtDeviceSite(SystemView view, Task task) {
        int site = Math.max(0, view.deviceSite(task.device()));
        return leastUtilised(view, task, view.firstEdgeVm(site), view.edgeVmsPerSite());
    }

    public static int leastUtilisedCloud(SystemView view, Task task) {
        return leastUtilised(view, task, view.firstCloudVm(), view.cloudVmCount());
    }
}
