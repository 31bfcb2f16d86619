package org.offload.policy.profile;

import java.util.HashMap;
import java.util.Map;
import org.offload.model.Decision;
import org.offload.model.Task;
import org.offload.model.Tier;
import org.offload.policy.OffloadPolicy;
import org.offload.policy.PolicyContext;
import org.offload.policy.PolicyRegistry;
import org.offload.policy.SystemView;
import org.offload.registry.PolicySpec;
import org.offload.scenario.ApplicationSpec;

/**
 * {@code profile-aware}: runs each task where its predicted service time is lowest: for every option (the device
 * when it can compute, every edge and cloud VM that admits the task) the predicted execution time of the task's
 * model variant on that tier (from the profile demand table, with the VM's current queue) plus the transfers of its
 * route. Applications without a model use their task length, so the policy then equals {@code greedy}.
 *
 * <p>Option {@code variant}: which variant every model application runs: {@code largest} (default: the most
 * accurate, what a model-agnostic system runs), {@code smallest}, an index or a variant name. The "always the
 * largest model" baseline of the accuracy-aware policy is this policy with its default.
 */
public final class ProfileAwarePolicy implements OffloadPolicy {
    /** The options this policy takes (see the class comment). */
    public static final Map<String, String> OPTIONS = PolicySpec.options(
            "variant", "model variant every model application runs: largest (default), smallest, an index or a name");

    /** Name, description, options and factory, registered by {@code BuiltInPolicies}. */
    public static final PolicySpec<PolicyContext, OffloadPolicy> SPEC = PolicyRegistry.spec("profile-aware",
            "lowest predicted service time from the model profile (variant option: largest by default)",
            ProfileAwarePolicy::new).withOptions(OPTIONS);

    private final String variantOption;
    private final Map<Integer, Integer> variantOfApp = new HashMap<>();

    public ProfileAwarePolicy(PolicyContext context) {
        this(context.options().get("variant"));
        for (int a = 0; a < context.scenario().applications().size(); a++) {
            ApplicationSpec app = context.scenario().applications().get(a);
            if (app.hasModel()) {
                variantOfApp.put(a, ModelEstimates.parseVariant(app.model(), variantOption));
            }
        }
    }

    private ProfileAwarePolicy(String variantOption) {
        this.variantOption = variantOption;
    }

    @Override
    public Decision decide(Task task, SystemView view) {
        int variant = variantOfApp.getOrDefault(task.app(), -1);
        double best = Double.POSITIVE_INFINITY;
        int bestVm = Integer.MIN_VALUE;
        if (view.deviceCanCompute(task.device())) {
            best = ModelEstimates.serviceTimeS(view, task, -1, ModelEstimates.workMi(view, task, Tier.LOCAL, variant));
            bestVm = -1;
        }
        if (view.deviceSite(task.device()) >= 0) {
            double edgeMi = ModelEstimates.workMi(view, task, Tier.EDGE, variant);
            double cloudMi = ModelEstimates.workMi(view, task, Tier.CLOUD, variant);
            for (int v = 0; v < view.vmCount(); v++) {
                if (!view.vmAdmits(v, task)) {
                    continue;
                }
                double t = ModelEstimates.serviceTimeS(view, task, v,
                        view.vmTier(v) == Tier.CLOUD ? cloudMi : edgeMi);
                if (t < best) {
                    best = t;
                    bestVm = v;
                }
            }
        }
        if (bestVm == Integer.MIN_VALUE) {
            return Decision.REJECT;
        }
        Decision d = bestVm == -1 ? Decision.LOCAL
                : view.vmTier(bestVm) == Tier.CLOUD ? Decision.cloud(bestVm) : Decision.edge(bestVm);
        return d.withVariant(variant);
    }
}
