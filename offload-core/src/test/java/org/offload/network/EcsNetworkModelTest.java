package org.offload.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.offload.TestScenarios;
import org.offload.engine.Simulation;
import org.offload.model.FailureReason;
import org.offload.queueing.Work;
import org.offload.scenario.LinkSpec;
import org.offload.scenario.NetworkSpec;
import org.offload.scenario.Range;
import org.offload.scenario.Scenario;

/**
 * {@code network.model: ecs} against values computed by hand from EdgeCloudSim sample_app4's
 * {@code FuzzyExperimentalNetworkModel}: its tables (kbit/s, typed in here from the EdgeCloudSim file, not from
 * {@link EcsTables}), {@code taskSizeInKb / (table[users] * 3)} for the WLAN, {@code / table[users]} for the WAN,
 * and {@code calculateMM1} for the MAN with the applications of sample_app4 (the seed-003 test scenario has the
 * same four).
 */
class EcsNetworkModelTest {
    /** sample_app4: 3 x 88,040.279 kbit/s (802.11ac) and 20,703.973 kbit/s, as {@code offload import-ecs} writes. */
    private static final double WLAN_MBPS = 88.040279 * 3;
    private static final double WAN_MBPS = 20.703973;
    /** FuzzyExperimentalNetworkModel.MAN_BW = 1300 x 1024 kbit/s; lan_internal_delay 0.005 s. */
    private static final double MAN_MBPS = 1331.2;
    private static final double LAN_DELAY_S = 0.005;

    private static final class Transfer extends Work {
        final String name;

        Transfer(String name) {
            this.name = name;
        }
    }

    private final Simulation sim = new Simulation();
    private final Map<String, Double> done = new LinkedHashMap<>();

    private static Scenario scenario(int devices) {
        LinkSpec wlan = new LinkSpec(Range.of(WLAN_MBPS), 0);
        LinkSpec man = new LinkSpec(Range.of(MAN_MBPS), LAN_DELAY_S);
        LinkSpec wan = new LinkSpec(Range.of(WAN_MBPS), 0);
        NetworkSpec net = new NetworkSpec(NetworkSpec.Model.ECS, wlan, man, wan, 10, 10);
        return TestScenarios.withNetwork(TestScenarios.seed003(devices, 1, "greedy"), net);
    }

    private Link link(LinkKind kind, NetworkModel model, Scenario s) {
        NetworkSpec n = s.network();
        LinkSpec spec = kind == LinkKind.WLAN ? n.wlan() : kind == LinkKind.WAN ? n.wan() : n.man();
        return new Link(kind.name().toLowerCase(), kind, sim, spec, n, model, new SplittableRandom(1),
                w -> done.put(((Transfer) w).name, sim.now()));
    }

    private Link link(LinkKind kind, Scenario s) {
        return link(kind, new EcsNetworkModel(s), s);
    }

    /** Starts {@code count} transfers of 1 KB that stay on the link for long enough (until {@code fill} ends). */
    private static void fill(Link link, int count) {
        for (int i = 0; i < count; i++) {
            assertTrue(link.admits(8000, true), "transfer " + i);
            link.start(new Transfer("fill" + i), 8000, true);
        }
    }

    @Test
    void wlanRateIsTheTableEntryAtTheUsersAlreadyOnTheAccessPointTimesThree() {
        Link wlan = link(LinkKind.WLAN, scenario(200));
        // alone: 1500 KB = 12,000 kbit over 88,040.279 x 3 kbit/s
        assertEquals(12000 / (88040.279 * 3), wlan.estimateDelayS(1500 * 8000.0), 1e-12);
        wlan.start(new Transfer("ar"), 1500 * 8000.0, true);
        // one other (uploads and downloads count alike): 25 KB = 200 kbit over 45,150.982 x 3
        assertEquals(200 / (45150.982 * 3), wlan.estimateDelayS(25 * 8000.0), 1e-12);
        wlan.start(new Transfer("down"), 25 * 8000.0, false);
        fill(wlan, 3);
        // five others: 1250 KB over 22,242.296 x 3 (the sixth entry)
        assertEquals(10000 / (22242.296 * 3), wlan.estimateDelayS(1250 * 8000.0), 1e-12);
        wlan.start(new Transfer("health"), 1250 * 8000.0, false);
        sim.runUntil(Double.POSITIVE_INFINITY);
        // the rate is fixed when a transfer starts: later arrivals do not slow the first one down
        assertEquals(12000 / (88040.279 * 3), done.get("ar"), 1e-12);
        assertEquals(200 / (45150.982 * 3), done.get("down"), 1e-12);
        assertEquals(10000 / (22242.296 * 3), done.get("health"), 1e-12);
        assertEquals(0, wlan.activeTransfers());
    }

