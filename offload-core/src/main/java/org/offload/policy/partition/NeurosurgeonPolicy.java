package org.offload.policy.partition;

import java.util.Locale;
import java.util.Map;

import org.offload.model.Decision;
import org.offload.model.Partition;
import org.offload.model.Task;
import org.offload.policy.OffloadPolicy;
import org.offload.policy.PolicyContext;
import org.offload.policy.PolicyOptionException;
import org.offload.policy.PolicyRegistry;
import org.offload.policy.SystemView;
import org.offload.policy.builtin.GreedyPolicy;
import org.offload.registry.PolicySpec;
import org.offload.scenario.PartitionSpec;

/**
 * {@code neurosurgeon} (Kang et al., "Neurosurgeon: Collaborative Intelligence Between the Cloud and Mobile Edge",
 * ASPLOS 2017): for a {@code dnn} task, every split point {@code k = 0..n} on every VM that admits it (and
 * {@code k = n}, all on the device, when it can compute) is predicted from per-layer estimates and the current
 * bandwidth and load ({@link SplitEstimates}); the cheapest wins. Neurosurgeon predicts per-layer latency with
 * regression models per layer type; here the layer table's work and the simulator's own estimates stand in for them
 * (a substitute). The paper chooses among one server; here every VM is a candidate, so the target is chosen too.
 * Tasks of other kinds are placed whole as {@code greedy} places them.
 *
 * <p>Options: {@code objective} = {@code latency} (default), {@code energy} (device joules) or {@code weighted}:
 * {@code (1 - energy_weight) * seconds + energy_weight * joules} ({@code energy_weight} in [0, 1], default 0.5).
 */
public final class NeurosurgeonPolicy implements OffloadPolicy {
    /** The options this policy takes (see the class comment). */
    public static final Map<String, String> OPTIONS = PolicySpec.options(
            "objective", "what the split minimises: latency (default), energy (device joules) or weighted",
            "energy_weight", "weighted objective: (1 - w) * seconds + w * joules, w in [0, 1] (default 0.5)");

    /** Name, description, options and factory, registered by {@code BuiltInPolicies}. */
    public static final PolicySpec<PolicyContext, OffloadPolicy> SPEC = PolicyRegistry.spec("neurosurgeon",
            "dnn tasks: split point and VM minimising predicted latency, energy or both (Kang et al. 2017)",
            NeurosurgeonPolicy::new).withOptions(OPTIONS);

    private final OffloadPolicy whole = new GreedyPolicy();
    /** Weight of joules in the cost; seconds weigh {@code 1 - energyWeight}. */
    private final double energyWeight;

    public NeurosurgeonPolicy(PolicyContext context) {
        String objective = context.options().getOrDefault("objective", "latency").toLowerCase(Locale.ROOT);
        double w = context.number("energy_weight", 0.5);
        if (!(w >= 0 && w <= 1)) {
            throw new PolicyOptionException("policy option energy_weight: must be in [0, 1], got " + w);
        }
        this.energyWeight = switch (objective) {
            case "latency" -> 0;
            case "energy" -> 1;
            case "weighted" -> w;
            default -> throw new PolicyOptionException("policy option objective: unknown value '" + objective
                    + "'; allowed values: latency, energy, weighted");
        };
    }

    @Override
    public Decision decide(Task task, SystemView view) {
        if (!(view.application(task).partition() instanceof PartitionSpec.Dnn dnn)) {
            return whole.decide(task, view);
        }
        SplitEstimates e = SplitEstimates.of(view, task, dnn);
        int n = e.layers;
        double best = Double.POSITIVE_INFINITY;
        int bestVm = Integer.MIN_VALUE;
        int bestK = -1;
        if (view.deviceCanCompute(task.device())) {
            best = cost(e.deviceS[n], e.deviceJ[n]);
            bestVm = -1;
            bestK = n;
        }
        int site = view.deviceSite(task.device());
        if (site >= 0) {
            for (int v = 0; v < view.vmCount(); v++) {
                if (!view.vmAdmits(v, task)) {
                    continue;
                }
                for (int k = 0; k < n; k++) {
                    if (Double.isInfinite(e.deviceS[k])) {
                        break;
                    }
                    double c = cost(e.latencyS(view, v, site, k), energyWeight > 0 ? e.energyJ(view, site, k) : 0);
                    if (c < best) {
                        best = c;
                        bestVm = v;
                        bestK = k;
                    }
                }
            }
        }
        if (bestVm == Integer.MIN_VALUE) {
            return Decision.REJECT;
        }
        Decision d = bestVm == -1 ? Decision.LOCAL : Decision.on(view.vmTier(bestVm), bestVm);
        return d.withPartition(Partition.split(bestK));
    }

    private double cost(double seconds, double joules) {
        return energyWeight == 0 ? seconds : energyWeight == 1 ? joules
                : (1 - energyWeight) * seconds + energyWeight * joules;
    }
}
