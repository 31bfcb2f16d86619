package org.offload.policy.fuzzy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.offload.TestScenarios;
import org.offload.metrics.GroupMetrics;
import org.offload.metrics.SimulationResult;
import org.offload.model.Decision;
import org.offload.model.Task;
import org.offload.model.Tier;
import org.offload.policy.OffloadPolicy;
import org.offload.policy.PolicyRegistry;
import org.offload.policy.builtin.BuiltInPolicies;
import org.offload.policy.builtin.LeastUtilisedPolicy;
import org.offload.scenario.LinkSpec;
import org.offload.scenario.NetworkSpec;
import org.offload.scenario.Range;
import org.offload.scenario.Scenario;
import org.offload.sim.OffloadSimulation;

/**
 * Decisions of the four EdgeCloudSim-style policies on hand-set states ({@link FakeView}: sites 0-2 hold VMs
 * 0-7, 8-15, 16-23; cloud VMs 24-27; WAN 50 Mbit/s so the 1 Mbit probe reads wan_bw high; MAN 1 Mbit delay
 * 0.77 ms + 5 ms = 5.77 ms, man_delay medium .754), and whole runs on the seed-003 test scenario.
 */
class FuzzyPoliciesTest {
    /** An AR-like task short enough to be task_size low (3000 MI), little data. */
    private static Task shortTask(double sensitivity) {
        return FakeView.task(3000, 20, 25, sensitivity);
    }

    // ------------------------------------------------------------------ sonmez-fuzzy

    @Test
    void sonmezSendsToTheCloudWithHighBandwidthLowSensitivityAndHighUtilisation() {
        FakeView v = new FakeView().allEdge(90).vm(24, 50).vm(25, 20).vm(26, 20).vm(27, 70);
        // FIS2: nearest H, remote H (site 1), MAN M -> remote .754 -> 62.6 -> site 1 (util 90).
        // FIS1: util H, size L, wan H, ds L -> cloud 1 -> 70 -> cloud; least-utilised cloud VM, lower index: 25
        assertEquals(Decision.cloud(25), new SonmezFuzzyPolicy().decide(shortTask(0.1), v));
    }

    @Test
    void sonmezKeepsASensitiveTaskOnTheNearestIdleSite() {
        FakeView v = new FakeView().allEdge(10).vm(3, 0);
        // FIS2: nearest L (8.75), remote L, MAN M -> nearest. FIS1: L L H H -> edge. Least-utilised VM of site 0
        assertEquals(Decision.edge(3), new SonmezFuzzyPolicy().decide(shortTask(0.9), v));
    }

    @Test
    void sonmezMovesToTheLeastUtilisedRemoteSiteWhenTheNearestIsBusy() {
        FakeView v = new FakeView().site(0, 90).site(1, 50).site(2, 10).vm(22, 4);
        // FIS2: nearest H, best remote = site 2 (9.25, L), MAN M -> remote. FIS1 on util 9.25: L L H H -> edge
        assertEquals(Decision.edge(22), new SonmezFuzzyPolicy().decide(shortTask(0.9), v));
    }

    @Test
    void sonmezPicksAFullVmWhenNoneAdmitsLikeEdgeCloudSimFindingNone() {
        FakeView v = new FakeView().allEdge(97).vm(13, 96);
        v.wanMbps = 1; // probe: 1 Mbit in 1 s -> wan_bw 1, low
        // FIS2: H H M -> remote (site 1). FIS1: util H, size L, wan L, ds H -> edge. No VM of site 1 has 6% free:
        // the least-utilised one, VM 13, which the simulator will refuse (vm_capacity)
        Decision d = new SonmezFuzzyPolicy().decide(shortTask(0.9), v);
        assertEquals(Decision.edge(13), d);
        assertFalse(v.vmAdmits(13, shortTask(0.9)), "VM 13 refuses the task");
    }

    // ------------------------------------------------------------------ flores

    @Test
    void floresOffloadsToTheCloudWhenTheEdgeIsBusy() {
        FakeView v = new FakeView().allEdge(90);
        // cpu_speed 10 (L), data 45/2500 (small), wan H, video .1 (L): L L H L -> remote -> COG 74.7 -> cloud
        assertEquals(Decision.cloud(24), new FloresPolicy().decide(shortTask(0.1), v));
    }

    @Test
    void floresUsesTheLeastUtilisedEdgeVmOfAnySite() {
        FakeView v = new FakeView().allEdge(10).vm(21, 0);
        // cpu_speed 90.4 (H): H L H L -> local -> edge, least-utilised over all sites: VM 21 (site 2)
        assertEquals(Decision.edge(21), new FloresPolicy().decide(shortTask(0.1), v));
    }

    @Test
    void floresWithNoRuleFiringStaysOnTheEdge() {
        FakeView v = new FakeView().allEdge(90).vm(9, 80);
        v.wanMbps = 5; // wan_bw medium only
        // cpu L, data small, wan M, video L is the missing RULE 4: nothing fires, default 0 -> edge
        assertEquals(Decision.edge(9), new FloresPolicy().decide(shortTask(0.1), v));
    }

    // ------------------------------------------------------------------ fuzzy-mcda

    private static final Task AR = FakeView.task(9000, 1500, 25, 0.9);

