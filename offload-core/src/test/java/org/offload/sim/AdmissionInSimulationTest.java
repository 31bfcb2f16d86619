package org.offload.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.offload.metrics.TaskRecord;
import org.offload.model.Decision;
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
import org.offload.scenario.VmSpec;

/**
 * When claims count ({@code admission}): two devices send a task to the same edge VM at the same instants (every
 * 10 s), each claiming 60 % of it. {@code on_decide} counts the first task's claim while it uploads, so the second
 * is refused every time; {@code on_execute} (EdgeCloudSim's orchestrators, which see executing cloudlets only)
 * admits both, which then execute together on a VM claimed at 120 %.
 */
class AdmissionInSimulationTest {
    private static final PlacementSpec AREA = new PlacementSpec(PlacementSpec.Type.GRID, 1000, 1000);

    private static Scenario twoDevicesOneVm(Scenario.Admission admission) {
        ApplicationSpec app = new ApplicationSpec("APP", 100,
                new ArrivalSpec(ArrivalSpec.Process.UNIFORM, 0, new Range(10, 10), 0, 0),
                ApplicationSpec.Distribution.FIXED, 20_000, 1000, 10, 0.5, 100, 0, 60, 60, 0);
        DevicesSpec dev = new DevicesSpec(2, null, AREA, MobilitySpec.NONE, new PowerSpec(2.0, 1.3, 1.0));
        EdgeSpec edge = new EdgeSpec(1, AREA, 1, 1, new VmSpec(1, 10_000, 0), 0, 100);
        CloudSpec cloud = new CloudSpec(1, 1, new VmSpec(1, 20_000, 0), 100);
        NetworkSpec net = new NetworkSpec(NetworkSpec.Model.SHARED, new LinkSpec(Range.of(20), 0.002),
                new LinkSpec(Range.of(100), 0.005), new LinkSpec(Range.of(50), 0.05), 10, 10);
        return new Scenario("admission", 1, 105, 0, 60, dev, List.of(app), edge, cloud, net,
                Scenario.Scheduling.TIME_SHARED, "vm0", Map.of(), admission);
    }

    private static List<TaskRecord> run(Scenario.Admission admission) {
        Recorder rec = new Recorder();
        OffloadSimulation.builder(twoDevicesOneVm(admission)).policy("vm0", (task, view) -> Decision.edge(0))
                .taskListener(rec).build().run();
        assertEquals(20, rec.records.size(), "two devices, a task each at 10, 20, ..., 100 s");
        return rec.records;
    }

    @Test
    void onDecideCountsTasksInTransitSoTheSecondOfEachPairIsRefused() {
        List<TaskRecord> records = run(Scenario.Admission.ON_DECIDE);
        long refused = records.stream().filter(r -> r.failure() == FailureReason.VM_CAPACITY).count();
        long completed = records.stream().filter(TaskRecord::completed).count();
        assertEquals(10, refused, records.toString());
        assertEquals(10, completed, records.toString());
    }

    @Test
    void onExecuteAdmitsBothAndTheyShareTheOverCommittedVm() {
        List<TaskRecord> records = run(Scenario.Admission.ON_EXECUTE);
        for (TaskRecord r : records) {
            assertNull(r.failure(), r.toString());
        }
        // Alone, a task executes in 20,000 MI / 10,000 MIPS = 2 s; two at once on the one core take longer.
        long shared = records.stream().filter(r -> r.processingS() > 2.0 + 1e-9).count();
        assertTrue(shared >= 10, "tasks that executed beside another on the over-committed VM: " + shared + " of 20");
    }
}
