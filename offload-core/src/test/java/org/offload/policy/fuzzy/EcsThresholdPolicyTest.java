package org.offload.policy.fuzzy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.offload.TestScenarios;
import org.offload.metrics.SimulationResult;
import org.offload.model.Decision;
import org.offload.model.Task;
import org.offload.model.Tier;
import org.offload.policy.OffloadPolicy;
import org.offload.policy.PolicyContext;
import org.offload.policy.PolicyOptionException;
import org.offload.policy.PolicyRegistry;
import org.offload.policy.builtin.BuiltInPolicies;
import org.offload.sim.OffloadSimulation;

/** sample_app4's NETWORK_BASED and HYBRID rules at and around their thresholds (6 Mbit/s WAN probe, 80% edge). */
class EcsThresholdPolicyTest {
    private static final Task TASK = FakeView.task(3000, 20, 25, 0.5);

    private static OffloadPolicy network(Map<String, String> options) {
        return EcsThresholdPolicy.networkBased(new PolicyContext(new FakeView().scenario(), new SplittableRandom(1),
                options));
    }

    private static OffloadPolicy hybrid(Map<String, String> options) {
        return EcsThresholdPolicy.hybrid(new PolicyContext(new FakeView().scenario(), new SplittableRandom(1),
                options));
    }

    private static FakeView view(double wanMbps, double edgePercent) {
        FakeView v = new FakeView().allEdge(edgePercent).vm(5, edgePercent / 2);
        v.wanMbps = wanMbps;
        return v;
    }

    @Test
    void networkBasedGoesToTheCloudExactlyAboveSixMbps() {
        OffloadPolicy p = network(Map.of());
        assertEquals(Tier.CLOUD, p.decide(TASK, view(6.5, 10)).tier());
        // at 5.5 Mbit/s (and at 6 exactly: the rule is a strict '>') the least-utilised edge VM over all sites
        assertEquals(Decision.edge(5), p.decide(TASK, view(5.5, 95)));
        assertEquals(Tier.EDGE, p.decide(TASK, view(6.0 - 1e-9, 10)).tier());
        // the edge load does not matter to NETWORK_BASED
        assertEquals(Tier.CLOUD, p.decide(TASK, view(50, 0)).tier());
    }

    @Test
    void hybridNeedsBothAFastWanAndAnEdgeAboveEightyPercent() {
        OffloadPolicy p = hybrid(Map.of());
        assertEquals(Tier.CLOUD, p.decide(TASK, view(50, 90)).tier());
        assertEquals(Tier.EDGE, p.decide(TASK, view(50, 70)).tier());  // fast WAN, edge not loaded
        assertEquals(Tier.EDGE, p.decide(TASK, view(5, 95)).tier());   // loaded edge, slow WAN
    }

    @Test
    void thresholdsAreOptions() {
        assertEquals(Tier.EDGE, network(Map.of("wan_threshold_mbps", "60")).decide(TASK, view(50, 0)).tier());
        assertEquals(Tier.CLOUD, hybrid(Map.of("edge_utilization_percent", "60")).decide(TASK, view(50, 70)).tier());
        assertThrows(PolicyOptionException.class, () -> hybrid(Map.of("edge_utilization_percent", "120")));
        assertThrows(PolicyOptionException.class, () -> network(Map.of("wan_threshold_mbps", "-1")));
    }

    @Test
    void bothAreRegisteredAndRunTheSeed003Scenario() {
        PolicyRegistry registry = BuiltInPolicies.registry();
        for (String name : List.of("ecs-network-based", "ecs-hybrid")) {
            assertTrue(registry.contains(name), name);
            SimulationResult r = OffloadSimulation.builder(TestScenarios.seed003(100, 1, name).withDuration(400, 60))
                    .build().run();
            long cloud = r.perTier().get("cloud").tasks();
            long edge = r.perTier().get("edge").tasks();
            assertEquals(r.overall().generated(), cloud + edge, name + ": everything offloaded");
            // the probe of the 10-100 Mbit/s WAN is mostly above 6 Mbit/s (~90% of decisions here); 100 devices keep the edge far below 80%
            if (name.equals("ecs-network-based")) {
                assertTrue(cloud > 0.8 * (cloud + edge), name + " cloud " + cloud + " edge " + edge);
            } else {
                assertEquals(0L, cloud, name);
            }
        }
    }
}
