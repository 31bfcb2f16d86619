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
import org.offload.scenario.DagSpec;

/**
 * {@code heft}: places each component of a workflow task (kind {@code dag}) by HEFT list scheduling
 * ({@link Heft}; Topcuoglu, Hariri, Wu, IEEE TPDS 2002) over the device (when it can compute) and every VM that
 * admits the task. Computation costs are the current load-aware estimates ({@link SystemView#estimateExecutionS},
 * {@link SystemView#estimateLocalExecutionS}), communication costs {@link Estimates#betweenS} between two places. The
 * device's upload and every exit's result are edges from and to two pseudo tasks of zero work pinned to the device,
 * so the schedule length is the predicted makespan. Each processor is taken as free now apart from the load its
 * estimate already counts; the components of one task are serialised on a processor by HEFT's insertion policy
 * although the simulator's VMs share their cores among them (a substitute for the paper's dedicated processors).
 * Tasks of other kinds are placed whole as {@code greedy} places them. No options.
 */
public final class HeftPolicy implements OffloadPolicy {
    /** Name, description and factory, registered by {@code BuiltInPolicies}. */
    public static final PolicySpec<PolicyContext, OffloadPolicy> SPEC = PolicyRegistry.spec("heft",
            "dag tasks: each component placed by HEFT list scheduling on current estimates (Topcuoglu et al. 2002)",
            c -> new HeftPolicy());

    private final OffloadPolicy whole = new GreedyPolicy();

    @Override
    public Decision decide(Task task, SystemView view) {
        if (!(view.application(task).partition() instanceof DagSpec dag)) {
            return whole.decide(task, view);
        }
        WorkflowProblem problem = WorkflowProblem.of(view, task, dag);
        if (problem == null) {
            return whole.decide(task, view);
        }
        return problem.decision(problem.placement(problem.heft().processor()));
    }

    /** The placement HEFT gives {@code task} now, VM indices or -1 per component; null when nowhere can run it. */
    public static int[] placement(Task task, SystemView view, DagSpec dag) {
        WorkflowProblem problem = WorkflowProblem.of(view, task, dag);
        return problem == null ? null : problem.placement(problem.heft().processor());
    }

    /** The decision for {@code where}: local when every component is on the device, else the busiest VM's. */
    static Decision decision(SystemView view, DagSpec dag, int[] where) {
        int vm = -1;
        double most = -1;
        for (int i = 0; i < where.length; i++) {
            if (where[i] >= 0 && dag.mi(i) > most) {
                most = dag.mi(i);
                vm = where[i];
            }
        }
        Decision d = vm < 0 ? Decision.LOCAL : Decision.on(view.vmTier(vm), vm);
        return d.withPartition(Partition.placement(where));
    }
}
