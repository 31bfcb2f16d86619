package org.offload.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.offload.TestScenarios;
import org.offload.drift.DriftMetrics;
import org.offload.drift.DriftSeries;
import org.offload.metrics.SimulationResult;
import org.offload.model.Tier;
import org.offload.scenario.ApplicationSpec;
import org.offload.scenario.ArrivalSpec;
import org.offload.scenario.CloudSpec;
import org.offload.scenario.DevicesSpec;
import org.offload.scenario.DriftSpec;
import org.offload.scenario.DriftSpec.Upload.Policy;
import org.offload.scenario.EdgeSpec;
import org.offload.scenario.LearningCurve;
import org.offload.scenario.LinkSpec;
import org.offload.scenario.MobilitySpec;
import org.offload.scenario.NetworkSpec;
import org.offload.scenario.PlacementSpec;
import org.offload.scenario.PowerSpec;
import org.offload.scenario.Range;
import org.offload.scenario.Scenario;
import org.offload.scenario.VmSpec;

/**
 * Continual learning under drift ({@link DriftSpec}, {@link ContinualLearning}): the recovery law against its closed
 * form on deterministic cases (one sample a second of value 1, uploads every 9 s, links and VMs so fast that a
 * retraining job takes microseconds), the meta factor, conservation of retraining jobs under load, and the upload
 * policies' ordering.
 */
class ContinualLearningTest {
    private static final PlacementSpec AREA = new PlacementSpec(PlacementSpec.Type.GRID, 1000, 1000);
    private static final double A_MAX = 0.92;
    private static final double B = 2;
    private static final double C = 0.5;
    private static final double FLOOR = 0.1;
    private static final LearningCurve CURVE = new LearningCurve(A_MAX, B, C, FLOOR);
    private static final double N0 = 1000;
    private static final double PERIOD = 9;
    private static final DriftSpec.Retrain FAST_EDGE = new DriftSpec.Retrain(Tier.EDGE, 0, 1, 1, 1, 0);

    private static DriftSpec drift(double rate, List<DriftSpec.Event> events, DriftSpec.TaskChange change,
                                   double valueK, DriftSpec.Upload upload, DriftSpec.Retrain retrain) {
        return new DriftSpec(CURVE, N0, rate, events, change, 10, valueK, upload, retrain, 10);
    }

    private static DriftSpec.Upload upload(Policy p) {
        return new DriftSpec.Upload(p, PERIOD, 0.5, 50, 0.05);
    }

    /**
     * {@code devices} devices, one inference task every {@code gapS} (uniform, so deterministic, or Poisson), fixed
     * sizes; links of {@code mbps} without propagation, edge VMs of {@code mips}: no contention when both are large.
     */
    private static Scenario scenario(int devices, double durationS, double gapS, boolean poisson, DriftSpec drift,
                                     double mbps, double mips) {
        ArrivalSpec arrival = poisson ? new ArrivalSpec(ArrivalSpec.Process.POISSON, gapS, null, 0, 0)
                : new ArrivalSpec(ArrivalSpec.Process.UNIFORM, 0, Range.of(gapS), 0, 0);
        ApplicationSpec app = new ApplicationSpec("CAMERA", 100, arrival, ApplicationSpec.Distribution.FIXED, 1, 10,
                1, 0.5, 10_000, 0, 1, 1, 0).withDrift(drift);
        DevicesSpec dev = new DevicesSpec(devices, new VmSpec(1, 1000, 0), AREA, MobilitySpec.NONE,
                new PowerSpec(2.0, 1.3, 1.0));
        EdgeSpec edge = new EdgeSpec(1, AREA, 1, 4, new VmSpec(4, mips, 0), 0, 100);
        CloudSpec cloud = new CloudSpec(1, 4, new VmSpec(4, mips, 0), 100);
        LinkSpec link = new LinkSpec(Range.of(mbps), 0);
        NetworkSpec net = new NetworkSpec(NetworkSpec.Model.SHARED, link, link, link, 10, 10);
        return new Scenario("drift", 3, durationS, 0, 100, dev, List.of(app), edge, cloud, net,
                Scenario.Scheduling.TIME_SHARED, "edge-only");
    }