    @Test
    void wlanRefusesATransferPastTheTablesLastEntry() {
        Link wlan = link(LinkKind.WLAN, scenario(200));
        fill(wlan, 100);
        // 100 others: the table's last entry, 1,500.631 kbit/s (labelled "100 Clients"; the table has 101 entries)
        assertEquals(200 / (1500.631 * 3), wlan.estimateDelayS(25 * 8000.0), 1e-12);
        assertTrue(wlan.admits(25 * 8000.0, true));
        wlan.start(new Transfer("last"), 25 * 8000.0, true);
        assertFalse(wlan.admits(8000, true), "101 others: past the table");
        assertFalse(wlan.admits(8000, false), "downloads alike");
        assertEquals(Double.POSITIVE_INFINITY, wlan.estimateDelayS(8000));
        assertEquals(FailureReason.WLAN_CONGESTION, wlan.refusal());
        assertFalse(wlan.carriesCloudTransfers(), "sample_app4's cloud transfers cross the WAN only");
    }

    @Test
    void wanRateIsItsTableEntryAndTheWanRefusesPastTwentyFiveUsers() {
        Link wan = link(LinkKind.WAN, scenario(200));
        assertEquals(200 / 20703.973, wan.estimateDelayS(25 * 8000.0), 1e-12);
        fill(wan, 10);
        // ten others: 2500 KB = 20,000 kbit over 6,653.232 kbit/s (no x 3 on the WAN)
        assertEquals(20000 / 6653.232, wan.estimateDelayS(2500 * 8000.0), 1e-12);
        fill(wan, 14);
        assertEquals(8 / 1311.131, wan.estimateDelayS(8000), 1e-12, "24 others: the last entry");
        fill(wan, 1);
        assertFalse(wan.admits(8000, true), "25 others: past the table");
        assertEquals(FailureReason.WAN_CONGESTION, wan.refusal());
        // a 1 Mbit probe (sample_app4's orchestrator) now reads 0 Mbit/s: EdgeCloudSim's delay 0 means no bandwidth
        assertEquals(Double.POSITIVE_INFINITY, wan.estimateDelayS(1e6));
    }

    @Test
    void theTableIsScaledToTheLinksOneClientBandwidth() {
        Scenario s = scenario(200);
        LinkSpec slow = new LinkSpec(Range.of(100), 0);
        NetworkSpec n = new NetworkSpec(NetworkSpec.Model.ECS, slow, s.network().man(), slow, 10, 10);
        Scenario scaled = TestScenarios.withNetwork(s, n);
        Link wlan = link(LinkKind.WLAN, scaled);
        fill(wlan, 2);
        assertEquals(1e6 / (100e6 * 30303.641 / 88040.279), wlan.estimateDelayS(1e6), 1e-12);
    }

    @Test
    void manIsEdgeCloudSimsMm1OfTheMeanTaskWithItsStartingEstimates() {
        // sample_app4's applications: usage 30/20/20/30 %, poisson_interarrival 2/3/20/7 s, upload 1500/20/2500/25 KB,
        // download 25/1250/200/1000 KB. EdgeCloudSim divides the weighted sums by the 4 applications once more:
        double gap = (2 * 0.3 * 4 + 3 * 0.2 * 4 + 20 * 0.2 * 4 + 7 * 0.3 * 4) / 4; // 7.3 s
        double upKb = (1500 * 0.3 + 20 * 0.2 + 2500 * 0.2 + 25 * 0.3) / 4; // 240.375 KB
        double downKb = (25 * 0.3 + 1250 * 0.2 + 200 * 0.2 + 1000 * 0.3) / 4; // 149.375 KB
        Scenario s = scenario(2000);
        EcsNetworkModel model = new EcsNetworkModel(s);
        Link man = link(LinkKind.MAN, model, s);
        EcsNetworkModel.Man mm1 = (EcsNetworkModel.Man) model.forLink(LinkKind.MAN);
        assertEquals(7.3, gap, 1e-12);
        assertEquals(gap, mm1.meanInterarrivalS(true), 1e-12);
        assertEquals(upKb, mm1.meanTaskKb(true), 1e-12);
        assertEquals(downKb, mm1.meanTaskKb(false), 1e-12);
        double muUp = 1331.2e6 / (upKb * 8000); // tasks per second
        double muDown = 1331.2e6 / (downKb * 8000);
        double upS = 1 / (muUp - 2000 / gap); // 0.0023907 s
        double downS = 1 / (muDown - 2000 / gap);
        // the delay is the mean task's, whatever the transfer's own size; propagation (lan_internal_delay) added
        assertEquals(upS + LAN_DELAY_S, man.estimateDelayS(8000), 1e-12);
        assertEquals(upS + LAN_DELAY_S, man.estimateDelayS(8e9), 1e-12);
        assertTrue(man.admits(8000, true));
        man.start(new Transfer("up"), 2500 * 8000.0, true);
        assertTrue(man.admits(8000, false));
        man.start(new Transfer("down"), 8000, false);
        sim.runUntil(Double.POSITIVE_INFINITY);
        assertEquals(upS, done.get("up"), 1e-12, "the link reports the transfer; the caller adds propagation");
        assertEquals(downS, done.get("down"), 1e-12);
        assertEquals(FailureReason.MAN_CONGESTION, man.refusal());
    }

