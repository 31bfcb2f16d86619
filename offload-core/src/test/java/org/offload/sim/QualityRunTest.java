package org.offload.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.offload.TestScenarios;
import org.offload.metrics.QualityMetrics;
import org.offload.metrics.SimulationResult;
import org.offload.metrics.TaskRecord;
import org.offload.model.Decision;
import org.offload.model.Task;
import org.offload.policy.SystemView;
import org.offload.policy.quality.QualityLyapunovPolicy;
import org.offload.scenario.ApplicationSpec;
import org.offload.scenario.ModelSpec;
import org.offload.scenario.ModelVariant;
import org.offload.scenario.QualitySpec;
import org.offload.scenario.Scenario;

/**
 * Input-quality levels in the simulator (issue 20, theme 2): conservation under load with the joint policy and with a
 * quality-blind one, the accounting of {@link QualityMetrics} against the task records, and the virtual accuracy
 * queue's guarantee.
 */
class QualityRunTest {
    private static final double REQUIRED = 0.7;

    /** Every application of the seed-003-like scenario runs a two-variant model at two input sides. */
    static Scenario scenario(int devices, String policy) {
        Scenario base = TestScenarios.seed003(devices, 11, policy);
        List<ApplicationSpec> apps = base.applications().stream().map(a -> {
            ModelSpec model = new ModelSpec("resnet", 224, List.of(
                    new ModelVariant("small", 0.6, ModelVariant.Demand.uniform(a.lengthMi() / 2, 100, "test")),
                    new ModelVariant("big", 0.8, ModelVariant.Demand.uniform(a.lengthMi(), 200, "test"))));
            QualitySpec q = new QualitySpec(List.of(224, 112), 224, REQUIRED, List.of("small", "big"),
                    List.of(List.of(0.6, 0.5), List.of(0.8, 0.66)));
            return a.withModel(q.expand(model, List.of(q.atLevel(model, 0), q.atLevel(model, 1))));
        }).toList();
        return TestScenarios.withApplications(base, apps);
    }

    @Test
    void everyTaskEndsOnceAndTheQualityMetricsMatchTheRecords() {
        for (String policy : new String[] {"quality-lyapunov", "greedy", "accuracy-aware"}) {
            Recorder.Run run = Recorder.run(scenario(400, policy));
            Invariants.checkAll(run);
            SimulationResult r = run.result();
            for (ApplicationSpec app : run.scenario().applications()) {
                QualityMetrics q = r.quality().get(app.name());
                List<TaskRecord> mine = run.records().stream()
                        .filter(t -> t.measured() && t.app().equals(app.name())).toList();
                assertEquals(mine.size(), q.tasks(), policy + " " + app.name());
                assertEquals(mine.stream().filter(TaskRecord::completed).count(), q.completed());
                assertTrue(q.accuracyMet() <= q.completed());
                assertEquals(r.perApplication().get(app.name()).meanAccuracy(), q.meanAccuracy(), 1e-12);
                double energy = mine.stream().mapToDouble(TaskRecord::energyJ).sum() / mine.size();
                assertEquals(energy, q.energyJPerTask(), 1e-9 * Math.max(1, energy));
            }
            System.out.printf("%s: %s%n", policy, r.quality().get("AUGMENTED_REALITY"));
        }
    }

    /**
     * With constraint=per_task a completed task meets the requirement whenever an option that meets it is feasible
     * within the deadline margin. Here (1,500 KB images over 10-100 Mbit/s WLANs, 2 s deadlines) that is often not
     * the case even at light load: measured, 85 % of completed tasks meet it at 50 devices and 71 % at 300, against
     * 30-33 % with constraint=mean, which holds the requirement on average only. The test asks for twice the share.
     */
    @Test
    void thePerTaskConstraintMeetsTheRequirementTaskByTask() {
        for (int devices : new int[] {50, 300}) {
            SimulationResult mean = OffloadSimulation.builder(scenario(devices, "quality-lyapunov"))
                    .policy("quality-lyapunov", new QualityLyapunovPolicy(1, 1, 0.9, false)).build().run();
            SimulationResult perTask = OffloadSimulation.builder(scenario(devices, "quality-lyapunov"))
                    .policy("quality-lyapunov", new QualityLyapunovPolicy(1, 1, 0.9, true)).build().run();
            QualityMetrics m = mean.quality().get("AUGMENTED_REALITY");
            QualityMetrics p = perTask.quality().get("AUGMENTED_REALITY");
            System.out.printf("%d devices%n  mean: %s%n  per_task: %s%n", devices, m, p);
            double pShare = p.accuracyMet() / (double) p.completed();
            double mShare = m.accuracyMet() / (double) m.completed();
            assertTrue(pShare > 2 * mShare, "per_task " + pShare + ", mean " + mShare);
            assertTrue(mShare < 0.6, "mean: the requirement holds on average only: " + m);
            assertTrue(p.meanAccuracy() > m.meanAccuracy());
        }
    }

    /**
     * Z(t+1) = max(Z + a_req − a, 0) ≥ Z + a_req − a, so over all decisions Σ (a_req − a_t) ≤ Z(T): the mean accuracy
     * chosen falls short of the requirement by at most Z(T)/T, whatever V is.
     */
    @Test
    void theVirtualQueueBoundsTheAccuracyShortfall() {
        for (double v : new double[] {0.1, 1, 10}) {
            QualityLyapunovPolicy policy = new QualityLyapunovPolicy(v, 1, 0.9);
            double[] sum = new double[2];
            long[] count = new long[1];
            Scenario s = scenario(300, "quality-lyapunov");
            SimulationResult r = OffloadSimulation.builder(s).policy("quality-lyapunov", (Task task, SystemView view) -> {
                Decision d = policy.decide(task, view);
                if (task.app() == 0 && d.runs()) {
                    sum[0] += REQUIRED - s.applications().get(0).model().variant(d.variant()).accuracy();
                    count[0]++;
                }
                return d;
            }).build().run();
            double z = policy.accuracyQueue(0);
            System.out.printf("V=%.1f decisions %d, mean shortfall %.5f, Z(T)/T %.5f, measured %s%n", v, count[0],
                    sum[0] / count[0], z / count[0], r.quality().get("AUGMENTED_REALITY"));
            assertTrue(sum[0] <= z + 1e-9, "sum of shortfalls " + sum[0] + " <= Z(T) " + z);
            assertTrue(r.quality().get("AUGMENTED_REALITY").meanAccuracy() >= REQUIRED - 0.01,
                    "V=" + v + ": the measured mean accuracy meets the requirement");
        }
    }
}
