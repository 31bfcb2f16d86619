package org.offload.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.offload.TestScenarios;
import org.offload.metrics.SimulationResult;
import org.offload.metrics.TaskRecord;
import org.offload.model.Decision;
import org.offload.model.Task;
import org.offload.policy.OffloadPolicy;
import org.offload.policy.SystemView;
import org.offload.policy.Vms;
import org.offload.scenario.Scenario;

/** The overflow queue ({@link Decision#DEFER}) and batch decisions. */
class DeferAndBatchTest {
    /** Places a task only on a VM of the device's site that admits it; otherwise defers it. */
    private static final class DeferWhenFull implements OffloadPolicy {
        int deferrals;

        @Override
        public Decision decide(Task task, SystemView view) {
            int site = view.deviceSite(task.device());
            int vm = Vms.leastUtilisedAdmitting(view, task, view.firstEdgeVm(site), view.edgeVmsPerSite());
            if (vm < 0) {
                deferrals++;
                return Decision.DEFER;
            }
            return Decision.edge(vm);
        }
    }

    @Test
    void deferredTasksArePlacedLaterAndAllEndOnce() {
        Scenario s = TestScenarios.withTaskMemory(TestScenarios.seed003(400, 5, "x"), 1024);
        DeferWhenFull policy = new DeferWhenFull();
        List<TaskRecord> records = new ArrayList<>();
        SimulationResult r = OffloadSimulation.builder(s).policy("defer-when-full", policy)
                .taskListener(records::add).build().run();
        assertTrue(policy.deferrals > 0, "the scenario must fill some site");
        assertEquals(r.tasksGeneratedTotal(), records.size());
        assertEquals(r.overall().generated(), r.overall().completed() + r.overall().failed());
        assertEquals(0, r.overall().failuresByReason().getOrDefault("vm_capacity", 0L),
                "a deferring policy never sends a task to a full VM");
        // Some completed tasks waited in the overflow queue: that wait is their decision time.
        long waited = records.stream().filter(TaskRecord::completed).filter(t -> t.decisionS() > 1e-6).count();
        assertTrue(waited > 0, "some completed tasks waited for capacity");
        assertTrue(records.stream().filter(TaskRecord::completed).allMatch(t -> Math.abs(t.serviceTimeS()
                - (t.decisionS() + t.networkS() + t.waitS() + t.processingS())) < 1e-9 * Math.max(1, t.endedS())),
                "service time = decision + network + wait + processing, for every completed task");
    }

    @Test
    void batchPoliciesSeeWholeWindowsAndDecideEveryTask() {
        Scenario s = TestScenarios.seed003(200, 9, "x");
        List<Integer> sizes = new ArrayList<>();
        List<Double> lateness = new ArrayList<>();
        OffloadPolicy batched = new OffloadPolicy() {
            @Override
            public Decision decide(Task task, SystemView view) {
                lateness.add(view.now() - task.createdS());
                return Decision.edge(Vms.leastUtilisedAtDeviceSite(view, task));
            }

            @Override
            public double batchWindowS() {
                return 0.25;
            }

            @Override
            public List<Decision> decideBatch(List<Task> tasks, SystemView view) {
                sizes.add(tasks.size());
                return OffloadPolicy.super.decideBatch(tasks, view);
            }
        };
        SimulationResult r = OffloadSimulation.builder(s).policy("batched", batched).build().run();
        assertEquals(r.tasksGeneratedTotal(), sizes.stream().mapToLong(Integer::longValue).sum());
        assertTrue(sizes.stream().anyMatch(n -> n > 1), "some windows hold several tasks");
        assertTrue(lateness.stream().allMatch(l -> l >= 0 && l <= 0.25 + 1e-9), "decided within its window");
        assertEquals(r.overall().generated(), r.overall().completed() + r.overall().failed());
    }
}
