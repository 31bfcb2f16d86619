package org.offload.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.offload.experiment.PolicyVariant;
import org.offload.policy.PolicyContext;
import org.offload.policy.PolicyRegistry;
import org.offload.registry.PolicySpec;
import org.offload.scenario.Scenario;

/**
 * Checks a sweep's configured policies before any run, each problem at its {@code file:line: key}: the name is not a
 * registered policy's, the policy is registered, it takes each option, and it can be built with them.
 */
final class PolicyVariantCheck {
    private PolicyVariantCheck() {
    }

    /** Names and option keys against the registry. */
    static void names(List<PolicyVariant> variants, PolicyRegistry registry, Problems problems) {
        for (PolicyVariant v : variants) {
            if (registry.contains(v.name())) {
                problems.add(v.at("name") + ": '" + v.name() + "' is a registered policy; a configured policy needs "
                        + "a name of its own (e.g. " + v.name() + "-" + v.options().keySet().stream().findFirst()
                        .orElse("custom") + ")");
            }
            PolicySpec<?, ?> spec = registry.spec(v.policy());
            if (spec == null) {
                problems.add(v.at("policy") + ": " + registry.unknownPolicy(v.policy()));
                continue;
            }
            for (String k : v.options().keySet()) {
                if (!spec.options().containsKey(k)) {
                    problems.add(v.at("options." + k) + ": policy '" + v.policy() + "' has no option '" + k + "'; "
                            + (spec.options().isEmpty() ? "it takes none"
                            : "its options: " + String.join(", ", spec.options().keySet())));
                }
            }
        }
    }

    /** Builds each variant's policy once on {@code base} (the sweep's scenario): a bad option value is named here. */
    static void options(List<PolicyVariant> variants, PolicyRegistry registry, Scenario base, Problems problems) {
        for (PolicyVariant v : variants) {
            Map<String, String> options = new LinkedHashMap<>(base.policyOptions());
            options.putAll(v.options());
            try {
                registry.create(v.policy(), new PolicyContext(base, new SplittableRandom(0), options));
            } catch (RuntimeException e) {
                problems.add(v.at("options") + ": " + e.getMessage());
            }
        }
    }
}
