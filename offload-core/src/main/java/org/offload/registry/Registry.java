package org.offload.registry;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import org.offload.util.Suggestions;

/**
 * Policies of one study by name: an explicit instance filled with {@link #register} (no classpath scanning, no
 * global state), generic over the context {@code C} a policy is built from and the policy type {@code P}. The
 * discrete-event simulator's {@code PolicyRegistry} and the AIGC study's registry are both this class.
 *
 * @param <C> what a policy is built from
 * @param <P> the policy type
 */
public class Registry<C, P> {
    private final String study;
    private final Function<? super C, Map<String, String>> optionsOf;
    private final Map<String, PolicySpec<C, P>> specs = new LinkedHashMap<>();

    /**
     * @param study     the study's name, for listings ({@code offload policies} groups by it)
     * @param optionsOf the options a context carries, checked against the spec's before a policy is built
     */
    public Registry(String study, Function<? super C, Map<String, String>> optionsOf) {
        this.study = Objects.requireNonNull(study, "study");
        this.optionsOf = Objects.requireNonNull(optionsOf, "optionsOf");
    }

    public String study() {
        return study;
    }

    /** Adds a policy; its name must be new. Returns this registry for chaining. */
    public Registry<C, P> register(PolicySpec<C, P> spec) {
        if (specs.containsKey(spec.name())) {
            throw new IllegalArgumentException("policy '" + spec.name() + "' is already registered");
        }
        specs.put(spec.name(), spec);
        return this;
    }

    public boolean contains(String name) {
        return specs.containsKey(name);
    }

    /** The spec of {@code name}, or null. */
    public PolicySpec<C, P> spec(String name) {
        return specs.get(name);
    }

    /** Every spec by name, in registration order. */
    public Map<String, PolicySpec<C, P>> entries() {
        return Collections.unmodifiableMap(specs);
    }

    /** The names of the policies with capability {@code c}, in registration order. */
    public List<String> names(Capability c) {
        List<String> out = new ArrayList<>();
        specs.values().stream().filter(s -> s.has(c)).forEach(s -> out.add(s.name()));
        return out;
    }

    /** The message for a name this registry lacks: a suggestion when one is close, and the names it has. */
    public String unknownPolicy(String name) {
        return "unknown policy '" + name + "'" + Suggestions.didYouMean(name, specs.keySet())
                + "; known policies: " + String.join(", ", specs.keySet());
    }

    /**
     * Builds the named policy. An unknown name is an {@link IllegalArgumentException} that lists the known ones;
     * an option the policy does not take is the exception of {@link #unknownOption} that lists the ones it does.
     */
    public P create(String name, C context) {
        PolicySpec<C, P> e = specs.get(name);
        if (e == null) {
            throw new IllegalArgumentException(unknownPolicy(name));
        }
        for (String key : optionsOf.apply(context).keySet()) {
            if (!e.options().containsKey(key)) {
                throw unknownOption("policy '" + name + "' has no option '" + key + "'; "
                        + (e.options().isEmpty() ? "it takes none"
                        : "its options: " + String.join(", ", e.options().keySet())));
            }
        }
        return e.factory().create(context);
    }

    /** The exception for an option a policy does not take (subclasses throw their study's usage error). */
    protected RuntimeException unknownOption(String message) {
        return new IllegalArgumentException(message);
    }
}
