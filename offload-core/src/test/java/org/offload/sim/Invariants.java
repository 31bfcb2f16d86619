package org.offload.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.offload.metrics.GroupMetrics;
import org.offload.metrics.SimulationResult;
import org.offload.metrics.TaskRecord;
import org.offload.metrics.TierMetrics;
import org.offload.metrics.TimeStats;
import org.offload.model.FailureReason;
import org.offload.model.Tier;
import org.offload.policy.OffloadPolicy;
import org.offload.policy.PolicyContext;
import org.offload.policy.PolicyRegistry;
import org.offload.policy.builtin.BuiltInPolicies;
import org.offload.scenario.ApplicationSpec;
import org.offload.scenario.MobilitySpec;
import org.offload.scenario.NetworkSpec;
import org.offload.scenario.Scenario;

/** Checks that must hold for every run: conservation, one end per task, records agreeing with the metrics. */
final class Invariants {
    private Invariants() {
    }

    static void assertRelClose(double expected, double actual, double rel, String what) {
        assertEquals(expected, actual, rel * Math.max(1e-12, Math.abs(expected)) + 1e-12, what);
    }

    static void checkAll(Recorder.Run run) {
        checkCounts(run.result());
        checkRecords(run.scenario(), run.result(), run.records());
        checkRecordsMatchMetrics(run.scenario(), run.result(), run.records());
    }

    /** Counts in the result add up. */
    static void checkCounts(SimulationResult r) {
        GroupMetrics o = r.overall();
        checkGroup("overall", o);
        long gen = 0, done = 0, failed = 0;
        Map<String, Long> reasons = new HashMap<>();
        for (Map.Entry<String, GroupMetrics> e : r.perApplication().entrySet()) {
            GroupMetrics g = e.getValue();
            checkGroup(e.getKey(), g);
            gen += g.generated();
            done += g.completed();
            failed += g.failed();
            g.failuresByReason().forEach((k, v) -> reasons.merge(k, v, Long::sum));
        }
        assertEquals(o.generated(), gen, "sum over applications of generated");
        assertEquals(o.completed(), done, "sum over applications of completed");
        assertEquals(o.failed(), failed, "sum over applications of failed");
        assertEquals(o.failuresByReason(), reasons, "failure reasons summed over applications");
        assertTrue(r.tasksGeneratedTotal() >= o.generated(), "measured tasks are a subset of all tasks");
        long tierTasks = r.perTier().values().stream().mapToLong(TierMetrics::tasks).sum();
        long tierDone = r.perTier().values().stream().mapToLong(TierMetrics::completed).sum();
        assertTrue(tierTasks <= o.generated(), "tierTasks = " + tierTasks + ", o.generated() = " + o.generated());
        assertEquals(o.completed(), tierDone, "every completed task ran on some tier");
        var u = r.vmUtilization();
        for (double p : new double[] {u.edge(), u.cloud(), u.local()}) {
            assertTrue(p >= 0 && p <= 100 + 1e-9, "utilisation " + u);
        }
        assertTrue(r.deviceEnergyTotalJ() >= 0, "r.deviceEnergyTotalJ() = " + r.deviceEnergyTotalJ());
        assertRelClose(r.deviceEnergyTotalJ() / r.devices(), r.deviceEnergyMeanPerDeviceJ(), 1e-12, "energy per device");
        assertRelClose(o.energyJ(), r.deviceEnergyTotalJ(), 1e-9, "group energy vs device energy");
    }

