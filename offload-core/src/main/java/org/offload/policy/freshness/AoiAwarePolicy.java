package org.offload.policy.freshness;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.offload.model.Decision;
import org.offload.model.Task;
import org.offload.policy.OffloadPolicy;
import org.offload.policy.PolicyContext;
import org.offload.policy.PolicyOptionException;
import org.offload.policy.PolicyRegistry;
import org.offload.policy.SystemView;
import org.offload.policy.TaskOutcome;
import org.offload.policy.builtin.BuiltInPolicies;
import org.offload.registry.PolicySpec;
import org.offload.scenario.ApplicationSpec;

/**
 * Age-aware packet management in front of any placement policy: a status update whose source still has an
 * update in flight is not sent (rejected), so an update never queues behind its own source's older one and the
 * servers' capacity goes to fresh updates: the M/M/1/1 (blocking) discipline of Costa, Codreanu and Ephremides
 * (2016), whose average age beats FCFS's at every load. Every other task, and every update it lets through, is
 * placed by the base policy ({@code base}, default {@code greedy}).
 */
public final class AoiAwarePolicy implements OffloadPolicy {
    /** Name, description, option and factory, registered by {@code BuiltInPolicies}. */
    public static final PolicySpec<PolicyContext, OffloadPolicy> SPEC = PolicyRegistry.spec("aoi-aware",
            "status updates: skip an update while its source has one in flight (M/M/1/1); placement by 'base'",
            AoiAwarePolicy::create)
            .withOptions(PolicySpec.options("base", "the placement policy for what is sent (default greedy; one "
                    + "that decides at once)"));

    private final OffloadPolicy base;
    private final boolean[] statusApp;
    /** Per device, the id of its update in flight, or -1. */
    private final long[] inFlight;

    AoiAwarePolicy(OffloadPolicy base, List<ApplicationSpec> apps, int devices) {
        this.base = base;
        this.statusApp = new boolean[apps.size()];
        for (int a = 0; a < apps.size(); a++) {
            statusApp[a] = apps.get(a).isStatusUpdate();
        }
        this.inFlight = new long[devices];
        Arrays.fill(inFlight, -1);
    }

    private static OffloadPolicy create(PolicyContext ctx) {
        String baseName = ctx.options().getOrDefault("base", "greedy");
        if (baseName.equals(SPEC.name())) {
            throw new PolicyOptionException("policy option base: must name another policy, got '" + baseName + "'");
        }
        PolicyRegistry registry = BuiltInPolicies.registry();
        if (!registry.contains(baseName)) {
            throw new PolicyOptionException("policy option base: " + registry.unknownPolicy(baseName));
        }
        OffloadPolicy base = registry.create(baseName, new PolicyContext(ctx.scenario(), ctx.random(), Map.of()));
        if (base.batchWindowS() > 0) {
            throw new PolicyOptionException("policy option base: '" + baseName
                    + "' decides in batches; aoi-aware needs a policy that decides at once");
        }
        return new AoiAwarePolicy(base, ctx.scenario().applications(), ctx.scenario().devices().count());
    }

    @Override
    public Decision decide(Task task, SystemView view) {
        if (!statusApp[task.app()]) {
            return base.decide(task, view);
        }
        int d = task.device();
        if (inFlight[d] >= 0) {
            return Decision.REJECT;
        }
        Decision decision = base.decide(task, view);
        if (decision != null && decision.kind() != Decision.Kind.REJECT) {
            inFlight[d] = task.id();
        }
        return decision;
    }

    @Override
    public void onTaskEnded(TaskOutcome outcome) {
        Task t = outcome.task();
        if (statusApp[t.app()] && inFlight[t.device()] == t.id()) {
            inFlight[t.device()] = -1;
        }
        base.onTaskEnded(outcome);
    }
}