    private static DriftMetrics run(Scenario s) {
        Recorder.Run run = Recorder.run(s);
        Invariants.checkAll(run);
        return run.result().drift().get("CAMERA");
    }

    /** The drift clock D(t) = λt + Σ −ln(1 − s) over the events at or before t. */
    private static double clock(double t, double rate, List<DriftSpec.Event> events) {
        double d = rate * t;
        for (DriftSpec.Event e : events) {
            d += t >= e.atS() ? -Math.log(1 - e.severity()) : 0;
        }
        return d;
    }

    /** The power law written out: max(floor, a_max − b n^(−c)), floor at n = 0. */
    private static double law(double n) {
        return n > 0 ? Math.max(FLOOR, A_MAX - B * Math.pow(n, -C)) : FLOOR;
    }

    /**
     * One device, a sample of value 1 at t = 1, 2, 3, ...; uploads at τ = 4.5 + 9k carry every sample since the last
     * one: at time t the knowledge is n(t) = n0·e^(−D(t)) + Σ_{i learnt by t} e^(−(D(t) − D(i))), and the accuracy
     * the power law of it, at every point of the time series (gradual drift and one abrupt event).
     */
    @Test
    void recoveryFollowsTheClosedFormOfTheLearningCurveUnderDrift() {
        double rate = 0.002;
        List<DriftSpec.Event> events = List.of(new DriftSpec.Event(305, 0.5));
        DriftSpec spec = drift(rate, events, null, 0, upload(Policy.PERIODIC), FAST_EDGE);
        DriftMetrics m = run(scenario(1, 600, 1, false, spec, 1e6, 1e9));
        DriftSeries s = m.series();
        assertEquals(61, s.size(), "points at 0, 10, ..., 600");
        for (int k = 0; k < s.size(); k++) {
            double t = s.timeS()[k];
            assertEquals(10.0 * k, t, 1e-9);
            double dt = clock(t, rate, events);
            double n = N0 * Math.exp(-dt);
            for (int i = 1; i < t; i++) {
                double tick = 4.5 + PERIOD * Math.ceil((i - 4.5) / PERIOD);
                if (tick < t) {
                    n += Math.exp(-(dt - clock(i, rate, events)));
                }
            }
            assertEquals(n, s.meanKnowledge()[k], 1e-9 * n, "knowledge at " + t);
            assertEquals(law(n), s.meanAccuracy()[k], 1e-9, "accuracy at " + t);
        }
        assertEquals(0, m.retrainFailed().size());
        assertEquals(m.retrainJobs(), m.retrainCompleted() + m.retrainUnfinished());
        assertEquals(m.samplesUploaded() * 10.0, m.uploadKb(), 1e-9);
    }

    /**
     * With a stronger drift the initial knowledge is forgotten and the uploads reach the geometric steady state
     * n* = e^(−λ(t − τ_K))·S/(1 − e^(−9λ)), S = Σ_{j=0..8} e^(−λ(½ + j)), at the last point t = 900 (τ_K = 895.5).
     */
    @Test
    void periodicUploadsReachTheSteadyStateOfTheClosedForm() {
        double rate = 0.02;
        DriftSpec spec = drift(rate, List.of(), null, 0, upload(Policy.PERIODIC), FAST_EDGE);
        DriftSeries s = run(scenario(1, 900, 1, false, spec, 1e6, 1e9)).series();
        double sum = 0;
        for (int j = 0; j < 9; j++) {
            sum += Math.exp(-rate * (0.5 + j));
        }
        double expected = Math.exp(-rate * (900 - 895.5)) * sum / (1 - Math.exp(-PERIOD * rate));
        int last = s.size() - 1;
        assertEquals(900, s.timeS()[last], 1e-9);
        System.out.printf("steady state: knowledge %.6f (closed form %.6f), accuracy %.6f (closed form %.6f)%n",
                s.meanKnowledge()[last], expected, s.meanAccuracy()[last], law(expected));
        assertEquals(expected, s.meanKnowledge()[last], 1e-6 * expected);
        assertEquals(law(expected), s.meanAccuracy()[last], 1e-6);
    }