    private static void checkGroup(String name, GroupMetrics g) {
        assertEquals(g.generated(), g.completed() + g.failed(), name + ": generated == completed + failed");
        assertEquals(g.failed(), g.failuresByReason().values().stream().mapToLong(Long::longValue).sum(),
                name + ": failures by reason add up to failed");
        g.failuresByReason().values().forEach(v -> assertTrue(v > 0, name + ": only reasons that occurred"));
        assertTrue(g.failureRate() >= 0 && g.failureRate() <= 1, name + " failure rate " + g.failureRate());
        assertEquals(g.generated() == 0 ? 0 : (double) g.failed() / g.generated(), g.failureRate(), 1e-15);
        TimeStats s = g.serviceTimeS();
        assertEquals(g.completed(), s.count(), name + ": service time count");
        if (g.completed() > 0) {
            assertTrue(s.mean() > 0, name + ": service mean > 0");
            assertTrue(s.p50() <= s.p95() && s.p95() <= s.p99() && s.p99() <= s.max(),
                    name + ": p50 <= p95 <= p99 <= max: " + s);
            assertTrue(s.mean() <= s.max() * (1 + 1e-3) + 1e-6, name + ": mean <= max: " + s);
            assertTrue(g.networkDelayMeanS() >= 0 && g.processingTimeMeanS() > 0 && g.queueingTimeMeanS() >= 0,
                    name + ": time components");
        } else {
            assertEquals(TimeStats.EMPTY, s);
        }
    }

    /** Every task ends exactly once, with a consistent history. */
    static void checkRecords(Scenario s, SimulationResult r, List<TaskRecord> records) {
        assertEquals(r.tasksGeneratedTotal(), records.size(), "one record per generated task");
        Set<Long> ids = new HashSet<>();
        for (TaskRecord t : records) {
            assertTrue(ids.add(t.id()), "task " + t.id() + " ended twice");
        }
        for (long id = 0; id < records.size(); id++) {
            assertTrue(ids.contains(id), "task " + id + " never ended");
        }
        Map<String, ApplicationSpec> apps = new HashMap<>();
        s.applications().forEach(a -> apps.put(a.name(), a));
        int firstCloud = s.edge().vmCount();
        int vms = firstCloud + s.cloud().vmCount();
        double end = s.durationS() + s.drainS();
        boolean mobile = s.devices().mobility().type() == MobilitySpec.Type.RANDOM_WAYPOINT;
        boolean waits = decisionsMayWait(s);
        for (TaskRecord t : records) {
            String where = "task " + t.id() + " " + t;
            ApplicationSpec app = apps.get(t.app());
            assertNotNull(app, where);
            assertTrue(t.device() >= 0 && t.device() < s.devices().count(), where);
            assertTrue(t.createdS() >= 0 && t.createdS() < s.durationS(), where);
            assertTrue(t.endedS() >= t.createdS() && t.endedS() <= end + 1e-9, where);
            assertEquals(t.createdS() >= s.warmupS(), t.measured(), where);
            assertTrue(t.uploadS() >= 0 && t.downloadS() >= 0 && t.waitS() >= 0 && t.processingS() >= 0
                    && t.energyJ() >= 0, where);
            assertRelClose(t.uploadS() + t.downloadS(), t.networkS(), 1e-9, "network = upload + download, " + where);
            assertTrue(t.decisionS() >= 0 && t.decisionS() <= t.serviceTimeS() + 1e-9 * Math.max(1, t.endedS()),
                    "0 <= decision <= service, " + where);
            if (!waits) {
                assertEquals(0.0, t.decisionS(), "a policy that decides at once, " + where);
            }
            if (t.tier() == null) {
                if (waits && (t.failure() == FailureReason.DEADLINE || t.failure() == FailureReason.UNFINISHED)) {
                    // still in the overflow queue at its deadline or at the end of the drain time (checked below)
                    assertTrue(t.endedS() > t.createdS(), where);
                } else {
                    assertEquals(FailureReason.REJECTED, t.failure(), where);
                }
            } else if (t.tier() == Tier.LOCAL) {
                assertEquals(-1, t.vm(), where);
                assertEquals(0.0, t.networkS(), where);
            } else if (t.vm() >= 0) {
                boolean edgeVm = t.tier() == Tier.EDGE && t.escalation() == null;
                assertTrue(edgeVm ? t.vm() < firstCloud : t.vm() >= firstCloud && t.vm() < vms, where);
            }
            if (t.completed()) {
                assertNotNull(t.tier(), where);
                assertTrue(t.tier() == Tier.LOCAL || t.vm() >= 0, where);
                assertTrue(t.processingS() > 0, where);
                double parts = t.decisionS() + t.uploadS() + t.waitS() + t.processingS() + t.downloadS();
                assertEquals(t.serviceTimeS(), parts, 1e-9 * Math.max(1, t.endedS()),
                        "service = decision + upload + wait + processing + download, " + where);
                assertTrue(t.serviceTimeS() <= app.maxDelayS() + 1e-9, "completed within its deadline, " + where);
                if (s.scheduling() == Scenario.Scheduling.TIME_SHARED) {
                    assertEquals(0.0, t.waitS(), "processor sharing never queues, " + where);
                }
                continue;
            }
            switch (t.failure()) {
                case DEADLINE -> assertEquals(app.maxDelayS(), t.serviceTimeS(), 1e-9 * Math.max(1, t.endedS()),
                        "a deadline failure ends at the deadline, " + where);
                case UNFINISHED -> assertEquals(end, t.endedS(), 1e-9, where);
                case NETWORK_CONGESTION -> assertEquals(NetworkSpec.Model.MM1, s.network().model(), where);
                case WLAN_CONGESTION, MAN_CONGESTION, WAN_CONGESTION ->
                        assertEquals(NetworkSpec.Model.ECS, s.network().model(), where);
                case MOBILITY -> {
                    assertTrue(mobile, "mobility failure without mobility, " + where);
                    assertTrue(t.tier() == Tier.EDGE || t.tier() == Tier.CLOUD, where);
                }
                case NO_COVERAGE -> {
                    assertTrue(s.edge().coverageM() > 0, "no coverage with unlimited coverage, " + where);
                    assertTrue(t.tier() == Tier.EDGE || t.tier() == Tier.CLOUD, where);
                    if (!waits) {
                        assertEquals(t.createdS(), t.endedS(), where);
                    }
                }
                case SUPERSEDED -> assertTrue(app.isStatusUpdate() && app.statusUpdate().dropsSuperseded(),
                        "only a status update that drops superseded ones is superseded, " + where);
                case NO_LOCAL_CPU -> {
                    assertTrue(!s.devices().canComputeLocally(), where);
                    assertEquals(Tier.LOCAL, t.tier(), where);
                }
                case VM_CAPACITY, VM_MEMORY, REJECTED -> {
                    if (!waits) {
                        assertEquals(t.createdS(), t.endedS(), where);
                    }
                }
                default -> { }
            }
        }
    }

