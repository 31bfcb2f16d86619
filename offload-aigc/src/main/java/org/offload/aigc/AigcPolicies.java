package org.offload.aigc;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.offload.registry.Capability;
import org.offload.registry.PolicySpec;
import org.offload.registry.Registry;

/**
 * The AIGC study's policies (seed 002): a {@link Registry} of {@link AigcPolicy} built from an
 * {@link AigcPolicyContext}, the same registry type as the discrete-event policies'. The specs live here rather
 * than in each policy class so that the environment and learner classes stay as they are; the learning agents
 * are one spec per {@link AgentKind} ({@link Capability#NEEDS_MODEL_FILE}: a sweep trains them first; a run
 * without a checkpoint uses the one bundled for its scenario, {@link Checkpoint#bundled}).
 */
public final class AigcPolicies {
    /** The study name the AIGC policies are listed under. */
    public static final String STUDY = "AIGC (seed 002, kind: aigc scenarios)";

    public static final PolicySpec<AigcPolicyContext, AigcPolicy> RANDOM = PolicySpec.<AigcPolicyContext,
            AigcPolicy>of("random", "the paper's Random baseline: random target, offloading ratio and download bit",
            c -> new RandomPolicy()).with(Capability.RANDOMISED);
    public static final PolicySpec<AigcPolicyContext, AigcPolicy> GREEDY = PolicySpec.of("greedy",
            "the paper's Greedy baseline: whole task to the nearest server caching its model, else local",
            c -> new GreedyPolicy());
    public static final PolicySpec<AigcPolicyContext, AigcPolicy> GREEDY_COST = PolicySpec.of("greedy-cost",
            "ours: each device in turn takes the target, ratio and download with the best estimated reward",
            c -> new GreedyCostPolicy(c.scenario()));
    public static final PolicySpec<AigcPolicyContext, AigcPolicy> GREEDY_COST_NODL = PolicySpec.of(
            "greedy-cost-nodl", "ours: greedy-cost that never downloads a model (a miss is relayed or run elsewhere)",
            c -> GreedyCostPolicy.withoutDownloads(c.scenario()));
    public static final PolicySpec<AigcPolicyContext, AigcPolicy> GREEDY_PREFETCH = PolicySpec.of(
            "greedy-prefetch", "ours: greedy-cost plus frequency-based prefetching (the oracle-caching bar)",
            c -> new PrefetchPolicy(c.scenario()));

    private AigcPolicies() {
    }

    /** The learning agent {@code kind}: runs the actors of the checkpoint in its context. */
    public static PolicySpec<AigcPolicyContext, AigcPolicy> agent(AgentKind kind) {
        return new PolicySpec<>(kind.id(), agentDescription(kind), Map.of(),
                Set.of(Capability.TAKES_MODEL_FILE, Capability.NEEDS_MODEL_FILE, Capability.LEARNED,
                        Capability.RANDOMISED), c -> learned(kind, c));
    }

    /** Every AIGC policy in report order: the learning agents, the paper's two heuristics, then ours. */
    public static List<PolicySpec<AigcPolicyContext, AigcPolicy>> specs() {
        List<PolicySpec<AigcPolicyContext, AigcPolicy>> out = new ArrayList<>();
        for (AgentKind k : AgentKind.values()) {
            out.add(agent(k));
        }
        out.addAll(List.of(RANDOM, GREEDY, GREEDY_COST, GREEDY_COST_NODL, GREEDY_PREFETCH));
        return out;
    }

    /** A new registry holding every AIGC policy. */
    public static Registry<AigcPolicyContext, AigcPolicy> registry() {
        Registry<AigcPolicyContext, AigcPolicy> r = new Registry<>(STUDY, c -> Map.of());
        specs().forEach(r::register);
        return r;
    }

    private static String agentDescription(AgentKind kind) {
        return switch (kind) {
            case MADDPG_MATO -> "MADDPG-MATO: one actor per device, model-aware, decides target, ratio and download";
            case MADDPG_NOMODEL -> "MADDPG-NoModel: MADDPG without model information (always downloads)";
            case SADDPG -> "SADDPG: one centralised DDPG actor for every device";
            case MADDPG_MATO_NODL -> "MADDPG-MATO-NoDL: MATO's ablation that never downloads (a miss is relayed)";
        };
    }

    private static AigcPolicy learned(AgentKind kind, AigcPolicyContext c) {
        Checkpoint cp;
        try {
            if (c.checkpoint() == null) {
                // No --model: the checkpoint shipped for this scenario's name and dimensions, if there is one.
                return Checkpoint.bundled(c.scenario(), kind).policy();
            }
            cp = Checkpoint.load(c.checkpoint());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (cp.kind() != kind) {
            throw new IllegalArgumentException(c.checkpoint() + " holds a " + cp.kind().id() + " agent, not "
                    + kind.id());
        }
        cp.requireCompatible(c.scenario());
        return cp.policy();
    }
}
