package org.offload.workload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.offload.engine.RandomStreams;
import org.offload.engine.Simulation;
import org.offload.model.Task;
import org.offload.scenario.ApplicationSpec;
import org.offload.scenario.ArrivalSpec;
import org.offload.scenario.Range;

/**
 * {@code on_off: idle_active} is EdgeCloudSim's {@code IdleActiveLoadGenerator}: active and idle periods of exactly
 * the configured lengths, the first active period starting uniformly in {@code [0, active_s)}.
 */
class IdleActiveArrivalTest {
    private static List<Task> generate(ArrivalSpec arrival, int devices, double stopS) {
        ApplicationSpec app = new ApplicationSpec("a", 100, arrival, ApplicationSpec.Distribution.FIXED, 1000, 10, 10,
                0.5, 5, 0, 10, 5, 0);
        Simulation sim = new Simulation();
        List<Task> tasks = new ArrayList<>();
        TaskGenerator g = new TaskGenerator(sim, List.of(app), devices, stopS, new RandomStreams(7), tasks::add);
        g.start();
        sim.runUntil(Double.POSITIVE_INFINITY);
        return tasks;
    }

    @Test
    void fixedGapsFillEachFixedActivePeriodExactly() {
        // a task every 1 s while active; active 10 s, idle 5 s: every device makes exactly 10 tasks per 15 s cycle,
        // at start + 1, ..., start + 10 (a gap ending exactly at the period's end still counts, as in EdgeCloudSim)
        ArrivalSpec arrival = new ArrivalSpec(ArrivalSpec.Process.UNIFORM, 0, Range.of(1), 10, 5,
                ArrivalSpec.OnOff.IDLE_ACTIVE);
        int devices = 400;
        List<Task> tasks = generate(arrival, devices, 1000);
        double[] first = new double[devices];
        java.util.Arrays.fill(first, Double.NaN);
        int[] count = new int[devices];
        for (Task t : tasks) {
            int d = t.device();
            if (Double.isNaN(first[d])) {
                first[d] = t.createdS();
            }
            double start = first[d] - 1;  // the first active period began one gap before the first task
            double inCycle = (t.createdS() - start) % 15;
            // tasks sit at whole seconds 1..10 after each cycle's start, never in the idle 5 s
            double offset = Math.rint(inCycle);
            assertEquals(offset, inCycle, 1e-6, "device " + d + " task at " + t.createdS());
            assertTrue(offset >= 1 && offset <= 10 || offset == 0 && t.createdS() - start >= 15,
                    "device " + d + " task at " + t.createdS() + " is " + inCycle + " s into its cycle");
            count[d]++;
        }
        double startSum = 0;
        for (int d = 0; d < devices; d++) {
            double start = first[d] - 1;
            assertTrue(start >= 0 && start < 10, "first active period starts in [0, active_s): " + start);
            startSum += start;
            // whole cycles that fit before the stop time each give 10 tasks
            int wholeCycles = (int) Math.floor((1000 - start) / 15);
            assertTrue(count[d] >= 10 * wholeCycles && count[d] <= 10 * (wholeCycles + 1),
                    "device " + d + ": " + count[d] + " tasks in " + wholeCycles + " whole cycles");
        }
        // uniform start in [0, 10): mean 5, standard error 10 / sqrt(12 * 400) = 0.144
        assertEquals(5, startSum / devices, 0.6);
    }

    @Test
    void poissonGapsOvershootingThePeriodAreDroppedAndTheLongRunRateFollows() {
        // IdleActiveLoadGenerator drops the gap that overshoots the active period; with mean gap 2 s in 40 s
        // active periods and 20 s idle ones, each active period holds on average 40/2 = 20 tasks (the Poisson
        // count in a 40 s window), so the rate is 20 / 60 per second per device
        ArrivalSpec arrival = new ArrivalSpec(ArrivalSpec.Process.POISSON, 2, null, 40, 20,
                ArrivalSpec.OnOff.IDLE_ACTIVE);
        int devices = 500;
        double stop = 6000;
        List<Task> tasks = generate(arrival, devices, stop);
        double rate = tasks.size() / (double) devices / stop;
        // ~50,000 tasks: relative standard error well under 1%
        assertEquals(20.0 / 60, rate, 0.02 * 20.0 / 60);
    }
}
