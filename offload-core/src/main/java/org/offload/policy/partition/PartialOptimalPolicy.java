package org.offload.policy.partition;

import org.offload.model.Decision;
import org.offload.model.Partition;
import org.offload.model.Task;
import org.offload.policy.Estimates;
import org.offload.policy.OffloadPolicy;
import org.offload.policy.PolicyContext;
import org.offload.policy.PolicyRegistry;
import org.offload.policy.SystemView;
import org.offload.policy.builtin.GreedyPolicy;
import org.offload.registry.PolicySpec;
import org.offload.scenario.PartitionSpec;

/**
 * {@code partial-optimal}: a {@code partial} task goes to the VM {@code greedy} chooses, and its device share λ
 * equalises the two parts' predicted finish times. With the device's time {@code a·λ} ({@code a}: the whole work
 * there) and the VM part's time affine in its share, {@code R(λ) = c + (1 - λ)·b} ({@code c}: the route with no
 * work and no upload, {@code c + b}: the whole task there), {@code a·λ = c + (1 - λ)·b} gives
 * {@code λ* = (b + c) / (a + b)}, the minimum of {@code max(a·λ, R(λ))} (the two parts end together). The affine
 * {@code R} is drawn through the estimates at λ = 0 and λ = 1. Because splitting adds the aggregation time, λ*
 * is kept only when its predicted time beats running the task whole on the device or on the VM. Tasks of other
 * kinds, and tasks greedy keeps local or rejects, are decided as greedy decides them.
 */
public final class PartialOptimalPolicy implements OffloadPolicy {
    /** Name, description and factory, registered by {@code BuiltInPolicies}. */
    public static final PolicySpec<PolicyContext, OffloadPolicy> SPEC = PolicyRegistry.spec("partial-optimal",
            "partial tasks: greedy's VM, device share equalising the two parts' predicted finish times",
            c -> new PartialOptimalPolicy());

    private final OffloadPolicy greedy = new GreedyPolicy();

    @Override
    public Decision decide(Task task, SystemView view) {
        Decision g = greedy.decide(task, view);
        if (!(view.application(task).partition() instanceof PartitionSpec.Partial partial) || !g.isPlacement()
                || !view.deviceCanCompute(task.device())) {
            return g;
        }
        return g.withPartition(Partition.ratio(localShare(task, view, g.vm(), partial.aggregationS())));
    }

    /** The device's share λ ∈ [0, 1] for {@code task} split with {@code vm}. */
    static double localShare(Task task, SystemView view, int vm, double aggregationS) {
        int site = view.deviceSite(task.device());
        double a = view.estimateLocalExecutionS(task.device(), task.lengthMi());
        double whole = remoteS(task, view, vm, site, 0);
        double c = remoteS(task, view, vm, site, 1);
        double b = whole - c;
        double lambda = Math.min(1, Math.max(0, (b + c) / (a + b)));
        double split = Math.max(a * lambda, remoteS(task, view, vm, site, lambda)) + aggregationS;
        if (split < Math.min(a, whole)) {
            return lambda;
        }
        return a <= whole ? 1 : 0;
    }

    /** Predicted time of the VM part when the device keeps share {@code lambda}. */
    private static double remoteS(Task task, SystemView view, int vm, int site, double lambda) {
        return Estimates.transfersS(view, vm, site, (1 - lambda) * task.uploadKb(), task.downloadKb())
                + view.estimateExecutionS(vm, (1 - lambda) * task.lengthMi());
    }
}