    /** Without uploads the knowledge only decays (gradually and at the event) and a task change leaves the floor. */
    @Test
    void withoutUploadsAccuracyDecaysAsTheClosedFormAndStaysAtTheFloorAfterATaskChange() {
        double rate = 0.001;
        List<DriftSpec.Event> events = List.of(new DriftSpec.Event(200, 0.9));
        DriftSpec spec = drift(rate, events, new DriftSpec.TaskChange(400, 4), 1, upload(Policy.NONE), FAST_EDGE);
        DriftMetrics m = run(scenario(5, 600, 1, true, spec, 1e6, 1e9));
        DriftSeries s = m.series();
        for (int k = 0; k < s.size(); k++) {
            double t = s.timeS()[k];
            double expected = t >= 400 ? FLOOR : law(N0 * Math.exp(-clock(t, rate, events)));
            assertEquals(expected, s.meanAccuracy()[k], 1e-9, "accuracy at " + t);
        }
        assertEquals(0, m.retrainJobs());
        assertEquals(0, m.uploadKb());
        assertEquals(0, m.energyJ());
        assertTrue(m.samplesCollected() > 2500, "samples " + m.samplesCollected());
    }

    /** A meta-learned model (factor 4) gains exactly four times the knowledge from the same samples after a change. */
    @Test
    void theMetaFactorMultipliesWhatSamplesTeachAfterATaskChange() {
        DriftSeries plain = run(scenario(1, 600, 1, false, drift(0.002, List.of(), new DriftSpec.TaskChange(300, 1),
                0, upload(Policy.PERIODIC), FAST_EDGE), 1e6, 1e9)).series();
        DriftSeries meta = run(scenario(1, 600, 1, false, drift(0.002, List.of(), new DriftSpec.TaskChange(300, 4),
                0, upload(Policy.PERIODIC), FAST_EDGE), 1e6, 1e9)).series();
        double firstAbove = Double.NaN;
        double firstAboveMeta = Double.NaN;
        for (int k = 0; k < plain.size(); k++) {
            double t = plain.timeS()[k];
            double factor = t > 300 ? 4 : 1;
            assertEquals(factor * plain.meanKnowledge()[k], meta.meanKnowledge()[k], 1e-9 * meta.meanKnowledge()[k],
                    "knowledge at " + t);
            if (t > 300 && Double.isNaN(firstAbove) && plain.meanAccuracy()[k] >= 0.5) {
                firstAbove = t;
            }
            if (t > 300 && Double.isNaN(firstAboveMeta) && meta.meanAccuracy()[k] >= 0.5) {
                firstAboveMeta = t;
            }
        }
        // acc ≥ 0.5 needs n ≥ (2 / 0.42)² = 22.7 useful samples: about 23 s of samples plainly, 6 s with factor 4
        System.out.printf("accuracy 0.5 regained at %.0f s (meta factor 4: %.0f s) after the change at 300 s%n",
                firstAbove, firstAboveMeta);
        assertTrue(firstAboveMeta < firstAbove, firstAboveMeta + " vs " + firstAbove);
        assertEquals(CURVE.samplesFor(0.5), Math.pow(2 / 0.42, 2), 1e-9);
    }

    /**
     * Seed-003-like load with every application learning (retraining on the edge for two, the cloud for two, large
     * VM shares and slow WLANs so that jobs also fail): every inference task ends once (the invariants), every
     * retraining job ends once (completed, failed or unfinished), and the same seed gives the same result.
     */
    @Test
    void everyTaskAndEveryRetrainingJobEndsExactlyOnceUnderLoad() {
        Scenario base = TestScenarios.seed003(300, 3, "greedy");
        List<ApplicationSpec> apps = new ArrayList<>();
        for (int a = 0; a < base.applications().size(); a++) {
            DriftSpec.Retrain retrain = new DriftSpec.Retrain(a % 2 == 0 ? Tier.EDGE : Tier.CLOUD, 2000, 10_000, 3000,
                    40, 0);
            DriftSpec.Upload upload = new DriftSpec.Upload(a == 3 ? Policy.BUDGETED : Policy.PERIODIC, 20, 0.5, 400,
                    Double.NaN);
            apps.add(base.applications().get(a).withDrift(new DriftSpec(CURVE, N0, 0.001, List.of(), null, 100, 1,
                    upload, retrain, 10)));
        }
        Scenario s = TestScenarios.withApplications(base, apps);
        Recorder.Run run = Recorder.run(s);
        Invariants.checkAll(run);
        long jobs = 0;
        long failed = 0;
        long unfinished = 0;
        for (DriftMetrics m : run.result().drift().values()) {
            long f = m.retrainFailed().values().stream().mapToLong(Long::longValue).sum();
            assertEquals(m.retrainJobs(), m.retrainCompleted() + f + m.retrainUnfinished(), m.toString());
            assertTrue(m.retrainCompleted() > 0, m.toString());
            jobs += m.retrainJobs();
            failed += f;
            unfinished += m.retrainUnfinished();
        }
        System.out.printf("retraining under load: %d jobs, %d failed, %d unfinished%n", jobs, failed, unfinished);
        assertTrue(failed > 0, "the failure paths are exercised");
        SimulationResult again = OffloadSimulation.builder(s).build().run();
        assertEquals(run.result().drift(), again.drift(), "same seed, same result");
        assertEquals(run.result().overall(), again.overall());
    }

