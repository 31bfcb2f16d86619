package org.offload.sim;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.offload.TestScenarios;
import org.offload.model.FailureReason;
import org.offload.policy.builtin.BuiltInPolicies;
import org.offload.scenario.NetworkSpec;
import org.offload.scenario.Scenario;

/**
 * For random small scenarios, every built-in policy, both VM schedulers, both network models, with and without
 * mobility, limited coverage, local CPUs, drain time and memory-hungry tasks: tasks are conserved, every task
 * ends exactly once with at most one reason, and the per-task records add up to the reported metrics.
 */
class ConservationPropertyTest {
    @Provide
    Arbitrary<String> policies() {
        return Arbitraries.of(List.copyOf(BuiltInPolicies.registry().entries().keySet()));
    }

    @Provide
    Arbitrary<Double> coverages() {
        return Arbitraries.of(0.0, 0.0, 300.0);
    }

    @Provide
    Arbitrary<Double> drains() {
        // 0 and 5 s leave tasks unfinished (deadlines reach 20 s); 30 s lets every task end on its own.
        return Arbitraries.of(0.0, 5.0, 30.0, 30.0);
    }

    @Property(tries = 25)
    void tasksAreConservedAndRecordsMatchMetrics(@ForAll @IntRange(min = 5, max = 150) int devices,
                                                 @ForAll long seed,
                                                 @ForAll("policies") String policy,
                                                 @ForAll Scenario.Scheduling scheduling,
                                                 @ForAll NetworkSpec.Model network,
                                                 @ForAll boolean mobility,
                                                 @ForAll("coverages") double coverageM,
                                                 @ForAll boolean localCpu,
                                                 @ForAll("drains") double drainS,
                                                 @ForAll boolean bigTasks) {
        Scenario s = TestScenarios.seed003(devices, seed, policy, scheduling, network, mobility);
        s = TestScenarios.withTimes(s, 150, 20, drainS);
        s = TestScenarios.withCoverage(s, coverageM);
        if (bigTasks) {
            s = TestScenarios.withTaskMemory(s, 3000); // no local room at all, two per edge VM
        }
        if (!localCpu) {
            s = TestScenarios.withoutLocalCpu(s);
        }
        Recorder.Run run = Recorder.run(s);
        Invariants.checkAll(run);
        if (localCpu) {
            Invariants.assertNoReason(run.result().overall(), FailureReason.NO_LOCAL_CPU);
        }
    }
}