    @Test
    void mcdaMovesToAnIdleOtherSiteAndKeepsASensitiveTaskOnTheEdge() {
        FakeView v = new FakeView().site(0, 90).site(1, 10).site(2, 10);
        // stage 1: local H, other L (site 1), equal capacity -> other. Stage 2: util L, cpu M .5, net M .97,
        // ds H: score 0 + 1 - 1 - 2 < 0 -> edge, at site 1
        assertEquals(Decision.edge(8), new FuzzyMcdaPolicy().decide(AR, v));
    }

    @Test
    void mcdaSendsToTheCloudWhenTheWholeEdgeIsBusy() {
        FakeView v = new FakeView().allEdge(90);
        // stage 1: H H equal -> local. Stage 2: util H, cpu M, net M, ds H: score 4 + 1 - 1 - 2 > 0 -> cloud
        assertEquals(Decision.cloud(24), new FuzzyMcdaPolicy().decide(AR, v));
    }

    @Test
    void mcdaPrefersAFasterSiteAtEqualLoad() {
        FakeView homogeneous = new FakeView().allEdge(10);
        assertEquals(Decision.edge(0), new FuzzyMcdaPolicy().decide(AR, homogeneous));
        FakeView heterogeneous = new FakeView().allEdge(10);
        java.util.Arrays.fill(heterogeneous.mips, 8, 16, 20000); // site 1 twice as fast: capacity ratio 2, faster
        assertEquals(Decision.edge(8), new FuzzyMcdaPolicy().decide(AR, heterogeneous));
    }

    // ------------------------------------------------------------------ utilization-based

    @Test
    void utilizationBasedUsesTheCloudOnlyAbove80Percent() {
        FakeView busy = new FakeView().allEdge(85).vm(24, 30).vm(25, 10).vm(26, 10).vm(27, 0);
        assertEquals(Decision.cloud(27), new UtilizationBasedPolicy().decide(shortTask(0.5), busy));
        FakeView at80 = new FakeView().allEdge(80);
        assertEquals(Decision.edge(0), new UtilizationBasedPolicy().decide(shortTask(0.5), at80));
        // below 80% it stays on the edge, least-utilised VM over all sites, although the cloud VMs are idle;
        // least-utilised would take an idle cloud VM instead
        FakeView loaded = new FakeView().allEdge(75).vm(19, 40);
        assertEquals(Decision.edge(19), new UtilizationBasedPolicy().decide(shortTask(0.5), loaded));
        assertEquals(Decision.cloud(24), new LeastUtilisedPolicy().decide(shortTask(0.5), loaded));
    }

    @Test
    void withoutCoverageEveryPolicyChoosesAnEdgeVmAndLetsTheSimulatorFailIt() {
        for (OffloadPolicy p : List.of(new SonmezFuzzyPolicy(), new FloresPolicy(), new FuzzyMcdaPolicy(),
                new UtilizationBasedPolicy())) {
            FakeView v = new FakeView();
            v.deviceSite = -1;
            assertEquals(Tier.EDGE, p.decide(shortTask(0.5), v).tier(), p.getClass().getSimpleName());
        }
    }

    // ------------------------------------------------------------------ whole runs

    /**
     * The seed-003 test scenario with the default scenario's WLAN (264 Mbit/s; the test scenario's 10-100 Mbit/s
     * WLAN fails ~64% of the tasks of every offloading policy at 200 devices, which would hide differences).
     */
    private static Scenario scenario(String policy) {
        Scenario s = TestScenarios.seed003(200, 1, policy);
        NetworkSpec n = s.network();
        return TestScenarios.withNetwork(s, new NetworkSpec(n.model(), new LinkSpec(Range.of(264), 0), n.man(),
                n.wan(), n.bandwidthPeriodS(), n.mm1WindowS()));
    }

    @Test
    void allFourRunOnTheSeed003Scenario() {
        PolicyRegistry registry = BuiltInPolicies.registry();
        for (String p : List.of("sonmez-fuzzy", "flores", "fuzzy-mcda", "utilization-based")) {
            assertTrue(registry.contains(p), p);
            SimulationResult r = OffloadSimulation.builder(scenario(p)).build().run();
            GroupMetrics o = r.overall();
            Map<String, Long> tiers = Map.of("local", r.perTier().get("local").tasks(),
                    "edge", r.perTier().get("edge").tasks(), "cloud", r.perTier().get("cloud").tasks());
            System.out.printf("%-17s generated %d, failed %.4f, mean service %.3f s, tiers %s, reasons %s%n", p,
                    o.generated(), o.failureRate(), o.serviceTimeS().mean(), tiers, o.failuresByReason());
            assertEquals(p, r.policy());
            assertTrue(o.generated() > 1000, p);
            assertEquals(o.generated(), o.completed() + o.failed(), p + ": every task ends once");
            assertEquals(o.generated(), tiers.get("edge") + tiers.get("cloud"), p + ": everything offloaded");
            assertTrue(o.failureRate() < 0.15, p + " failure rate " + o.failureRate());
            double mean = o.serviceTimeS().mean();
            assertTrue(mean > 0.1 && mean < 3, p + " mean service time " + mean);
            // at this load the edge stays far below 80%: the two-stage systems still send some tasks to the
            // cloud (their wan_bw is high), utilization-based never does
            switch (p) {
                case "sonmez-fuzzy", "fuzzy-mcda" -> assertTrue(tiers.get("cloud") > 0, p + " uses the cloud");
                case "utilization-based" -> assertEquals(0L, tiers.get("cloud"));
                default -> { }
            }
        }
    }
}
