package org.offload.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.offload.policy.builtin.BuiltInPolicies;
import org.offload.model.Task;
import org.offload.scenario.Scenario;
import org.offload.service.state.ClaimsStore;
import org.offload.service.state.InMemoryClaimsStore;
import org.offload.service.state.InMemoryTelemetryStore;
import org.offload.service.state.RandomTaskIds;
import org.offload.service.state.Telemetry;

/**
 * A shared claims store confirms a claim with a round trip; the engine makes it after releasing its lock, so that
 * a replica's other decisions (and telemetry, metrics) do not wait for it. The store here confirms only once
 * another decision has run to completion meanwhile: with the lock held across the confirmation that would never
 * happen.
 */
class ClaimConfirmOutsideLockTest {
    private static Task task(DecisionEngine engine, int device) {
        return engine.requests().task(Fields.parse(("{\"application\":\"AUGMENTED_REALITY\",\"device\":" + device
                + "}").getBytes()), Constraints.NONE, device, 10).task();
    }

    @Test
    void anotherDecisionCompletesWhileAClaimIsConfirmed() {
        Scenario sc = TestSupport.scenario();
        TestSupport.ManualClock clock = new TestSupport.ManualClock();
        clock.now = 10;
        AtomicInteger reserved = new AtomicInteger();
        DecisionEngine[] engine = new DecisionEngine[1];
        int vms = sc.edge().vmCount() + sc.cloud().vmCount();
        ClaimsStore inner = new InMemoryClaimsStore(vms);
        ClaimsStore waitingStore = new ClaimsStore() {
            @Override
            public Claim reserve(int vm, double reportedPercent, double sharePercent, double limitPercent,
                                 double usedMemoryMb, double memoryMb, double memoryCapMb, double nowS, double untilS) {
                Claim claim = inner.reserve(vm, reportedPercent, sharePercent, limitPercent, usedMemoryMb, memoryMb,
                        memoryCapMb, nowS, untilS);
                if (reserved.incrementAndGet() > 1) {
                    return claim; // the decision made meanwhile
                }
                return () -> {
                    try {
                        DecisionEngine.Answer other = CompletableFuture.supplyAsync(() -> engine[0].decide(
                                task(engine[0], 2), null, Telemetry.DeviceReport.SITE_UNSET)).get(10, TimeUnit.SECONDS);
                        return other.placed() && claim.confirm();
                    } catch (Exception e) {
                        throw new AssertionError("the other decision did not complete: the engine's lock is held "
                                + "while a claim is confirmed", e);
                    }
                };
            }

            @Override
            public double claimedPercent(int vm, double nowS) {
                return inner.claimedPercent(vm, nowS);
            }

            @Override
            public double claimedMemoryMb(int vm, double nowS) {
                return inner.claimedMemoryMb(vm, nowS);
            }

            @Override
            public void supersede(int vm, double nowS) {
                inner.supersede(vm, nowS);
            }
        };
        engine[0] = new DecisionEngine(sc, new PolicyCatalog(BuiltInPolicies.registry()), Constraints.NONE, 30, clock,
                new ServiceConfig.PolicySpec("least-utilised", null, java.util.Map.of()),
                new DecisionEngine.Stores(new InMemoryTelemetryStore(vms, sc.edge().sites(), sc.devices().count()),
                        waitingStore, new RandomTaskIds()), 30);
        DecisionEngine.Answer first = engine[0].decide(task(engine[0], 1), null,
                Telemetry.DeviceReport.SITE_UNSET);
        assertTrue(first.placed(), first.explanation());
        assertEquals(2, reserved.get(), "the second decision was made while the first claim was confirmed");
    }
}
