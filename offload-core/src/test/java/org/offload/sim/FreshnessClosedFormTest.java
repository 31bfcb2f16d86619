package org.offload.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.offload.freshness.FreshnessMetrics;
import org.offload.metrics.SimulationResult;
import org.offload.model.FailureReason;
import org.offload.scenario.ApplicationSpec;
import org.offload.scenario.ArrivalSpec;
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
import org.offload.scenario.StatusUpdateSpec;
import org.offload.scenario.VmSpec;

/**
 * Age of Information of status-update sources against the closed forms of single-source queues. Each device is one
 * source computing its own updates on a one-core FCFS CPU with Poisson arrivals (rate λ) and exponential work
 * (rate μ = 1/s): an M/M/1 path per source, the sources independent, so the mean over sources converges fast.
 * <ul>
 * <li>FCFS (Kaul, Yates, Gruteser, "Real-time status: how often should one update?", INFOCOM 2012, eq. 17):
 * Δ = (1/μ)(1 + 1/ρ + ρ²/(1−ρ)); peak age E[T] + E[Y] = 1/(μ−λ) + 1/λ (Costa, Codreanu, Ephremides, IEEE Trans.
 * Inf. Theory 62(4), 2016, for M/M/1).</li>
 * <li>LCFS with preemption in service ({@code superseded: drop}; Kaul, Yates, Gruteser, "Status updates through
 * queues", CISS 2012; Yates and Kaul 2019): Δ = (1/μ)(1 + 1/ρ) = 1/λ + 1/μ; peak age 1/(λ+μ) + 1/λ + 1/μ (the
 * delivered update's system time is Exp(λ+μ), the inter-delivery time idle Exp(λ) plus Exp(μ); derived in
 * docs/seed000.md).</li>
 * <li>M/M/1/1, blocking (policy {@code aoi-aware}: an update is not sent while its source has one in flight; Costa
 * et al. 2016, Theorem 1): Δ = 1/λ + 2/μ − 1/(λ+μ); peak age 1/λ + 2/μ.</li>
 * </ul>
 */
class FreshnessClosedFormTest {
    private static final double MU = 1;
    private static final int SOURCES = 40;
    private static final PlacementSpec AREA = new PlacementSpec(PlacementSpec.Type.GRID, 1000, 1000);

    static Scenario sources(double lambda, double durationS, StatusUpdateSpec spec, String policy,
                            Map<String, String> options) {
        ApplicationSpec app = new ApplicationSpec("SENSOR", 100,
                new ArrivalSpec(ArrivalSpec.Process.POISSON, 1 / lambda, null, 0, 0),
                ApplicationSpec.Distribution.EXPONENTIAL, 1000, 1, 1, 0.5, 10_000, 0, 0, 0, 0)
                .withStatusUpdate(spec);
        DevicesSpec dev = new DevicesSpec(SOURCES, new VmSpec(1, 1000 * MU, 0), AREA, MobilitySpec.NONE,
                new PowerSpec(2.0, 1.3, 1.0));
        EdgeSpec edge = new EdgeSpec(1, AREA, 1, 1, new VmSpec(1, 1000, 0), 0, 100);
        CloudSpec cloud = new CloudSpec(0, 1, new VmSpec(1, 1000, 0), 100);
        LinkSpec link = new LinkSpec(Range.of(100), 0);
        NetworkSpec net = new NetworkSpec(NetworkSpec.Model.SHARED, link, link, link, 10, 10);
        return new Scenario("aoi", 11, durationS, 100, 100_000, dev, List.of(app), edge, cloud, net,
                Scenario.Scheduling.FCFS, policy, options);
    }

    private static FreshnessMetrics run(Scenario s) {
        SimulationResult r = OffloadSimulation.builder(s).build().run();
        FreshnessMetrics f = r.freshness().get("SENSOR");
        assertEquals(SOURCES, f.sources());
        assertEquals(SOURCES, f.sourcesUpdated());
        return f;
    }

