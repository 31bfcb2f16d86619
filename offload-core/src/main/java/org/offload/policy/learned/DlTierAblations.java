package org.offload.policy.learned;

import static org.offload.policy.learned.DlTierPolicy.OUTCOME_OWN_RESOURCE;
import static org.offload.policy.learned.DlTierPolicy.TIER_EXPERT_RESOURCE;
import static org.offload.policy.learned.DlTierPolicy.TIER_ORACLE_RESOURCE;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.offload.policy.OffloadPolicy;
import org.offload.policy.PolicyContext;
import org.offload.policy.PolicyRegistry;
import org.offload.registry.Capability;
import org.offload.registry.PolicySpec;

/**
 * The ablations of the dl-tier policies (issue 17): {@link DlTierPolicy} with a part of Algorithm 1 replaced by a
 * constant or a rule through its options, registered under names of their own so that {@code offload sweep} runs
 * them beside the learned policies.
 */
public final class DlTierAblations {
    private DlTierAblations() {
    }

    /**
     * A registered variant of the learned policy: its name, a one-line description, the tier network it starts from
     * and the options it presets (options given at run time win). The ablations are registered this way so that
     * {@code offload sweep} runs them beside the learned policies.
     */
    public record Preset(String name, String description, String tierResource, Map<String, String> options) {
        public Preset {
            options = Map.copyOf(options);
        }
    }

    /** The ablations of {@code dl-tier} and {@code dl-tier-oracle} registered as policies of their own. */
    public static final List<Preset> ABLATIONS = List.of(
            new Preset("dl-tier-cloud-first", "ablation: dl-tier with its tier network replaced by a constant ranking,"
                    + " cloud first", TIER_EXPERT_RESOURCE, Map.of("tier", "constant:cloud-first")),
            new Preset("dl-tier-local-first", "ablation: dl-tier with its tier network replaced by a constant ranking,"
                    + " local edge first", TIER_EXPERT_RESOURCE, Map.of("tier", "constant:local-edge-first")),
            new Preset("dl-tier-device-first", "ablation: dl-tier with its tier network replaced by a constant"
                    + " ranking, the device's own CPU first", TIER_EXPERT_RESOURCE,
                    Map.of("tier", "constant:device-first")),
            new Preset("dl-tier-expert-rule", "ablation: dl-tier with its tier network replaced by the expert rules"
                    + " it was trained on", TIER_EXPERT_RESOURCE, Map.of("tier", "rule:expert")),
            new Preset("dl-tier-fastest-rule", "ablation: dl-tier-oracle with its tier network replaced by the rule its"
                    + " labels come from (lowest estimate)", TIER_ORACLE_RESOURCE, Map.of("tier", "rule:fastest")),
            new Preset("dl-tier-vm-estimate", "ablation: dl-tier with its VM network replaced by the lowest estimate",
                    TIER_EXPERT_RESOURCE, Map.of("vm", "estimate")),
            new Preset("dl-tier-vm-constant", "ablation: dl-tier with its VM network replaced by a constant score"
                    + " (first VM that fits)", TIER_EXPERT_RESOURCE, Map.of("vm", "constant")),
            new Preset("dl-tier-rules", "ablation: Algorithm 1 without networks: lowest-estimate tier and VM",
                    TIER_ORACLE_RESOURCE, Map.of("tier", "rule:fastest", "vm", "estimate")),
            new Preset("dl-tier-no-overflow", "ablation: dl-tier without the overflow queue (what no tier takes now"
                    + " is rejected)", TIER_EXPERT_RESOURCE, Map.of("overflow", "reject")),
            new Preset("dl-tier-no-deadline-check", "ablation: dl-tier without C2 (places need only admit the task)",
                    TIER_EXPERT_RESOURCE, Map.of("deadline", "ignore")),
            new Preset("dl-tier-no-batch", "ablation: dl-tier deciding each task alone (batch_window_s=0)",
                    TIER_EXPERT_RESOURCE, Map.of("batch_window_s", "0")),
            new Preset("dl-tier-outcome-own", "ablation: dl-tier-outcome with its network trained on the task's own"
                    + " realised cost only", OUTCOME_OWN_RESOURCE, Map.of()));

    /**
     * {@link DlTierPolicy#create(PolicyContext, String)} for a preset: its tier network, its options under the given
     * ones.
     */
    public static DlTierPolicy create(PolicyContext context, Preset preset) {
        Map<String, String> options = new LinkedHashMap<>(preset.options());
        options.putAll(context.options());
        return DlTierPolicy.create(new PolicyContext(context.scenario(), context.random(), options),
                preset.tierResource());
    }

    /** The {@link #ABLATIONS} as specs, in their order. */
    public static final List<PolicySpec<PolicyContext, OffloadPolicy>> SPECS =
            ABLATIONS.stream().map(DlTierAblations::spec).toList();

    /**
     * A preset as a policy of its own. It batches unless its batch window is 0, and counts as learned while either
     * network still decides.
     */
    static PolicySpec<PolicyContext, OffloadPolicy> spec(Preset p) {
        PolicySpec<PolicyContext, OffloadPolicy> s = PolicyRegistry.spec(p.name(), p.description(),
                c -> create(c, p)).withOptions(DlTierPolicy.OPTIONS).with(Capability.TAKES_MODEL_FILE);
        if (!"0".equals(p.options().get("batch_window_s"))) {
            s = s.with(Capability.BATCHES);
        }
        DlTierPolicy.Variant v = DlTierPolicy.Variant.AS_DESIGNED.with(p.options());
        if (v.tier().equals("net") || v.vm().equals("net")) {
            s = s.with(Capability.LEARNED);
        }
        return s;
    }
}