    /**
     * The policies on one deterministic case (20 devices, Poisson tasks, value scores Beta(1, 1)): uploading beats
     * not uploading, selective uploads fewer bytes than periodic, a budget is kept per upload (KB exactly; radio
     * energy at the link's nominal rate, which is what an uncontended link gives), and retraining loads the servers.
     */
    @Test
    void policiesOrderAsExpectedAndBudgetsHold() {
        DriftMetrics[] m = new DriftMetrics[5];
        SimulationResult[] r = new SimulationResult[5];
        DriftSpec.Upload[] uploads = {upload(Policy.NONE), upload(Policy.PERIODIC), upload(Policy.SELECTIVE),
            new DriftSpec.Upload(Policy.BUDGETED, PERIOD, Double.NaN, 50, Double.NaN),
            new DriftSpec.Upload(Policy.BUDGETED, PERIOD, Double.NaN, Double.NaN, 0.004)};
        for (int i = 0; i < uploads.length; i++) {
            DriftSpec spec = drift(0.005, List.of(), null, 1, uploads[i], new DriftSpec.Retrain(Tier.EDGE, 100, 1000,
                    100, 10, 0));
            Recorder.Run run = Recorder.run(scenario(20, 900, 1, true, spec, 100, 10_000));
            Invariants.checkAll(run);
            r[i] = run.result();
            m[i] = r[i].drift().get("CAMERA");
            System.out.printf("%-9s accuracy %.4f  uploaded %7d samples %9.0f KB  energy %.3f J  jobs %d  work %.0f MI"
                    + "  edge VMs %.2f %%%n", m[i].uploadPolicy(), m[i].accuracyMean(), m[i].samplesUploaded(),
                    m[i].uploadKb(), m[i].energyJ(), m[i].retrainJobs(), m[i].retrainMi(),
                    r[i].vmUtilization().edge());
        }
        DriftMetrics none = m[0];
        DriftMetrics periodic = m[1];
        DriftMetrics selective = m[2];
        DriftMetrics kb = m[3];
        DriftMetrics joules = m[4];
        assertTrue(none.accuracyMean() < periodic.accuracyMean(), "none < periodic");
        assertTrue(none.accuracyMean() < selective.accuracyMean() && none.accuracyMean() < kb.accuracyMean()
                && none.accuracyMean() < joules.accuracyMean(), "uploading beats not uploading");
        assertTrue(selective.uploadKb() < periodic.uploadKb(), "selective sends less");
        assertTrue(selective.usefulLearnt() / selective.uploadKb() > periodic.usefulLearnt() / periodic.uploadKb(),
                "selective's bytes are worth more");
        assertTrue(kb.uploadKb() <= kb.retrainJobs() * 50 + 1e-9, "KB budget per upload");
        assertTrue(kb.samplesDropped() > 0, "the budget binds");
        assertTrue(joules.uploadEnergyJ() <= joules.retrainJobs() * 0.004 * (1 + 1e-9), "energy budget per upload");
        assertTrue(joules.samplesDropped() > 0, "the energy budget binds");
        assertTrue(r[1].vmUtilization().edge() > r[0].vmUtilization().edge(), "retraining loads the edge VMs");
        assertEquals(0, none.retrainMi());
        assertTrue(periodic.retrainMi() > 0);
    }
}
