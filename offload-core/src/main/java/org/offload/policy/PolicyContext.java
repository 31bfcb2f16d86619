package org.offload.policy;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.offload.scenario.Scenario;

/**
 * What a policy is built with: the scenario it will run in, its own seeded random stream and its options (for
 * example the model file of a learned policy: {@code offload run --model FILE}, or the scenario's
 * {@code policy_options}). Which options a policy takes is declared where it is registered
 * (the policy's {@link org.offload.registry.PolicySpec}); the registry refuses any other.
 */
public record PolicyContext(Scenario scenario, SplittableRandom random, Map<String, String> options) {
    public PolicyContext {
        // in the order given, so that messages naming options do not depend on hashing
        options = options == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(options));
    }

    /** Option {@code key} as a number, or {@code defaultValue} when it is not given. */
    public double number(String key, double defaultValue) {
        return number(options, key, defaultValue);
    }

    /**
     * Option {@code key} of {@code options} as a number, or {@code defaultValue} when it is not given; a value that
     * is not a number is a {@link PolicyOptionException}.
     */
    public static double number(Map<String, String> options, String key, double defaultValue) {
        String v = options.get(key);
        if (v == null) {
            return defaultValue;
        }
        try {
            return Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw new PolicyOptionException("policy option " + key + ": expected a number, got '" + v + "'");
        }
    }

    /** A context without options. */
    public PolicyContext(Scenario scenario, SplittableRandom random) {
        this(scenario, random, Map.of());
    }
}
