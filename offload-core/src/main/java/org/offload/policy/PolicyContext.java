package org.offload.policy;

import java.util.Map;
import java.util.SplittableRandom;

import org.offload.scenario.Scenario;

/**
 * What a policy is built with: the scenario it will run in, its own seeded random stream and free-form options
 * (for example the model file of a learned policy: {@code offload run --model FILE}); policies ignore options they
 * do not know.
 */
public record PolicyContext(Scenario scenario, SplittableRandom random, Map<String, String> options) {
    public PolicyContext {
        options = options == null ? Map.of() : Map.copyOf(options);
    }

    /** A context without options. */
    public PolicyContext(Scenario scenario, SplittableRandom random) {
        this(scenario, random, Map.of());
    }
}
