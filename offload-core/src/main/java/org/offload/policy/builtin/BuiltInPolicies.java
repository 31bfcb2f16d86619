package org.offload.policy.builtin;

import java.util.List;
import java.util.stream.Stream;
import org.offload.policy.OffloadPolicy;
import org.offload.policy.PolicyContext;
import org.offload.policy.PolicyRegistry;
import org.offload.policy.freshness.AoiAwarePolicy;
import org.offload.policy.fuzzy.EcsThresholdPolicy;
import org.offload.policy.fuzzy.FloresPolicy;
import org.offload.policy.fuzzy.FuzzyMcdaPolicy;
import org.offload.policy.fuzzy.SonmezFuzzyPolicy;
import org.offload.policy.fuzzy.UtilizationBasedPolicy;
import org.offload.policy.learned.DlTierAblations;
import org.offload.policy.learned.DlTierPolicy;
import org.offload.policy.partition.HeftPolicy;
import org.offload.policy.partition.NeurosurgeonPolicy;
import org.offload.policy.partition.PartialOptimalPolicy;
import org.offload.policy.profile.AccuracyAwarePolicy;
import org.offload.policy.profile.ProfileAwarePolicy;
import org.offload.policy.quality.QualityLyapunovPolicy;
import org.offload.registry.PolicySpec;

/**
 * The built-in discrete-event policies: each class's static spec, in listing order. The one place that names every
 * implementation, so that {@link PolicyRegistry} knows none of them. A new built-in policy adds its {@code SPEC} to
 * {@link #SPECS}.
 */
public final class BuiltInPolicies {
    /** Every built-in policy, in the order {@code offload policies} lists them. */
    public static final List<PolicySpec<PolicyContext, OffloadPolicy>> SPECS = Stream.of(
            List.of(LocalOnlyPolicy.SPEC, EdgeOnlyPolicy.SPEC, CloudOnlyPolicy.SPEC, RandomPolicy.SPEC,
                    RoundRobinPolicy.SPEC, LeastUtilisedPolicy.SPEC, NetworkAwarePolicy.SPEC, GreedyPolicy.SPEC,
                    SonmezFuzzyPolicy.SPEC, FloresPolicy.SPEC, FuzzyMcdaPolicy.SPEC, UtilizationBasedPolicy.SPEC,
                    EcsThresholdPolicy.NETWORK_SPEC, EcsThresholdPolicy.HYBRID_SPEC,
                    DlTierPolicy.SPEC, DlTierPolicy.ORACLE_SPEC, DlTierPolicy.OUTCOME_SPEC),
            DlTierAblations.SPECS, // dl-tier's parts replaced by constants or rules, for sweeps beside it
            List.of(ProfileAwarePolicy.SPEC, AccuracyAwarePolicy.SPEC, QualityLyapunovPolicy.SPEC),
            List.of(AoiAwarePolicy.SPEC), List.of(NeurosurgeonPolicy.SPEC, PartialOptimalPolicy.SPEC, HeftPolicy.SPEC))
            .flatMap(List::stream).toList();

    private BuiltInPolicies() {
    }

    /** A new registry holding every built-in policy. */
    public static PolicyRegistry registry() {
        PolicyRegistry r = new PolicyRegistry();
        SPECS.forEach(r::register);
        return r;
    }
}
