package org.offload.registry;

import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What a registry knows of one policy: its name, a one-line description, the options it takes (name to one-line
 * meaning, in listing order), its {@link Capability capabilities} and the factory that builds it from a context of
 * type {@code C}. Each policy class declares its spec as a static constant (Caffeine's {@code @PolicySpec}, typed
 * and without reflection); a class may declare several (parameter variants).
 *
 * @param <C> what the policy is built from (the discrete-event {@code PolicyContext}, the AIGC context, ...)
 * @param <P> the policy type
 */
public record PolicySpec<C, P>(String name, String description, Map<String, String> options,
                               Set<Capability> capabilities, Factory<C, P> factory) {
    /** Builds a fresh policy for one run. */
    @FunctionalInterface
    public interface Factory<C, P> {
        P create(C context);
    }

    public PolicySpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(factory, "factory");
        if (name.isBlank() || !name.matches("[A-Za-z0-9_][A-Za-z0-9._-]*")) {
            throw new IllegalArgumentException("policy name '" + name + "': letters, digits, '.', '_', '-' only");
        }
        description = description == null ? "" : description;
        options = Collections.unmodifiableMap(new LinkedHashMap<>(options));
        capabilities = capabilities.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(capabilities));
    }

    /** A spec without options or capabilities. */
    public static <C, P> PolicySpec<C, P> of(String name, String description, Factory<C, P> factory) {
        return new PolicySpec<>(name, description, Map.of(), Set.of(), factory);
    }

    /** This spec taking the given options (name to meaning, in listing order). */
    public PolicySpec<C, P> withOptions(Map<String, String> nameToMeaning) {
        return new PolicySpec<>(name, description, nameToMeaning, capabilities, factory);
    }

    /** This spec with the given capabilities added. */
    public PolicySpec<C, P> with(Capability first, Capability... more) {
        EnumSet<Capability> all = EnumSet.of(first, more);
        all.addAll(capabilities);
        return new PolicySpec<>(name, description, options, all, factory);
    }

    public boolean has(Capability c) {
        return capabilities.contains(c);
    }

    /** Options in the order given: name, meaning, name, meaning, ... A name given twice is an error. */
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
}
