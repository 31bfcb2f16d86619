package org.offload.policy;

import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import org.offload.registry.PolicySpec;
import org.offload.registry.Registry;

/**
 * The discrete-event simulator's policies by name: a {@link Registry} of {@link OffloadPolicy} built from a
 * {@link PolicyContext}. It knows no implementation: {@code org.offload.policy.builtin.BuiltInPolicies} fills one
 * with the built-in policies, {@link #addProviders} with those of {@link PolicyProvider}s on a class path, and
 * callers add their own with {@link #register}.
 */
public final class PolicyRegistry extends Registry<PolicyContext, OffloadPolicy> {
    /** The study name the discrete-event policies are listed under. */
    public static final String STUDY = "discrete-event simulator";

    public PolicyRegistry() {
        super(STUDY, PolicyContext::options);
    }

    /** A spec of a discrete-event policy (the type arguments spelt out once, here). */
    public static PolicySpec<PolicyContext, OffloadPolicy> spec(String name, String description,
                                                               PolicySpec.Factory<PolicyContext, OffloadPolicy> f) {
        return PolicySpec.of(name, description, f);
    }

    /** Options for {@link #register}, in the order given: name, meaning, name, meaning, ... */
    public static Map<String, String> options(String... nameMeaningPairs) {
        return PolicySpec.options(nameMeaningPairs);
    }

    @Override
    public PolicyRegistry register(PolicySpec<PolicyContext, OffloadPolicy> spec) {
        super.register(spec);
        return this;
    }

    /** Adds a policy that takes no options; the name must be new. Returns this registry for chaining. */
    public PolicyRegistry register(String name, String description,
                                   PolicySpec.Factory<PolicyContext, OffloadPolicy> factory) {
        return register(name, description, Map.of(), factory);
    }

    /**
     * Adds a policy that takes the given options (name to one-line meaning); any other option given to it is an
     * error. The name must be new. Returns this registry for chaining.
     */
    public PolicyRegistry register(String name, String description, Map<String, String> options,
                                   PolicySpec.Factory<PolicyContext, OffloadPolicy> factory) {
        return register(new PolicySpec<>(name, description, options, Set.of(), factory));
    }

    /**
     * Adds the policies of every {@link PolicyProvider} that {@code loader} finds ({@link ServiceLoader}: a
     * {@code META-INF/services/org.offload.policy.PolicyProvider} file in a jar on its class path). A provider
     * whose policy name is taken is an error naming both. Returns this registry.
     */
    public PolicyRegistry addProviders(ClassLoader loader) {
        for (PolicyProvider p : ServiceLoader.load(PolicyProvider.class, loader)) {
            for (PolicySpec<PolicyContext, OffloadPolicy> s : p.policies()) {
                if (contains(s.name())) {
                    throw new IllegalArgumentException("policy provider " + p.getClass().getName()
                            + " registers '" + s.name() + "', a name already taken");
                }
                register(s);
            }
        }
        return this;
    }

    @Override
    protected RuntimeException unknownOption(String message) {
        return new PolicyOptionException(message);
    }
}
