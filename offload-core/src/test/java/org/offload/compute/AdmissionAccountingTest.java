package org.offload.compute;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;
import org.offload.engine.Simulation;
import org.offload.model.FailureReason;
import org.offload.model.Tier;
import org.offload.scenario.Scenario;
import org.offload.scenario.VmSpec;

/**
 * {@code on_decide} claims a VM share at placement; {@code on_execute} (EdgeCloudSim's view) only from the start of
 * execution, so tasks still uploading do not stop others from being admitted.
 */
class AdmissionAccountingTest {
    private static Vm vm() {
        return new Vm(0, Tier.EDGE, 0, new VmSpec(2, 10000, 1000), 100, Scenario.Scheduling.TIME_SHARED,
                new Simulation(), work -> { });
    }

    @Test
    void onDecideCountsPlacedTasksAtOnce() {
        Vm vm = vm();
        AdmissionAccounting a = AdmissionAccounting.ON_DECIDE;
        assertNull(a.admit(vm, 60, 100));
        assertEquals(60, vm.claimedPercent());
        assertEquals(FailureReason.VM_CAPACITY, a.admit(vm, 60, 100)); // the first still uploads, yet counts
        a.released(vm, 60, 100, false);
        assertEquals(0, vm.claimedPercent());
    }

    @Test
    void onExecuteCountsOnlyExecutingTasks() {
        Vm vm = vm();
        AdmissionAccounting a = AdmissionAccounting.ON_EXECUTE;
        assertNull(a.admit(vm, 60, 100));
        assertEquals(0, vm.claimedPercent(), "uploading: not counted");
        assertNull(a.admit(vm, 60, 100), "a second 60% task is admitted while the first uploads");
        a.executing(vm, 60, 100);
        assertEquals(60, vm.claimedPercent());
        assertEquals(FailureReason.VM_CAPACITY, a.admit(vm, 60, 100), "now the executing one counts");
        a.executing(vm, 60, 100); // the second arrives: EdgeCloudSim runs it anyway, the VM is claimed past 100%
        assertEquals(120, vm.claimedPercent());
        a.released(vm, 60, 100, true);
        assertEquals(60, vm.claimedPercent());
        a.released(vm, 60, 100, false); // a task that failed before executing claimed nothing: nothing released
        assertEquals(60, vm.claimedPercent());
        assertEquals(FailureReason.VM_MEMORY, a.admit(vm, 10, 950));
    }
}
