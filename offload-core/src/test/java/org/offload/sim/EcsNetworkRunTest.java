package org.offload.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.offload.TestScenarios;
import org.offload.metrics.TaskRecord;
import org.offload.model.Tier;
import org.offload.scenario.EdgeSpec;
import org.offload.scenario.LinkSpec;
import org.offload.scenario.NetworkSpec;
import org.offload.scenario.Range;
import org.offload.scenario.Scenario;

/** Whole runs with {@code network.model: ecs}: sample_app4's routes and failure rules, conservation, invariants. */
class EcsNetworkRunTest {
    /** sample_app4's WAN table (kbit/s), typed in from FuzzyExperimentalNetworkModel.experimentalWanDelay. */
    private static final double[] WAN_KBPS = {
        20703.973, 12023.957, 9887.785, 8915.775, 8259.277, 7560.574, 7262.140, 7155.361, 7041.153, 6994.595,
        6653.232, 6111.868, 5570.505, 5029.142, 4487.779, 3899.729, 3311.680, 2723.631, 2135.582, 1547.533,
        1500.252, 1452.972, 1405.692, 1358.411, 1311.131,
    };

    private static Scenario ecs(int devices, String policy) {
        Scenario s = TestScenarios.seed003(devices, 3, policy, Scenario.Scheduling.TIME_SHARED,
                NetworkSpec.Model.ECS, false);
        NetworkSpec net = new NetworkSpec(NetworkSpec.Model.ECS, new LinkSpec(Range.of(88.040279 * 3), 0),
                new LinkSpec(Range.of(1331.2), 0.005), new LinkSpec(Range.of(20.703973), 0), 10, 10);
        s = TestScenarios.withNetwork(s, net);
        return TestScenarios.withTimes(s, 120, 10, 60);
    }

    @Test
    void cloudTransfersCrossOnlyTheWanAtItsTableRate() {
        Recorder.Run run = Recorder.run(TestScenarios.withFixedSizes(ecs(40, "cloud-only")));
        Invariants.checkAll(run);
        int checked = 0;
        for (TaskRecord t : run.records()) {
            if (!t.completed() || t.tier() != Tier.CLOUD) {
                continue;
            }
            double upKb = run.scenario().applications().stream().filter(a -> a.name().equals(t.app())).findFirst()
                    .orElseThrow().uploadKb();
            boolean tableRate = false;
            for (double kbps : WAN_KBPS) { // the WAN alone, at one of its table's rates: no WLAN hop before it
                tableRate |= Math.abs(t.uploadS() - upKb * 8 / kbps) < 1e-9;
            }
            assertTrue(tableRate, "upload " + t.uploadS() + " s of " + upKb + " KB is no WAN table rate: " + t);
            assertEquals(0.0, t.energyJ(), 1e-12, "no WLAN air time: " + t);
            checked++;
        }
        assertTrue(checked > 100, "cloud tasks checked: " + checked);
    }

    @Test
    void tooManyUsersOnAnAccessPointOrItsWanFailWithTheirOwnReasons() {
        // 1,500 devices on one access point with 64 edge VMs (so that VM admission does not cap the transfers in
        // flight first), then on 3 with the cloud: more than the tables' 101 (WLAN) and 25 (WAN) concurrent users
        Scenario oneSite = ecs(1500, "edge-only");
        EdgeSpec e = oneSite.edge();
        oneSite = TestScenarios.withEdge(oneSite, new EdgeSpec(1, e.placement(), 1, 64, e.vm(), 0, 100));
        Recorder.Run edge = Recorder.run(oneSite);
        Invariants.checkAll(edge);
        Map<String, Long> reasons = edge.result().overall().failuresByReason();
        assertTrue(reasons.getOrDefault("wlan_congestion", 0L) > 0, reasons.toString());
        assertTrue(!reasons.containsKey("network_congestion") && !reasons.containsKey("wan_congestion"),
                reasons.toString());
        Recorder.Run cloud = Recorder.run(ecs(1500, "cloud-only"));
        Invariants.checkAll(cloud);
        Map<String, Long> cloudReasons = cloud.result().overall().failuresByReason();
        assertTrue(cloudReasons.getOrDefault("wan_congestion", 0L) > 0, cloudReasons.toString());
        assertTrue(!cloudReasons.containsKey("wlan_congestion"), "cloud tasks never use the WLAN: " + cloudReasons);
    }
}
