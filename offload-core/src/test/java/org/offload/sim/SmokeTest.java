package org.offload.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.offload.TestScenarios;
import org.offload.metrics.SimulationResult;
import org.offload.policy.PolicyRegistry;

class SmokeTest {
    @Test
    void everyPolicyRuns() {
        for (String p : PolicyRegistry.builtIn().entries().keySet()) {
            SimulationResult r = OffloadSimulation.builder(TestScenarios.seed003(200, 1, p)).build().run();
            var o = r.overall();
            System.out.printf("%-15s gen=%d done=%d fail=%.3f svc=%.3f p99=%.3f net=%.3f proc=%.3f wait=%.3f util=%s reasons=%s tiers=%s events=%d wall=%.2f%n",
                    p, o.generated(), o.completed(), o.failureRate(), o.serviceTimeS().mean(), o.serviceTimeS().p99(),
                    o.networkDelayMeanS(), o.processingTimeMeanS(), o.queueingTimeMeanS(), r.vmUtilization(),
                    o.failuresByReason(), r.perTier(), r.eventsProcessed(), r.wallTimeS());
            assertEquals(o.generated(), o.completed() + o.failed());
            assertTrue(o.generated() > 0);
        }
    }
}
