package org.offload.policy.learned;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.offload.TestScenarios;
import org.offload.model.Decision;
import org.offload.model.Task;
import org.offload.model.Tier;
import org.offload.policy.PolicyContext;
import org.offload.policy.SystemView;
import org.offload.policy.PolicyOptionException;
import org.offload.policy.builtin.BuiltInPolicies;
import org.offload.scenario.ApplicationSpec;
import org.offload.scenario.Scenario;
import org.offload.sim.OffloadSimulation;

class DlTierPolicyTest {
    @TempDir
    Path tmp;

    /**
     * Seed-003 infrastructure (3 sites x 8 edge VMs, 4 cloud VMs), devices without a CPU, one application whose
     * tasks claim 40% of a VM: room for 2 per VM, 56 in all.
     */
    static Scenario crowded() {
        Scenario s = TestScenarios.withoutLocalCpu(TestScenarios.seed003(120, 1, "dl-tier"));
        ApplicationSpec a = TestScenarios.app("BIG", 100, 5, 0, 0, 1000, 10, 10, 0.5, 10);
        a = new ApplicationSpec(a.name(), a.usagePercent(), a.arrival(), a.distribution(), a.lengthMi(), a.uploadKb(),
                a.downloadKb(), a.delaySensitivity(), a.maxDelayS(), a.memoryMb(), 40, 40, 40);
        return TestScenarios.withApplications(s, List.of(a));
    }

    static Task task(long id, int device, double sensitivity, double mi, double maxDelay) {
        return new Task(id, 0, device, 0, mi, 10, 10, sensitivity, maxDelay, 100);
    }

    static DlTierPolicy policy(Scenario s, Map<String, String> options) {
        return DlTierPolicy.create(new PolicyContext(s, new SplittableRandom(1), options),
                DlTierPolicy.TIER_EXPERT_RESOURCE);
    }

