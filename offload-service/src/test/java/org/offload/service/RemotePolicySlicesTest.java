package org.offload.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.offload.io.ScenarioLoader;
import org.offload.io.SummaryJson;
import org.offload.metrics.SimulationResult;
import org.offload.model.Decision;
import org.offload.model.Task;
import org.offload.network.LinkKind;
import org.offload.policy.OffloadPolicy;
import org.offload.policy.SystemView;
import org.offload.scenario.Scenario;
import org.offload.sim.OffloadSimulation;

/**
 * {@code offload run --remote} on a scenario with network slices: {@code scenarios/slices.yaml} (the critical class
 * in a 30% slice of every WLAN, the bulk class in the remainder) with the slice stretched over the WAN, and devices
 * that can compute (5,000 MIPS) and bulk tasks long enough to be offloaded, so that greedy weighs the device against
 * edge and cloud VMs and the slice-aware WLAN and WAN estimates change its choices. With telemetry before every
 * decision the remote policy sends each sliced link's transfers per slice: the service's estimate of every
 * placement equals the simulator's own slice-aware estimate at that moment, and the run equals the in-process run
 * (summary.json, wall time aside). Without the per-slice counts the service counts every transfer in the
 * unreserved remainder: the first placement whose slice carries a transfer is estimated differently, and the
 * summaries differ too (both checked by disabling the counts in RemotePolicy, see the note of the change).
 */
class RemotePolicySlicesTest {
    private static final List<String> VARIANT = List.of("devices.count=60", "duration_s=150", "warmup_s=30",
            "qos.slices[0].links=[wlan, wan]", "devices.cpu={cores: 1, mips: 5000, memory_mb: 2048}",
            "applications[0].vm_utilization.local=20", "applications[1].vm_utilization.local=20",
            "applications[1].task_length_mi=100000");
    private static final Scenario SLICED = sliced();

    private static Scenario sliced(String... more) {
        List<String> all = new java.util.ArrayList<>(VARIANT);
        all.addAll(List.of(more));
        return new ScenarioLoader().load(Path.of("../scenarios/slices.yaml"), all);
    }

    /** Wraps the remote policy: after each placement, compares the service's estimate with the view's own. */
    private static final class Checked implements OffloadPolicy {
        private final RemotePolicy remote;
        int placed;
        /** Placements while the slice on the device's WLAN carried transfers (remainder-only counts differ). */
        int sliceBusy;
        /** Placements while both the slice and the remainder on the device's WLAN carried transfers. */
        int bothBusy;

        Checked(RemotePolicy remote) {
            this.remote = remote;
        }

        @Override
        public Decision decide(Task task, SystemView view) {
            Decision d = remote.decide(task, view);
            if (d.kind() == Decision.Kind.PLACE) {
                placed++;
                int site = view.deviceSite(task.device());
                int[] wlan = view.flowTransfers(LinkKind.WLAN, site);
                assertNotNull(wlan, "a sliced WLAN reports its transfers per flow");
                sliceBusy += wlan[1] > 0 ? 1 : 0;
                bothBusy += wlan[1] > 0 && wlan[0] > 0 ? 1 : 0;
                double local = view.estimateServiceTimeS(task, d.vm());
                double service = remote.lastAnswer().estimates().latencyS();
                assertEquals(local, service, 1e-9 * local, "task " + task.id() + " (" + view.application(task).name()
                        + ") on vm " + d.vm() + " at " + view.now() + " s; WLAN of site " + site + " per flow "
                        + Arrays.toString(wlan));
            }
            return d;
        }
    }

    @Test
    void aSlicedRemoteRunSendsPerSliceCountsAndEqualsTheInProcessRun() {
        ServiceConfig cfg = TestSupport.config().withPolicy("greedy", null);
        try (OffloadService s = OffloadService.builder(cfg, SLICED).tokens(TestSupport.tokens()).start()) {
            RemotePolicy remote = new RemotePolicy(URI.create(s.baseUrl()), TestSupport.BOTH_TOKEN, 0, SLICED);
            remote.checkScenario();
            Checked checked = new Checked(remote);
            SimulationResult viaService = OffloadSimulation.builder(SLICED).policy("greedy", checked).build().run();
            SimulationResult inProcess = OffloadSimulation.builder(SLICED).build().run();
            System.out.printf("remote sliced greedy: %d decisions, %d placed, %d with the WLAN slice busy, %d with"
                    + " slice and remainder busy, wall %.2f s%n", remote.decisions(), checked.placed,
                    checked.sliceBusy, checked.bothBusy, viaService.wallTimeS());
            assertTrue(checked.bothBusy > 100, "placements while slice and remainder were busy: " + checked.bothBusy);
            List<String> wall = List.of("wall_time_s", "tasks_per_wall_second");
            assertEquals(SummaryJson.toJson(inProcess).without(wall).toPrettyString(),
                    SummaryJson.toJson(viaService).without(wall).toPrettyString());
        }
    }

    @Test
    void aServiceWithOtherSlicesIsRefusedAtConnect() {
        Scenario otherShare = sliced("qos.slices[0].share=0.4");
        Scenario unsliced = sliced("qos.slices=[]", "qos.classes[0].slice=none");
        for (Scenario served : List.of(otherShare, unsliced)) {
            try (OffloadService s = OffloadService.builder(TestSupport.config(), served).tokens(TestSupport.tokens())
                    .start()) {
                IllegalStateException e = assertThrows(IllegalStateException.class, () -> new RemotePolicy(
                        URI.create(s.baseUrl()), TestSupport.BOTH_TOKEN, 0, SLICED).checkScenario());
                String there = served == unsliced ? "none" : "[urllc 0.4 of [wlan, wan]]";
                assertTrue(e.getMessage().contains("network slices " + there + " vs [urllc 0.3 of [wlan, wan]]"),
                        e.getMessage());
            }
        }
    }
}
