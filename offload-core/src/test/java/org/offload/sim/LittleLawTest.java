package org.offload.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.offload.TestScenarios;
import org.offload.metrics.LittleLaw;
import org.offload.metrics.TaskRecord;
import org.offload.scenario.NetworkSpec;
import org.offload.scenario.Scenario;

/**
 * Little's law L = lambda W over the measurement window (not an identity: L counts tasks that arrived before
 * the window, W follows tasks past its end), and the three quantities recomputed independently from the task
 * records (time-average of tasks in flight by sweeping the records' start and end times).
 */
class LittleLawTest {
    @ParameterizedTest(name = "{0}, {1}, {2}, mobile={3}")
    @CsvSource({"greedy, TIME_SHARED, SHARED, false", "random, FCFS, MM1, true", "random, FCFS, ECS, true", "local-only, FCFS, SHARED, false",
            "cloud-only, TIME_SHARED, MM1, false"})
    void meanTasksInSystemIsArrivalRateTimesMeanTimeInSystem(String policy, Scenario.Scheduling scheduling,
                                                             NetworkSpec.Model network, boolean mobile) {
        Scenario s = TestScenarios.seed003(200, 3, policy, scheduling, network, mobile);
        Recorder.Run run = Recorder.run(s);
        LittleLaw ll = run.result().littleLaw();
        double lw = ll.arrivalRatePerS() * ll.meanTimeInSystemS();
        System.out.printf("%-12s L=%.4f lambda=%.4f W=%.4f lambda*W=%.4f (%.4f%%)%n", policy,
                ll.meanTasksInSystem(), ll.arrivalRatePerS(), ll.meanTimeInSystemS(), lw,
                100 * (ll.meanTasksInSystem() / lw - 1));
        assertTrue(ll.meanTasksInSystem() > 1, "a loaded system");
        assertEquals(lw, ll.meanTasksInSystem(), 0.02 * lw, "L = lambda W within 2%");

        // Independently from the records, over the window [warm-up, duration]: L counts every task in the
        // system during the window; lambda and W come from the tasks generated in it.
        double from = s.warmupS();
        double to = s.durationS();
        List<TaskRecord> records = run.records();
        double sojourn = 0;
        int measured = 0;
        List<double[]> changes = new ArrayList<>();
        for (TaskRecord t : records) {
            if (t.measured()) {
                measured++;
                sojourn += t.endedS() - t.createdS();
            }
            changes.add(new double[] {t.createdS(), +1});
            changes.add(new double[] {t.endedS(), -1});
        }
        changes.sort((a, b) -> a[0] != b[0] ? Double.compare(a[0], b[0]) : Double.compare(a[1], b[1]));
        double area = 0;
        double last = 0;
        int inSystem = 0;
        for (double[] c : changes) {
            double lo = Math.max(last, from);
            double hi = Math.min(c[0], to);
            if (hi > lo) {
                area += inSystem * (hi - lo);
            }
            last = c[0];
            inSystem += (int) c[1];
            assertTrue(inSystem >= 0, "inSystem = " + inSystem);
        }
        assertEquals(0, inSystem);
        double window = to - from;
        assertEquals(measured / window, ll.arrivalRatePerS(), 1e-9 * measured / window, "arrival rate");
        assertEquals(sojourn / measured, ll.meanTimeInSystemS(), 1e-9 * sojourn / measured, "mean time in system");
        assertEquals(area / window, ll.meanTasksInSystem(), 1e-6 * area / window, "time-average tasks in system");
    }
}
