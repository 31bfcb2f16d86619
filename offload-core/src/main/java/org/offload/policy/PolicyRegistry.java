package org.offload.policy;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import org.offload.policy.builtin.CloudOnlyPolicy;
import org.offload.policy.builtin.EdgeOnlyPolicy;
import org.offload.policy.builtin.GreedyPolicy;
import org.offload.policy.builtin.LeastUtilisedPolicy;
import org.offload.policy.builtin.LocalOnlyPolicy;
import org.offload.policy.builtin.NetworkAwarePolicy;
import org.offload.policy.builtin.RandomPolicy;
import org.offload.policy.builtin.RoundRobinPolicy;

/**
 * Policies by name. An explicit instance (no classpath scanning, no global state): {@link #builtIn()} returns a
 * new registry holding the built-in policies, and callers add their own with {@link #register}.
 */
public final class PolicyRegistry {
    /** Builds a fresh policy for one simulation run. */
    @FunctionalInterface
    public interface Factory {
        OffloadPolicy create(PolicyContext context);
    }

    /**
     * A registered policy: its name, a one-line description, the options it takes (name to one-line meaning, in
     * the order to list them) and its factory.
     */
    public record Entry(String name, String description, Map<String, String> options, Factory factory) {
        public Entry {
            options = Collections.unmodifiableMap(new LinkedHashMap<>(options));
        }
    }

    private final Map<String, Entry> entries = new LinkedHashMap<>();

    /** A registry with every built-in policy. */
    public static PolicyRegistry builtIn() {
        PolicyRegistry r = new PolicyRegistry();
        r.register("local-only", "run every task on its device", c -> new LocalOnlyPolicy());
        r.register("edge-only", "least-utilised VM of the device's nearest edge site", c -> new EdgeOnlyPolicy());
        r.register("cloud-only", "least-utilised cloud VM", c -> new CloudOnlyPolicy());
        r.register("random", "uniformly random tier, then a random VM of it", RandomPolicy::new);
        r.register("round-robin", "cycles over all edge and cloud VMs", c -> new RoundRobinPolicy());
        r.register("least-utilised", "VM with the lowest claimed utilisation over edge and cloud that admits the task",
                c -> new LeastUtilisedPolicy());
        r.register("network-aware", "offload to the site or cloud with the lowest estimated transfer delay",
                c -> new NetworkAwarePolicy());
        r.register("greedy", "option (local, any edge or cloud VM) with the lowest estimated service time",
                c -> new GreedyPolicy());
        r.register("sonmez-fuzzy", "Sonmez 2019 two-stage fuzzy orchestrator (EdgeCloudSim FUZZY_BASED)",
                c -> new org.offload.policy.fuzzy.SonmezFuzzyPolicy());
        r.register("flores", "Flores* fuzzy edge-or-cloud choice (EdgeCloudSim FUZZY_COMPETITOR)",
                c -> new org.offload.policy.fuzzy.FloresPolicy());
        r.register("fuzzy-mcda", "SUBSTITUTE for the multi-criteria fuzzy approach: Sonmez-style two-stage FIS",
                c -> new org.offload.policy.fuzzy.FuzzyMcdaPolicy());
        r.register("utilization-based", "cloud iff mean edge utilisation > 80%, else least-utilised edge VM "
                + "(EdgeCloudSim UTILIZATION_BASED)", c -> new org.offload.policy.fuzzy.UtilizationBasedPolicy());
        r.register("ecs-network-based", "cloud iff the WAN probe bandwidth > 6 Mbit/s, else least-utilised edge VM "
                + "(EdgeCloudSim NETWORK_BASED)", org.offload.policy.fuzzy.EcsThresholdPolicy.NETWORK_OPTIONS,
                org.offload.policy.fuzzy.EcsThresholdPolicy::networkBased);
        r.register("ecs-hybrid", "cloud iff WAN probe bandwidth > 6 Mbit/s and mean edge utilisation > 80%, else "
                + "least-utilised edge VM (EdgeCloudSim HYBRID)",
                org.offload.policy.fuzzy.EcsThresholdPolicy.HYBRID_OPTIONS,
                org.offload.policy.fuzzy.EcsThresholdPolicy::hybrid);
        r.register("dl-tier", "seed 003 Algorithm 1: tier net (64-32-16, expert labels), VM net, batches, overflow",
                org.offload.policy.learned.DlTierPolicy.OPTIONS, c -> org.offload.policy.learned.DlTierPolicy.create(c,
                        org.offload.policy.learned.DlTierPolicy.TIER_EXPERT_RESOURCE));
        r.register("dl-tier-oracle", "as dl-tier, tier net trained on oracle labels (lowest estimated service time)",
                org.offload.policy.learned.DlTierPolicy.OPTIONS, c -> org.offload.policy.learned.DlTierPolicy.create(c,
                        org.offload.policy.learned.DlTierPolicy.TIER_ORACLE_RESOURCE));
        r.register("profile-aware", "lowest predicted service time from the model profile (variant option: "
                + "largest by default)", org.offload.policy.profile.ProfileAwarePolicy.OPTIONS,
                org.offload.policy.profile.ProfileAwarePolicy::new);
        r.register("accuracy-aware", "tier, VM and model variant by Lyapunov drift-plus-penalty: accuracy vs "
                + "backlog under deadlines (option v)", org.offload.policy.profile.AccuracyAwarePolicy.OPTIONS,
                org.offload.policy.profile.AccuracyAwarePolicy::new);
        return r;
    }

