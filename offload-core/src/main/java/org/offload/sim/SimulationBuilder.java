package org.offload.sim;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.UnaryOperator;

import org.offload.engine.RandomStreams;
import org.offload.metrics.TaskListener;
import org.offload.policy.OffloadPolicy;
import org.offload.policy.PolicyContext;
import org.offload.policy.PolicyRegistry;
import org.offload.policy.builtin.BuiltInPolicies;
import org.offload.scenario.Scenario;

/**
 * Options for one {@link OffloadSimulation}, from {@link OffloadSimulation#builder}; everything but the scenario is
 * optional. Kept apart from the simulation so that the class holding the event loop holds only the task's life cycle.
 */
public final class SimulationBuilder {
    final Scenario scenario;
    private OffloadPolicy policy;
    private String policyName;
    private String label;
    private PolicyRegistry registry;
    TaskListener taskListener;
    ProgressListener progress;
    private UnaryOperator<OffloadPolicy> decorator = p -> p;
    private Map<String, String> policyOptions = Map.of();
    boolean external;

    SimulationBuilder(Scenario scenario) {
        this.scenario = Objects.requireNonNull(scenario, "scenario");
    }

    /** Uses this policy instance instead of looking {@code scenario.policy()} up in a registry. */
    public SimulationBuilder policy(String name, OffloadPolicy p) {
        this.policyName = name;
        this.policy = p;
        return this;
    }

    /** Registry to look the scenario's policy up in (default: {@code BuiltInPolicies.registry()}). */
    public SimulationBuilder registry(PolicyRegistry r) {
        this.registry = r;
        return this;
    }

    /**
     * Wraps the policy looked up in the registry (for timing, logging or remote calls); the wrapped policy
     * is built exactly as without a decorator, so results stay comparable.
     */
    public SimulationBuilder decorate(UnaryOperator<OffloadPolicy> d) {
        this.decorator = Objects.requireNonNull(d, "decorator");
        return this;
    }

    /**
     * Options handed to the registry's policy factory in its {@link PolicyContext}, over the scenario's
     * {@code policy_options} (an option given here wins; default: none).
     */
    public SimulationBuilder policyOptions(Map<String, String> options) {
        this.policyOptions = new LinkedHashMap<>(options);
        return this;
    }

    public SimulationBuilder taskListener(TaskListener l) {
        this.taskListener = l;
        return this;
    }

    public SimulationBuilder progress(ProgressListener p) {
        this.progress = p;
        return this;
    }

    /**
     * No policy: each task's decision is supplied from outside through {@link OffloadSimulation#decisionLoop()}
     * (the result names the policy {@code policy(name, null)} gave, else {@code external}).
     */
    public SimulationBuilder externalDecisions() {
        this.external = true;
        return this;
    }

    /**
     * The name results carry instead of the scenario's policy (a sweep's configured variant, e.g. {@code ns-energy}
     * for {@code neurosurgeon} with options); the policy itself is still the scenario's, built as without a label.
     */
    public SimulationBuilder label(String name) {
        this.label = name;
        return this;
    }

    public OffloadSimulation build() {
        return new OffloadSimulation(this);
    }

    String policyName() {
        if (external) {
            return policyName != null ? policyName : "external";
        }
        return policy != null && policyName != null ? policyName : label != null ? label : scenario.policy();
    }

    /** The given policy, or the scenario's from the registry with the scenario's options under the builder's. */
    OffloadPolicy createPolicy(RandomStreams streams) {
        if (policy != null) {
            return policy;
        }
        Map<String, String> options = new LinkedHashMap<>(scenario.policyOptions());
        options.putAll(policyOptions);
        PolicyContext ctx = new PolicyContext(scenario, streams.stream("policy", 0), options);
        PolicyRegistry r = registry != null ? registry : BuiltInPolicies.registry();
        return decorator.apply(r.create(scenario.policy(), ctx));
    }
}