    /**
     * Whether the scenario's policy decides after a batch window (and may defer tasks to the overflow queue): then
     * a task can end (rejected, refused) or start its route after its creation, and that wait is in no part of
     * its record.
     */
    static boolean decisionsMayWait(Scenario s) {
        PolicyRegistry registry = BuiltInPolicies.registry();
        if (!registry.contains(s.policy())) {
            return false;
        }
        OffloadPolicy p = registry.create(s.policy(), new PolicyContext(s, new SplittableRandom(0)));
        // the dl-tier policies defer to the overflow queue, with or without a batch window
        return p.batchWindowS() > 0 || p instanceof org.offload.policy.learned.DlTierPolicy;
    }

    /** The measured records, aggregated by hand, give the reported metrics. */
    static void checkRecordsMatchMetrics(Scenario s, SimulationResult r, List<TaskRecord> records) {
        Map<String, Agg> perApp = new LinkedHashMap<>();
        s.applicationNames().forEach(n -> perApp.put(n, new Agg()));
        Agg all = new Agg();
        Map<Tier, long[]> tierCounts = new EnumMap<>(Tier.class);
        Map<Tier, Double> tierService = new EnumMap<>(Tier.class);
        for (Tier t : Tier.values()) {
            tierCounts.put(t, new long[2]);
            tierService.put(t, 0.0);
        }
        for (TaskRecord t : records) {
            if (!t.measured()) {
                continue;
            }
            all.add(t);
            perApp.get(t.app()).add(t);
            if (t.tier() != null) {
                tierCounts.get(t.tier())[0]++;
                if (t.completed()) {
                    tierCounts.get(t.tier())[1]++;
                    tierService.merge(t.tier(), t.serviceTimeS(), Double::sum);
                }
            }
        }
        all.check("overall", r.overall());
        perApp.forEach((name, agg) -> agg.check(name, r.perApplication().get(name)));
        for (Tier t : Tier.values()) {
            TierMetrics m = r.perTier().get(t.key());
            assertEquals(tierCounts.get(t)[0], m.tasks(), "tier " + t + " tasks");
            assertEquals(tierCounts.get(t)[1], m.completed(), "tier " + t + " completed");
            double mean = m.completed() == 0 ? 0 : tierService.get(t) / m.completed();
            assertRelClose(mean, m.serviceTimeMeanS(), 1e-9, "tier " + t + " mean service");
        }
        double energy = records.stream().filter(TaskRecord::measured).mapToDouble(TaskRecord::energyJ).sum();
        assertRelClose(energy, r.deviceEnergyTotalJ(), 1e-9, "device energy = sum over measured records");
    }

