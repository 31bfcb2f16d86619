package org.offload.compute;

import org.offload.model.FailureReason;

/**
 * When a task's claim on a VM (share and memory) counts. The task life cycle calls it when a placement is acted
 * on, when execution starts and when the task leaves the VM; which of these claims and releases is the
 * accounting's choice. {@link #ON_DECIDE} is Offload's default: a task claims from the moment it is placed, so
 * tasks still uploading count. {@link #ON_EXECUTE} is EdgeCloudSim's view: its orchestrators
 * ({@code applications/sample_app4/FuzzyEdgeOrchestrator.java}, {@code getVmToOffload}) compare a task's share with
 * the VM's cloudlet-scheduler utilisation, which counts only tasks already executing.
 */
public interface AdmissionAccounting {
    /**
     * Whether {@code vm} takes a task claiming {@code sharePercent} and {@code memoryMb}: null when it does, else
     * why not ({@link FailureReason#VM_CAPACITY}, {@link FailureReason#VM_MEMORY}).
     */
    FailureReason admit(Vm vm, double sharePercent, double memoryMb);

    /** The admitted task starts executing on {@code vm}. */
    void executing(Vm vm, double sharePercent, double memoryMb);

    /** The admitted task left {@code vm} (completed, failed or aborted), after executing or not. */
    void released(Vm vm, double sharePercent, double memoryMb, boolean executed);

    /** Claims at placement, releases at the end: share and memory are held during transfers too. */
    AdmissionAccounting ON_DECIDE = new AdmissionAccounting() {
        @Override
        public FailureReason admit(Vm vm, double sharePercent, double memoryMb) {
            if (!vm.fitsShare(sharePercent)) {
                return FailureReason.VM_CAPACITY;
            }
            if (!vm.fitsMemory(memoryMb)) {
                return FailureReason.VM_MEMORY;
            }
            vm.claim(sharePercent, memoryMb);
            return null;
        }

        @Override
        public void executing(Vm vm, double sharePercent, double memoryMb) {
        }

        @Override
        public void released(Vm vm, double sharePercent, double memoryMb, boolean executed) {
            vm.release(sharePercent, memoryMb);
        }

        @Override
        public String toString() {
            return "on_decide";
        }
    };

    /**
     * Checks the share and memory against the claims of executing tasks only, claims when execution starts and
     * releases only what was claimed: tasks still uploading are invisible, so more may be admitted than fit, and a
     * VM's claimed share can pass its limit while they execute (as in EdgeCloudSim).
     */
    AdmissionAccounting ON_EXECUTE = new AdmissionAccounting() {
        @Override
        public FailureReason admit(Vm vm, double sharePercent, double memoryMb) {
            if (!vm.fitsShare(sharePercent)) {
                return FailureReason.VM_CAPACITY;
            }
            return vm.fitsMemory(memoryMb) ? null : FailureReason.VM_MEMORY;
        }

        @Override
        public void executing(Vm vm, double sharePercent, double memoryMb) {
            vm.claim(sharePercent, memoryMb);
        }

        @Override
        public void released(Vm vm, double sharePercent, double memoryMb, boolean executed) {
            if (executed) {
                vm.release(sharePercent, memoryMb);
            }
        }

        @Override
        public String toString() {
            return "on_execute";
        }
    };
}