    @Test
    void aBatchNeverOverfillsAVmAndDefersWhatDoesNotFit() {
        Scenario s = crowded();
        SystemView view = OffloadSimulation.builder(s).build().view();
        List<Task> tasks = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            tasks.add(task(i, i, i < 30 ? 0.1 : 0.9, 1000, 10));
        }
        List<Decision> d = policy(s, Map.of()).decideBatch(tasks, view);
        assertEquals(60, d.size());
        Map<Integer, Integer> perVm = new HashMap<>();
        int deferred = 0;
        for (int i = 0; i < 60; i++) {
            Decision x = d.get(i);
            if (x.isDefer()) {
                deferred++;
                // the least sensitive tasks wait: the batch is served most sensitive first
                assertTrue(tasks.get(i).delaySensitivity() < 0.5, "task " + i + " deferred");
                continue;
            }
            assertTrue(x.tier() == Tier.EDGE || x.tier() == Tier.CLOUD, x.toString());
            assertEquals(x.tier(), view.vmTier(x.vm()));
            perVm.merge(x.vm(), 1, Integer::sum);
        }
        assertEquals(4, deferred, "56 places for 60 tasks");
        perVm.forEach((vm, n) -> assertTrue(n <= 2, "VM " + vm + " got " + n + " tasks of 40%"));
    }

    @Test
    void literalAscendingOrderServesTheLeastSensitiveFirst() {
        Scenario s = crowded();
        SystemView view = OffloadSimulation.builder(s).build().view();
        List<Task> tasks = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            tasks.add(task(i, i, i < 30 ? 0.1 : 0.9, 1000, 10));
        }
        List<Decision> d = policy(s, Map.of("order", "ascending")).decideBatch(tasks, view);
        for (int i = 0; i < 60; i++) {
            if (d.get(i).isDefer()) {
                assertTrue(tasks.get(i).delaySensitivity() > 0.5,
                        "tasks.get(i).delaySensitivity() = " + tasks.get(i).delaySensitivity());
            }
        }
    }

    @Test
    void aTaskThatCannotMeetItsDeadlineEvenAloneIsRejected() {
        Scenario s = crowded();
        SystemView view = OffloadSimulation.builder(s).build().view();
        DlTierPolicy p = policy(s, Map.of());
        // 1e6 MI needs 50 s even on a 20,000-MIPS cloud core; deferring it would only block the overflow queue
        Decision huge = p.decide(task(1, 0, 0.5, 1e6, 10), view);
        assertTrue(huge.isReject(), huge.toString());
        // 1,000 MI fits easily
        Decision ok = p.decide(task(2, 0, 0.5, 1000, 10), view);
        assertTrue(ok.tier() == Tier.EDGE || ok.tier() == Tier.CLOUD, ok.toString());
    }

    @Test
    void optionsSetTheModelFilesBatchWindowAndOrder() throws Exception {
        Scenario s = crowded();
        Path tier = tmp.resolve("tier.mlp");
        Path vm = tmp.resolve("vm.mlp");
        MlpFormat.save(DlTierPolicy.resource(DlTierPolicy.TIER_ORACLE_RESOURCE), tier);
        MlpFormat.save(DlTierPolicy.resource(DlTierPolicy.VM_RESOURCE), vm);
        DlTierPolicy p = policy(s, Map.of("model", tier + java.io.File.pathSeparator + vm, "batch_window_s", "0.25",
                "order", "sensitive-first"));
        assertEquals(0.25, p.batchWindowS());
        assertEquals(DlTierPolicy.DEFAULT_BATCH_WINDOW_S, policy(s, Map.of()).batchWindowS());

        // a network whose inputs differ from the features this version computes is refused
        Mlp wrong = MlpTest.random(3, new int[] {4}, 1, Mlp.Output.LINEAR, 1);
        Path w = tmp.resolve("wrong.mlp");
        Files.writeString(w, MlpFormat.toText(wrong).replace("name test", "name vm-nn"));
        IllegalArgumentException e = assertThrows(PolicyOptionException.class,
                () -> policy(s, Map.of("model", w.toString())));
        assertTrue(e.getMessage().contains("feature 1 is 'f0', expected 'length_gi'"), e.getMessage());
        Files.writeString(w, MlpFormat.toText(wrong));
        e = assertThrows(IllegalArgumentException.class, () -> policy(s, Map.of("model", w.toString())));
        assertTrue(e.getMessage().contains("'test' network"), e.getMessage());
    }

    /** The message of the policy-option error {@code create} gives for {@code options}. */
    private static String optionError(Scenario s, Map<String, String> options) {
        return assertThrows(PolicyOptionException.class, () -> policy(s, options)).getMessage();
    }

    @Test
    void aModelThatDoesNotFitIsAPolicyOptionErrorNamingTheFileAndTheFirstDifference() throws Exception {
        Scenario s = crowded();
        String tierText = MlpFormat.toText(DlTierPolicy.resource(DlTierPolicy.TIER_EXPERT_RESOURCE));
        String vmText = MlpFormat.toText(DlTierPolicy.resource(DlTierPolicy.VM_RESOURCE));
        String head = "features 25 length_gi upload_mb download_mb ";
        assertTrue(tierText.contains(head), tierText);
        Path typo = Files.writeString(tmp.resolve("typo.mlp"),
                tierText.replace(head, "features 25 lenght_gi upload_mb download_mb "));
        String e = optionError(s, Map.of("model", typo.toString()));
        assertTrue(e.contains(typo.toString()) && e.contains("feature 1 is 'lenght_gi', expected 'length_gi'"), e);
        Path swap = Files.writeString(tmp.resolve("swap.mlp"),
                tierText.replace(head, "features 25 length_gi download_mb upload_mb "));
        e = optionError(s, Map.of("model", swap.toString()));
        assertTrue(e.contains("feature 2 is 'download_mb', expected 'upload_mb'"), e);

        Path tierAsVm = Files.writeString(tmp.resolve("tier-as-vm.mlp"), tierText.replace("name tier-nn", "name vm-nn"));
        e = optionError(s, Map.of("model", tierAsVm.toString()));
        assertTrue(e.contains(tierAsVm.toString()) && e.contains("this looks like a tier-nn; check its 'name' line"),
                e);
        Path vmAsTier = Files.writeString(tmp.resolve("vm-as-tier.mlp"), vmText.replace("name vm-nn", "name tier-nn"));
        e = optionError(s, Map.of("model", vmAsTier.toString()));
        assertTrue(e.contains("this looks like a vm-nn; check its 'name' line"), e);

        Path permuted = Files.writeString(tmp.resolve("permuted.mlp"), tierText.replace(
                "classes 4 local-edge remote-edge cloud device", "classes 4 cloud remote-edge local-edge device"));
        e = optionError(s, Map.of("model", permuted.toString()));
        assertTrue(e.contains(permuted.toString()) && e.contains("local-edge remote-edge cloud device"), e);

        // the bundled models, and copies of them, still load
        Path tier = Files.writeString(tmp.resolve("tier.mlp"), tierText);
        Path vm = Files.writeString(tmp.resolve("vm.mlp"), vmText);
        policy(s, Map.of());
        policy(s, Map.of("model", tier + File.pathSeparator + vm));
    }

    @Test
    void twoModelsOfOneKindAnEmptyModelOptionOrADirectoryArePolicyOptionErrors() throws Exception {
        Scenario s = crowded();
        Path t1 = tmp.resolve("t1.mlp");
        Path t2 = tmp.resolve("t2.mlp");
        Path v1 = tmp.resolve("v1.mlp");
        Path v2 = tmp.resolve("v2.mlp");
        MlpFormat.save(DlTierPolicy.resource(DlTierPolicy.TIER_EXPERT_RESOURCE), t1);
        MlpFormat.save(DlTierPolicy.resource(DlTierPolicy.TIER_ORACLE_RESOURCE), t2);
        MlpFormat.save(DlTierPolicy.resource(DlTierPolicy.VM_RESOURCE), v1);
        MlpFormat.save(DlTierPolicy.resource(DlTierPolicy.VM_RESOURCE), v2);
        String e = optionError(s, Map.of("model", t1 + File.pathSeparator + v1 + File.pathSeparator + t2));
        assertTrue(e.contains("two tier-nn models given, " + t1 + " and " + t2), e);
        e = optionError(s, Map.of("model", v1 + File.pathSeparator + v2));
        assertTrue(e.contains("two vm-nn models given, " + v1 + " and " + v2), e);
        e = optionError(s, Map.of("model", ""));
        assertTrue(e.contains("policy option model: empty"), e);
        e = optionError(s, Map.of("model", tmp.toString()));
        assertTrue(e.contains(tmp + " is a directory, not a model file"), e);
        e = optionError(s, Map.of("batch_window_s", "Infinity"));
        assertTrue(e.contains("finite") && e.contains(">= 0"), e);
    }

    /**
     * The per-batch snapshot and caches (admitting VMs per site and application, tier aggregates, best remote
     * site, skipped pre-check) are an optimisation only: at every decision of whole runs (overloaded, with and
     * without device CPUs, with mobility, and with tasks so large that a batch's own claims fill VMs) an uncached
     * twin given the same state decides the same.
     */
    /**
     * The batch order is sensitivity (as {@link DlTierPolicy.Order} says), then deadline, then id: batches with few
     * and many sensitivity levels, equal deadlines, tasks out of creation order, both orders.
     */
    @Test
    void batchOrderIsSensitivityThenDeadlineThenId() {
        SplittableRandom r = new SplittableRandom(3);
        for (DlTierPolicy.Order o : DlTierPolicy.Order.values()) {
            DlTierPolicy p = new DlTierPolicy(DlTierPolicy.resource(DlTierPolicy.TIER_EXPERT_RESOURCE),
                    DlTierPolicy.resource(DlTierPolicy.VM_RESOURCE), 0.1, o);
            for (int round = 0; round < 300; round++) {
                int n = r.nextInt(1, 80);
                int levels = round % 3 == 0 ? 12 : 1 + r.nextInt(4);
                List<Task> tasks = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    double created = round % 2 == 0 ? i * 0.001 : r.nextInt(5) * 0.01;
                    tasks.add(new Task(1000 - i + r.nextInt(3) * 1000L, 0, i, created, 1, 1, 1,
                            r.nextInt(levels) / 10.0, r.nextBoolean() ? 0.5 : 1.0, 0));
                }
                java.util.Comparator<Task> byOrder = java.util.Comparator
                        .comparingDouble((Task t) -> o == DlTierPolicy.Order.SENSITIVE_FIRST
                                ? -t.delaySensitivity() : t.delaySensitivity())
                        .thenComparingDouble(Task::deadlineS).thenComparingLong(Task::id);
                List<Task> expected = tasks.stream().sorted(byOrder).toList();
                int[] order = p.batchOrder(tasks);
                List<Task> actual = new ArrayList<>();
                for (int i : order) {
                    actual.add(tasks.get(i));
                }
                assertEquals(expected, actual, o + ", round " + round);
            }
        }
    }

    @Test
    void batchCachesNeverChangeADecision() {
        List<Scenario> scenarios = List.of(
                crowded().withDevices(2000),
                TestScenarios.seed003(900, 3, "dl-tier"),
                TestScenarios.withoutLocalCpu(TestScenarios.seed003(900, 4, "dl-tier-oracle")),
                TestScenarios.seed003(600, 5, "dl-tier", Scenario.Scheduling.TIME_SHARED,
                        org.offload.scenario.NetworkSpec.Model.SHARED, true));
        for (Scenario s : scenarios) {
            long[] compared = {0};
            long[] deferred = {0};
            OffloadSimulation sim = OffloadSimulation.builder(s).decorate(p -> {
                DlTierPolicy twin = ((DlTierPolicy) p).withoutBatchCaches();
                return new org.offload.policy.ForwardingPolicy(p) {
                    @Override
                    public Decision decide(Task task, org.offload.policy.SystemView view) {
                        Decision expected = twin.decide(task, view);
                        Decision d = super.decide(task, view);
                        assertEquals(expected, d, "task " + task.id());
                        compared[0]++;
                        return d;
                    }

                    @Override
                    public List<Decision> decideBatch(List<Task> tasks, org.offload.policy.SystemView view) {
                        List<Decision> expected = twin.decideBatch(tasks, view);
                        List<Decision> d = super.decideBatch(tasks, view);
                        assertEquals(expected, d, "batch at " + view.now());
                        compared[0] += tasks.size();
                        deferred[0] += d.stream().filter(Decision::isDefer).count();
                        return d;
                    }
                };
            }).build();
            var r = sim.run();
            assertTrue(deferred[0] > 100, "the run should be overloaded: " + deferred[0] + " deferred");
            assertTrue(compared[0] > r.tasksGeneratedTotal(), "decisions compared: " + compared[0]);
        }
    }
}