    @Test
    void manEstimateFollowsTheAttemptsOfEachFiveSecondIntervalProbesIncluded() {
        Scenario s = scenario(2000);
        EcsNetworkModel model = new EcsNetworkModel(s);
        Link man = link(LinkKind.MAN, model, s);
        EcsNetworkModel.Man mm1 = (EcsNetworkModel.Man) model.forLink(LinkKind.MAN);
        double muUp = 1331.2e6 / (240.375 * 8000);
        // 2,999 orchestrator probes and one upload in [0, 5): 3,000 upload arrivals from 2,000 devices
        for (int i = 0; i < 2999; i++) {
            man.decisionMade();
        }
        assertTrue(man.admits(8000, true));
        sim.advanceTo(4.999);
        assertEquals(7.3, mm1.meanInterarrivalS(true), 1e-12, "no update before 5 s");
        sim.advanceTo(5);
        double gap = 5 / (3000 / 2000.0); // 3.333 s per device
        assertEquals(gap, mm1.meanInterarrivalS(true), 1e-12);
        assertEquals(7.3, mm1.meanInterarrivalS(false), 1e-12, "no download arrivals: unchanged");
        assertEquals(240.375, mm1.meanTaskKb(true), 1e-12, "each arrival adds the mean, so the mean stays");
        assertEquals(1 / (muUp - 2000 / gap) + LAN_DELAY_S, man.estimateDelayS(8000), 1e-12);
        // an interval without arrivals changes nothing
        sim.advanceTo(12);
        assertEquals(gap, mm1.meanInterarrivalS(true), 1e-12);
    }

    @Test
    void manRefusesWhenSaturatedOrAboveFifteenSecondsAndRefusedAttemptsStillCount() {
        double muUp = 1331.2e6 / (240.375 * 8000); // 692.25 tasks/s
        // 3,461 arrivals in 5 s: lambda N = 692.2 < mu, 1 / (mu - lambda N) = 19.3 s > 15 s: refused
        Scenario s = scenario(2000);
        EcsNetworkModel model = new EcsNetworkModel(s);
        Link man = link(LinkKind.MAN, model, s);
        for (int i = 0; i < 3461; i++) {
            man.decisionMade();
        }
        sim.advanceTo(5);
        assertEquals(19.346, 1 / (muUp - 3461 / 5.0), 1e-3);
        assertFalse(man.admits(8000, true), "above 15 s");
        assertTrue(man.admits(8000, false), "the download estimate has seen no arrivals");
        // 3,462 arrivals: lambda N > mu, the M/M/1 value is negative: saturated
        for (int i = 0; i < 3460; i++) {
            man.decisionMade();
        }
        assertFalse(man.admits(8000, true), "refused, but counted: 3,462 arrivals in [5, 10)");
        sim.advanceTo(10);
        assertTrue(1 / (muUp - 3462 / 5.0) < 0);
        assertFalse(man.admits(8000, true), "saturated");
        assertEquals(Double.POSITIVE_INFINITY, man.estimateDelayS(8000));
    }

    @Test
    void theEcsModelNeedsTheScenarioAndALinkKind() {
        Scenario s = scenario(10);
        assertThrows(IllegalArgumentException.class, () -> NetworkModel.of(s.network()));
        NetworkModel model = NetworkModel.of(s);
        assertThrows(IllegalStateException.class, () -> model.transferS(null, 1));
        assertTrue(model.forLink(LinkKind.WLAN) instanceof EcsNetworkModel.Table);
    }
}
