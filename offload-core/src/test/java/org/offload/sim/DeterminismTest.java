package org.offload.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.offload.TestScenarios;
import org.offload.metrics.SimulationResult;
import org.offload.policy.builtin.BuiltInPolicies;
import org.offload.scenario.NetworkSpec;
import org.offload.scenario.Scenario;

/** Same scenario and seed, same result (wall-clock fields aside); another seed, another result. */
class DeterminismTest {
    static List<Scenario> scenarios() {
        List<Scenario> out = new ArrayList<>();
        for (String p : BuiltInPolicies.registry().entries().keySet()) {
            out.add(TestScenarios.seed003(120, 7, p));
        }
        // The other model switches, with the policies that use the most of the system view.
        out.add(TestScenarios.seed003(120, 8, "greedy", Scenario.Scheduling.FCFS, NetworkSpec.Model.MM1, true));
        out.add(TestScenarios.withCoverage(
                TestScenarios.seed003(120, 9, "random", Scenario.Scheduling.FCFS, NetworkSpec.Model.SHARED, true), 300));
        out.add(TestScenarios.seed003(120, 10, "network-aware", Scenario.Scheduling.TIME_SHARED,
                NetworkSpec.Model.MM1, true));
        out.add(TestScenarios.seed003(120, 11, "sonmez-fuzzy", Scenario.Scheduling.TIME_SHARED,
                NetworkSpec.Model.ECS, true));
        return out;
    }

    @ParameterizedTest(name = "{index}: {0}")
    @MethodSource("scenarios")
    void sameSeedGivesTheSameResultAndTheSameTaskHistory(Scenario s) {
        Recorder.Run a = Recorder.run(s);
        Recorder.Run b = Recorder.run(s);
        assertEquals(TestScenarios.withoutWallClock(a.result()), TestScenarios.withoutWallClock(b.result()));
        assertEquals(a.records(), b.records(), "task records, in end order");
        assertTrue(a.result().overall().generated() > 0,
                "a.result().overall().generated() = " + a.result().overall().generated());
    }

    @Test
    void differentSeedsGiveDifferentResults() {
        for (String p : BuiltInPolicies.registry().entries().keySet()) {
            SimulationResult a = OffloadSimulation.builder(TestScenarios.seed003(60, 1, p)).build().run();
            SimulationResult b = OffloadSimulation.builder(TestScenarios.seed003(60, 2, p)).build().run();
            assertNotEquals(a.overall(), b.overall(), p);
            assertNotEquals(a.tasksGeneratedTotal() + "/" + a.eventsProcessed(),
                    b.tasksGeneratedTotal() + "/" + b.eventsProcessed(), p);
        }
    }

    @Test
    void attachingListenersDoesNotChangeTheSimulation() {
        Scenario s = TestScenarios.seed003(120, 11, "greedy");
        SimulationResult plain = OffloadSimulation.builder(s).build().run();
        Recorder rec = new Recorder();
        SimulationResult traced = OffloadSimulation.builder(s).taskListener(rec).build().run();
        assertEquals(TestScenarios.withoutWallClock(plain), TestScenarios.withoutWallClock(traced));
    }

    /**
     * A progress listener is a display concern: it must not change what the run measures. Its events are
     * counted in {@code eventsProcessed}, so the reported event count depends on whether somebody watched.
     */
    @Test
    void aProgressListenerDoesNotChangeTheResult() {
        Scenario s = TestScenarios.seed003(120, 11, "random");
        SimulationResult plain = OffloadSimulation.builder(s).build().run();
        List<Double> seen = new ArrayList<>();
        SimulationResult watched = OffloadSimulation.builder(s)
                .progress((simulated, total, tasks) -> seen.add(simulated)).build().run();
        assertTrue(seen.size() >= 99 && seen.size() <= 101, "about one report per 1%: " + seen.size());
        for (int i = 1; i < seen.size(); i++) {
            assertTrue(seen.get(i) > seen.get(i - 1),
                    "seen.get(i) = " + seen.get(i) + ", seen.get(i - 1) = " + (seen.get(i - 1)));
        }
        assertEquals(withEvents(TestScenarios.withoutWallClock(plain), 0),
                withEvents(TestScenarios.withoutWallClock(watched), 0), "everything but the event count");
        assertEquals(plain.eventsProcessed(), watched.eventsProcessed(),
                "events_processed must not count the progress listener's own events");
    }

    @Test
    void concurrentRunsOnTwoThreadsMatchSequentialRuns() throws Exception {
        List<Scenario> scenarios = List.of(
                TestScenarios.seed003(150, 21, "greedy", Scenario.Scheduling.FCFS, NetworkSpec.Model.MM1, true),
                TestScenarios.seed003(150, 22, "random", Scenario.Scheduling.TIME_SHARED, NetworkSpec.Model.SHARED,
                        true),
                TestScenarios.seed003(150, 23, "least-utilised"),
                TestScenarios.seed003(150, 24, "round-robin", Scenario.Scheduling.FCFS, NetworkSpec.Model.SHARED,
                        false));
        List<Recorder.Run> sequential = new ArrayList<>();
        for (Scenario s : scenarios) {
            sequential.add(Recorder.run(s));
        }
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 2; round++) {
                CountDownLatch start = new CountDownLatch(1);
                List<Future<Recorder.Run>> futures = new ArrayList<>();
                for (Scenario s : scenarios) {
                    Callable<Recorder.Run> task = () -> {
                        start.await();
                        return Recorder.run(s);
                    };
                    futures.add(pool.submit(task));
                }
                start.countDown();
                for (int i = 0; i < scenarios.size(); i++) {
                    Recorder.Run concurrent = futures.get(i).get();
                    assertEquals(TestScenarios.withoutWallClock(sequential.get(i).result()),
                            TestScenarios.withoutWallClock(concurrent.result()), "scenario " + i);
                    assertEquals(sequential.get(i).records(), concurrent.records(), "records of scenario " + i);
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static SimulationResult withEvents(SimulationResult r, long events) {
        return new SimulationResult(r.scenario(), r.policy(), r.seed(), r.devices(), r.simulatedTimeS(), r.warmupS(),
                r.overall(), r.perApplication(), r.perTier(), r.vmUtilization(), r.deviceEnergyTotalJ(),
                r.deviceEnergyMeanPerDeviceJ(), r.littleLaw(), r.tasksGeneratedTotal(), events, r.wallTimeS(),
                r.tasksPerWallSecond(), r.studies());
    }
}
