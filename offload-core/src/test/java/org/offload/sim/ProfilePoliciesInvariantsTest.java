package org.offload.sim;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.offload.TestScenarios;
import org.offload.scenario.NetworkSpec;
import org.offload.scenario.Scenario;

/** profile-aware and accuracy-aware on applications without a model keep every run invariant. */
class ProfilePoliciesInvariantsTest {
    @ParameterizedTest(name = "{0} {1} {2} mobility={3}")
    @CsvSource({"profile-aware, TIME_SHARED, SHARED, false", "profile-aware, FCFS, MM1, true",
            "accuracy-aware, TIME_SHARED, SHARED, false", "accuracy-aware, FCFS, MM1, true"})
    void invariantsHold(String policy, Scenario.Scheduling scheduling, NetworkSpec.Model network, boolean mobility) {
        for (long seed = 1; seed <= 3; seed++) {
            Scenario s = TestScenarios.withTimes(TestScenarios.seed003(60, seed, policy, scheduling, network, mobility),
                    150, 20, 30);
            Invariants.checkAll(Recorder.run(s));
        }
    }
}