    private static void check(String what, double simulated, double formula) {
        double err = simulated / formula - 1;
        System.out.printf("%-44s simulated %.4f  closed form %.4f  error %+.2f%%%n", what, simulated, formula,
                100 * err);
        assertEquals(formula, simulated, 0.02 * formula, what);
    }

    /** Simulated seconds for about {@code updates} updates over all sources, after a 100 s warm-up. */
    private static double duration(double lambda, double updates) {
        return 100 + updates / (SOURCES * lambda);
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.2, 0.5, 0.75})
    void fcfsMatchesKaulYatesGruteser(double rho) {
        double lambda = rho * MU;
        // the age of an FCFS queue near saturation is strongly correlated in time: twice as many updates there
        FreshnessMetrics f = run(sources(lambda, duration(lambda, rho > 0.6 ? 600_000 : 300_000), StatusUpdateSpec.KEEP_ALL, "local-only",
                Map.of()));
        check("FCFS M/M/1 average AoI, rho=" + rho, f.meanAgeS(),
                (1 / MU) * (1 + 1 / rho + rho * rho / (1 - rho)));
        check("FCFS M/M/1 peak AoI, rho=" + rho, f.meanPeakAgeS(), 1 / (MU - lambda) + 1 / lambda);
        assertEquals(0, f.superseded());
        assertEquals(0, f.obsoleteDeliveries(), "one FCFS server delivers in order");
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.5, 1.0, 2.0})
    void lcfsWithPreemptionMatchesItsClosedForm(double rho) {
        double lambda = rho * MU;
        FreshnessMetrics f = run(sources(lambda, duration(lambda, 250_000),
                new StatusUpdateSpec(StatusUpdateSpec.Superseded.DROP), "local-only", Map.of()));
        check("LCFS preemptive average AoI, rho=" + rho, f.meanAgeS(), 1 / lambda + 1 / MU);
        check("LCFS preemptive peak AoI, rho=" + rho, f.meanPeakAgeS(), 1 / (lambda + MU) + 1 / lambda + 1 / MU);
        assertTrue(f.superseded() > 0);
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.5, 1.0, 2.0})
    void aoiAwareBlockingIsAnMm11Queue(double rho) {
        double lambda = rho * MU;
        FreshnessMetrics f = run(sources(lambda, duration(lambda, 250_000), StatusUpdateSpec.KEEP_ALL, "aoi-aware",
                Map.of("base", "local-only")));
        check("M/M/1/1 (aoi-aware) average AoI, rho=" + rho, f.meanAgeS(),
                1 / lambda + 2 / MU - 1 / (lambda + MU));
        check("M/M/1/1 (aoi-aware) peak AoI, rho=" + rho, f.meanPeakAgeS(), 1 / lambda + 2 / MU);
    }

    /** Every update ends once, whether delivered, superseded or skipped. */
    @Test
    void everyUpdateEndsOnce() {
        for (Scenario s : List.of(
                sources(0.9, 400, StatusUpdateSpec.KEEP_ALL, "local-only", Map.of()),
                sources(0.9, 400, new StatusUpdateSpec(StatusUpdateSpec.Superseded.DROP), "local-only", Map.of()),
                sources(0.9, 400, StatusUpdateSpec.KEEP_ALL, "aoi-aware", Map.of("base", "local-only")))) {
            Recorder.Run run = Recorder.run(s);
            Invariants.checkAll(run);
            long superseded = run.records().stream().filter(t -> t.failure() == FailureReason.SUPERSEDED).count();
            long measuredSuperseded = run.records().stream()
                    .filter(t -> t.measured() && t.failure() == FailureReason.SUPERSEDED).count();
            assertEquals(measuredSuperseded, run.result().freshness().get("SENSOR").superseded());
            assertEquals(s.applications().get(0).statusUpdate().dropsSuperseded(), superseded > 0);
        }
    }
}