    /** Options for {@link #register}, in the order given: name, meaning, name, meaning, ... */
    public static Map<String, String> options(String... nameMeaningPairs) {
        if (nameMeaningPairs.length % 2 != 0) {
            throw new IllegalArgumentException("options: name and meaning pairs expected");
        }
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < nameMeaningPairs.length; i += 2) {
            if (m.put(nameMeaningPairs[i], nameMeaningPairs[i + 1]) != null) {
                throw new IllegalArgumentException("option '" + nameMeaningPairs[i] + "' given twice");
            }
        }
        return Collections.unmodifiableMap(m);
    }

    /** Adds a policy that takes no options; the name must be new. Returns this registry for chaining. */
    public PolicyRegistry register(String name, String description, Factory factory) {
        return register(name, description, Map.of(), factory);
    }

    /**
     * Adds a policy that takes the given options (name to one-line meaning); any other option given to it is an
     * error. The name must be new. Returns this registry for chaining.
     */
    public PolicyRegistry register(String name, String description, Map<String, String> options, Factory factory) {
        if (entries.containsKey(name)) {
            throw new IllegalArgumentException("policy '" + name + "' is already registered");
        }
        entries.put(name, new Entry(name, description, options, factory));
        return this;
    }

    public boolean contains(String name) {
        return entries.containsKey(name);
    }

    /** The message for a name this registry lacks: it lists the names it has. */
    public String unknownPolicy(String name) {
        return "unknown policy '" + name + "'" + org.offload.util.Suggestions.didYouMean(name, entries.keySet())
                + "; known policies: " + String.join(", ", entries.keySet());
    }

    /**
     * Builds the named policy. An unknown name is an error that lists the known ones; an option the policy does
     * not take is a {@link PolicyOptionException} that lists the ones it does.
     */
    public OffloadPolicy create(String name, PolicyContext context) {
        Entry e = entries.get(name);
        if (e == null) {
            throw new IllegalArgumentException(unknownPolicy(name));
        }
        for (String key : context.options().keySet()) {
            if (!e.options().containsKey(key)) {
                throw new PolicyOptionException("policy '" + name + "' has no option '" + key + "'; "
                        + (e.options().isEmpty() ? "it takes none"
                        : "its options: " + String.join(", ", e.options().keySet())));
            }
        }
        return e.factory().create(context);
    }

    public Map<String, Entry> entries() {
        return Collections.unmodifiableMap(entries);
    }
}