    /** Hand aggregation of one group. */
    static final class Agg {
        long generated;
        long completed;
        final Map<String, Long> reasons = new HashMap<>();
        double service;
        double network;
        double processing;
        double waiting;
        double energy;
        double[] times = new double[16];
        int n;

        void add(TaskRecord t) {
            generated++;
            energy += t.energyJ();
            if (!t.completed()) {
                reasons.merge(t.failure().key(), 1L, Long::sum);
                return;
            }
            completed++;
            service += t.serviceTimeS();
            network += t.networkS();
            processing += t.processingS();
            waiting += t.waitS();
            if (n == times.length) {
                times = Arrays.copyOf(times, n * 2);
            }
            times[n++] = t.serviceTimeS();
        }

        void check(String name, GroupMetrics g) {
            assertNotNull(g, name);
            assertEquals(generated, g.generated(), name + " generated");
            assertEquals(completed, g.completed(), name + " completed");
            assertEquals(reasons, g.failuresByReason(), name + " failures by reason");
            assertRelClose(energy, g.energyJ(), 1e-9, name + " energy");
            if (completed == 0) {
                return;
            }
            assertRelClose(service / completed, g.serviceTimeS().mean(), 1e-9, name + " mean service");
            assertRelClose(network / completed, g.networkDelayMeanS(), 1e-9, name + " mean network delay");
            assertRelClose(processing / completed, g.processingTimeMeanS(), 1e-9, name + " mean processing");
            assertRelClose(waiting / completed, g.queueingTimeMeanS(), 1e-9, name + " mean queueing");
            double[] sorted = Arrays.copyOf(times, n);
            Arrays.sort(sorted);
            TimeStats st = g.serviceTimeS();
            // The histogram keeps 3 significant digits at microsecond resolution.
            assertEquals(sorted[n - 1], st.max(), 1e-3 * sorted[n - 1] + 2e-6, name + " max");
            checkPercentile(name + " p50", sorted, 50, st.p50());
            checkPercentile(name + " p95", sorted, 95, st.p95());
            checkPercentile(name + " p99", sorted, 99, st.p99());
        }

        private static void checkPercentile(String what, double[] sorted, double p, double reported) {
            int len = sorted.length;
            int lo = (int) Math.max(0, Math.floor(p / 100 * len) - 2);
            int hi = (int) Math.min(len - 1, Math.ceil(p / 100 * len) + 1);
            assertTrue(reported >= sorted[lo] * (1 - 1e-3) - 2e-6 && reported <= sorted[hi] * (1 + 1e-3) + 2e-6,
                    what + " " + reported + " not within [" + sorted[lo] + ", " + sorted[hi] + "]");
        }
    }

    static void assertNoReason(GroupMetrics g, FailureReason... reasons) {
        for (FailureReason reason : reasons) {
            assertNull(g.failuresByReason().get(reason.key()), reason + " in " + g.failuresByReason());
        }
    }
}
