package org.offload.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.offload.io.ScenarioLoader;
import org.offload.metrics.SimulationResult;
import org.offload.metrics.TierMetrics;
import org.offload.scenario.Scenario;
import org.offload.sim.OffloadSimulation;

/**
 * Simulation in the loop: the simulator asks the service for every decision and sends it its state. With
 * telemetry before every decision, the service sees the simulator's state and the run equals the in-process run.
 */
class RemotePolicyTest {
    private static final Scenario SCENARIO = new ScenarioLoader().loadDefault(
            List.of("devices.count=30", "duration_s=120", "warmup_s=10"));

    @Test
    void remoteRunWithTelemetryBeforeEveryDecisionEqualsTheInProcessRun() {
        for (String policy : List.of("least-utilised", "greedy")) {
            ServiceConfig cfg = TestSupport.config().withPolicy(policy, null);
            try (OffloadService s = OffloadService.builder(cfg, SCENARIO).tokens(TestSupport.tokens()).start()) {
                RemotePolicy remote = new RemotePolicy(URI.create(s.baseUrl()), TestSupport.BOTH_TOKEN, 0, SCENARIO);
                remote.checkScenario();
                assertEquals(policy, remote.activePolicy());
                SimulationResult viaService = OffloadSimulation.builder(SCENARIO.withPolicy(policy))
                        .policy(policy, remote).build().run();
                System.out.printf("remote %s: %d decisions, %d telemetry posts, %.2f s decisions, %.2f s telemetry,"
                                + " wall %.2f s%n",
                        policy, remote.decisions(), remote.telemetryPosts(), remote.decisionSeconds(),
                        remote.telemetrySeconds(), viaService.wallTimeS());
                SimulationResult inProcess = OffloadSimulation.builder(SCENARIO.withPolicy(policy)).build().run();
                assertTrue(remote.decisions() > 200, "decisions " + remote.decisions());
                assertEquals(remote.decisions(), remote.telemetryPosts());
                assertEquals(inProcess.overall().generated(), viaService.overall().generated());
                assertEquals(inProcess.overall().completed(), viaService.overall().completed(), policy);
                assertEquals(inProcess.overall().failed(), viaService.overall().failed(), policy);
                for (String tier : inProcess.perTier().keySet()) {
                    TierMetrics a = inProcess.perTier().get(tier);
                    TierMetrics b = viaService.perTier().get(tier);
                    assertEquals(a.toString(), String.valueOf(b), policy + " tier " + tier);
                }
                assertEquals(inProcess.overall().serviceTimeS().mean(), viaService.overall().serviceTimeS().mean(), 1e-12,
                        policy);
            }
        }
    }

    @Test
    void throttledTelemetryAndAMismatchedScenario() {
        try (OffloadService s = OffloadService.builder(TestSupport.config(), SCENARIO).tokens(TestSupport.tokens())
                .start()) {
            RemotePolicy remote = new RemotePolicy(URI.create(s.baseUrl()), TestSupport.BOTH_TOKEN, 1.0, SCENARIO);
            SimulationResult r = OffloadSimulation.builder(SCENARIO).policy("remote", remote).build().run();
            assertTrue(r.overall().completed() > 0, "r.overall().completed() = " + r.overall().completed());
            // at most one snapshot per simulated second (plus the first)
            assertTrue(remote.telemetryPosts() <= SCENARIO.durationS() + SCENARIO.drainS() + 1,
                    "posts " + remote.telemetryPosts());
            assertTrue(remote.telemetryPosts() < remote.decisions() / 2,
                    remote.telemetryPosts() + " telemetry posts for " + remote.decisions() + " decisions");
            Scenario other = SCENARIO.withDevices(31);
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> new RemotePolicy(URI.create(s.baseUrl()), TestSupport.BOTH_TOKEN, 0, other).checkScenario());
            assertTrue(e.getMessage().contains("devices 30 vs 31"), e.getMessage());
            IllegalStateException denied = assertThrows(IllegalStateException.class,
                    () -> new RemotePolicy(URI.create(s.baseUrl()), "bad-token-0123456789abcdef", 0, SCENARIO)
                            .checkScenario());
            assertTrue(denied.getMessage().contains("401"), denied.getMessage());
        }
    }
}
