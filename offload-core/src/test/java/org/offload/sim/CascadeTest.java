package org.offload.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.offload.TestScenarios;
import org.offload.metrics.CascadeMetrics;
import org.offload.metrics.SimulationResult;
import org.offload.metrics.TaskRecord;
import org.offload.model.Tier;
import org.offload.scenario.ApplicationSpec;
import org.offload.scenario.ArrivalSpec;
import org.offload.scenario.CascadeSpec;
import org.offload.scenario.CloudSpec;
import org.offload.scenario.DevicesSpec;
import org.offload.scenario.EdgeSpec;
import org.offload.scenario.LinkSpec;
import org.offload.scenario.MobilitySpec;
import org.offload.scenario.NetworkSpec;
import org.offload.scenario.PlacementSpec;
import org.offload.scenario.PowerSpec;
import org.offload.scenario.Range;
import org.offload.scenario.Scenario;
import org.offload.scenario.VmSpec;

/**
 * Cascaded inference against the closed forms of its substitute confidence model, c ~ Beta(a, 1) calibrated
 * ({@link CascadeSpec}): escalated share t^a and accuracy a/(a+1)·(1 − t^(a+1)) + t^a·q_cloud, on a lightly loaded
 * system where every escalated task is answered; and conservation (every task ends once, the record invariants hold)
 * on a loaded one where escalations fail too.
 */
class CascadeTest {
    private static final PlacementSpec AREA = new PlacementSpec(PlacementSpec.Type.GRID, 1000, 1000);
    private static final double CLOUD_ACCURACY = 0.93;

    /** 40 devices, one Poisson task per second each, generous deadlines and capacity: nothing fails. */
    private static Scenario light(CascadeSpec cascade) {
        ApplicationSpec app = new ApplicationSpec("CLASSIFY", 100,
                new ArrivalSpec(ArrivalSpec.Process.POISSON, 1, null, 0, 0),
                ApplicationSpec.Distribution.EXPONENTIAL, 100, 10, 1, 0.5, 10_000, 0, 0, 0, 0)
                .withCascade(cascade);
        DevicesSpec dev = new DevicesSpec(40, new VmSpec(1, 1000, 0), AREA, MobilitySpec.NONE,
                new PowerSpec(2.0, 1.3, 1.0));
        EdgeSpec edge = new EdgeSpec(1, AREA, 1, 4, new VmSpec(4, 10_000, 0), 0, 100);
        CloudSpec cloud = new CloudSpec(1, 4, new VmSpec(4, 20_000, 0), 100);
        LinkSpec link = new LinkSpec(Range.of(1000), 0.01);
        NetworkSpec net = new NetworkSpec(NetworkSpec.Model.SHARED, link, link, link, 10, 10);
        return new Scenario("cascade", 5, 600, 20, 10_000, dev, List.of(app), edge, cloud, net,
                Scenario.Scheduling.TIME_SHARED, "edge-only");
    }

    @ParameterizedTest(name = "threshold {0}, a = {1}")
    @CsvSource({"0.5, 2", "0.8, 4", "0.3, 1", "0.95, 9"})
    void escalatedShareAndAccuracyMatchTheClosedForm(double threshold, double a) {
        CascadeSpec spec = new CascadeSpec(threshold, a, CLOUD_ACCURACY, 50);
        Recorder.Run run = Recorder.run(light(spec));
        Invariants.checkAll(run);
        CascadeMetrics c = run.result().cascade().get("CLASSIFY");
        assertEquals(run.result().overall().generated(), c.edgeAnswers(), "every measured task answered at the edge");
        assertEquals(c.edgeAnswers(), c.answered(), "nothing fails on the light system");
        assertEquals(c.escalated(), c.answeredEscalated());
        long n = c.edgeAnswers();
        assertTrue(n > 20_000, "edge answers " + n);
        double share = spec.expectedEscalatedShare();
        double shareSe = Math.sqrt(share * (1 - share) / n);
        double accuracy = spec.expectedAccuracy();
        // per-task correctness probability lies in [0, 1]: its variance is at most 1/4
        double accuracySe = Math.sqrt(0.25 / n);
        System.out.printf("t=%.2f a=%.0f n=%d share %.4f (closed form %.4f)  accuracy %.4f (closed form %.4f,"
                + " edge alone %.4f)%n", threshold, a, n, c.escalatedShare(), share, c.accuracy(), accuracy,
                spec.edgeAccuracy());
        assertEquals(share, c.escalatedShare(), 4 * shareSe, "escalated share");
        assertEquals(accuracy, c.accuracy(), 4 * accuracySe, "accuracy");
        assertTrue(c.escalatedLatencyMeanS() > c.latencyMeanS(), "escalation costs a second stage");
        long escalatedRecords = run.records().stream()
                .filter(r -> r.measured() && r.escalation() != null).count();
        assertEquals(c.escalated(), escalatedRecords, "the trace names every escalation");
    }

    @Test
    void thresholdZeroNeverEscalatesAndOneAlwaysDoes() {
        CascadeMetrics never = Recorder.run(light(new CascadeSpec(0, 2, CLOUD_ACCURACY, 50))).result().cascade()
                .get("CLASSIFY");
        assertEquals(0, never.escalated());
        CascadeMetrics always = Recorder.run(light(new CascadeSpec(1, 2, CLOUD_ACCURACY, 50))).result().cascade()
                .get("CLASSIFY");
        assertEquals(always.edgeAnswers(), always.escalated());
        assertEquals(CLOUD_ACCURACY, always.accuracy(), 1e-12);
    }

    /** Seed-003-like load with every application cascaded: escalations also fail (deadlines), each task ends once. */
    @Test
    void everyTaskEndsOnceUnderLoad() {
        Scenario base = TestScenarios.seed003(400, 3, "greedy");
        List<ApplicationSpec> apps = base.applications().stream()
                .map(a -> a.withCascade(new CascadeSpec(0.7, 3, CLOUD_ACCURACY, 100))).toList();
        Recorder.Run run = Recorder.run(TestScenarios.withApplications(base, apps));
        Invariants.checkAll(run);
        SimulationResult r = run.result();
        long escalated = r.cascade().values().stream().mapToLong(CascadeMetrics::escalated).sum();
        long answeredEscalated = r.cascade().values().stream().mapToLong(CascadeMetrics::answeredEscalated).sum();
        assertTrue(escalated > 0 && answeredEscalated > 0, "escalated " + escalated);
        for (TaskRecord t : run.records()) {
            if (t.escalation() != null) {
                assertEquals(Tier.EDGE, t.tier(), "only edge answers escalate: " + t);
                assertEquals(CascadeSteps.BELOW_THRESHOLD, t.escalation());
            }
        }
    }

    @Test
    void withoutACascadeTheResultHasNone() {
        SimulationResult r = OffloadSimulation.builder(TestScenarios.seed003(50, 3, "greedy")).build().run();
        assertTrue(r.cascade().isEmpty());
        assertNull(TestScenarios.seed003(50, 3, "greedy").applications().get(0).cascade());
        assertNotNull(r.overall());
    }
}
