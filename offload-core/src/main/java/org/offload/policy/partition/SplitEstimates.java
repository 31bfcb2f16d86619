package org.offload.policy.partition;

import org.offload.model.Task;
import org.offload.policy.Estimates;
import org.offload.policy.SystemView;
import org.offload.scenario.PartitionSpec;
import org.offload.scenario.PowerSpec;

/**
 * Predicted latency and device energy of a {@code dnn} task split after layer {@code k}, from the same per-link and
 * per-VM estimates as every other policy ({@link Estimates}): the device runs layers {@code 1..k} (with its current
 * load), the activation of layer {@code k} (the input for {@code k = 0}) and the result cross the route to the VM,
 * which runs the rest. Device energy counts the prefix's computation and the radio's air time of the WLAN transfers
 * (the WLAN estimate's propagation is counted as air time, a small overestimate). The per-{@code k} device side is
 * computed once per decision ({@link #of}) and reused for every VM.
 */
final class SplitEstimates {
    /** Layers of the task's network. */
    final int layers;
    /** Device seconds of layers 1..k (k = 0..n). */
    final double[] deviceS;
    /** Device joules of layers 1..k. */
    final double[] deviceJ;
    /** KB uploaded when splitting after layer k (k = 0..n-1). */
    final double[] upKb;
    /** VM work of layers k+1..n (MI). */
    final double[] remoteMi;
    private final Task task;
    private final PowerSpec power;

    private SplitEstimates(Task task, int n, PowerSpec power) {
        this.task = task;
        this.layers = n;
        this.power = power;
        this.deviceS = new double[n + 1];
        this.deviceJ = new double[n + 1];
        this.upKb = new double[n + 1];
        this.remoteMi = new double[n + 1];
    }

    /** The device side of every split of {@code task} (its work scaled from the layers by its draw). */
    static SplitEstimates of(SystemView view, Task task, PartitionSpec.Dnn dnn) {
        int n = dnn.layerCount();
        PowerSpec power = view.scenario().devices().power();
        SplitEstimates e = new SplitEstimates(task, n, power);
        boolean local = view.deviceCanCompute(task.device());
        double mips = local ? view.scenario().devices().cpu().mips() : 0;
        double scale = task.lengthMi() / dnn.totalMi();
        double prefix = 0;
        for (int k = 0; k <= n; k++) {
            if (k > 0) {
                prefix += dnn.layers().get(k - 1).mi() * scale;
            }
            e.deviceS[k] = k == 0 ? 0 : local ? view.estimateLocalExecutionS(task.device(), prefix)
                    : Double.POSITIVE_INFINITY;
            e.deviceJ[k] = k == 0 || !local ? 0 : power.computeJ(prefix, mips);
            e.upKb[k] = k == 0 ? task.uploadKb() : dnn.activationKb(k);
            e.remoteMi[k] = Math.max(0, task.lengthMi() - prefix);
        }
        return e;
    }

    /** Seconds of the split after layer {@code k < n} on {@code vm} from {@code site}. */
    double latencyS(SystemView view, int vm, int site, int k) {
        return deviceS[k] + Estimates.transfersS(view, vm, site, upKb[k], task.downloadKb())
                + view.estimateExecutionS(vm, remoteMi[k]);
    }

    /** Device joules of the split after layer {@code k < n} (prefix plus the radio's WLAN air time). */
    double energyJ(SystemView view, int site, int k) {
        return deviceJ[k] + power.transmitJ(view.estimateWlanDelayS(site, upKb[k]))
                + power.receiveJ(view.estimateWlanDelayS(site, task.downloadKb()));
    }
}
