package org.offload.policy.learned;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

import org.offload.model.Decision;
import org.offload.model.Task;
import org.offload.policy.OffloadPolicy;
import org.offload.policy.PolicyContext;
import org.offload.policy.PolicyOptionException;
import org.offload.policy.PolicyRegistry;
import org.offload.policy.SystemView;
import org.offload.policy.TaskOutcome;
import org.offload.registry.Capability;
import org.offload.registry.PolicySpec;

/**
 * Seed 003's deep-learning policy (Lagnfdi, Myyara, Darif, Algorithm 1): tasks are collected for
 * {@link #batchWindowS()}; each batch is sorted by delay sensitivity and, task by task, a tier network
 * (TierSelectionNN, 64-32-16 ReLU, softmax over the {@link TierFeatures tier classes}) ranks the tiers; within the
 * best-ranked tier with room, a VM network (VMCompatibilityNN) scores the VMs that admit the task (claimed share,
 * C3, and memory, C4), and the task goes to the highest-scored one whose estimated service time meets the time
 * left to its deadline (C2). A task no tier can take is deferred to the simulator's overflow queue
 * ({@link Decision#DEFER}), which asks again, oldest first, when a VM releases capacity. Within a batch, the claims
 * of earlier decisions are tracked ({@link PendingClaims}, the paper's S_temp) because the simulator dispatches a
 * batch only after all of it is decided.
 *
 * <p>Two additions to Algorithm 1: a task that could not meet its deadline even alone on the fastest CPU of the
 * scenario ({@code length / fastest MIPS > time left}) is rejected, since C2 can never hold for it again and in the
 * overflow queue it would only block the tasks behind it until its deadline; and the networks run only when their
 * ranking can change the outcome (see {@link #place}), which gives the same decisions as ranking everything.
 *
 * <p>Order within a batch: the paper's Algorithm 1 says "sort by delay sensitivity (ascending)", while its text
 * says delay-sensitive tasks are prioritised. Here Ts is a sensitivity (Table I: AR/VR 0.9, Heavy 0.1), so the
 * default {@link Order#SENSITIVE_FIRST} serves the most sensitive first (descending Ts, i.e. ascending delay
 * tolerance 1 - Ts), ties by earlier deadline then task id; {@link Order#ASCENDING} is the literal reading.
 *
 * <p>The device tier (our {@code local}) is a fourth class of the tier network, used only when devices have a
 * CPU: the task runs there if the device admits it (share, memory) and the estimate meets the deadline. A task
 * whose device has no coverage and no CPU goes to an edge VM and fails with {@code no_coverage}.
 *
 * <p>Options (from {@link PolicyContext#options()}; the CLI's {@code run --model FILE --policy-option KEY=VALUE}):
 * {@code model} = model files separated by the path separator (each file's {@code name} says whether it is the
 * {@code tier-nn} or the {@code vm-nn}; either may be left at its default), {@code batch_window_s} (default
 * {@value #DEFAULT_BATCH_WINDOW_S}), {@code order} ({@code sensitive-first} or {@code ascending}). The ablation
 * options replace a part of Algorithm 1 so that its contribution can be measured ({@link Variant}): {@code tier}
 * ({@link TierRanking#parse}: {@code net}, a constant ranking or a rule), {@code vm} ({@link VmChoice#parse}:
 * {@code net}, {@code estimate} or {@code constant}), {@code overflow} ({@code queue}, or {@code reject}: no
 * overflow queue) and {@code deadline} ({@code check}, or {@code ignore}: C2 is not checked, only admission).
 */
public final class DlTierPolicy implements OffloadPolicy {
    /** Default batch window (s): tasks generated within it are decided together. */
    public static final double DEFAULT_BATCH_WINDOW_S = 0.1;
    /** Classpath resource of the tier network trained on the paper's expert labels. */
    public static final String TIER_EXPERT_RESOURCE = "org/offload/policy/learned/tier-nn-expert.mlp";
    /** Classpath resource of the tier network trained on oracle labels. */
    public static final String TIER_ORACLE_RESOURCE = "org/offload/policy/learned/tier-nn-oracle.mlp";
    /**
     * Classpath resource of the outcome network of {@code dl-tier-outcome} (ours, beyond the paper), trained on
     * realised costs that count the failures a server placement crowds out ({@link OutcomeFeatures}).
     */
    public static final String OUTCOME_RESOURCE = "org/offload/policy/learned/outcome-nn.mlp";
    /** The outcome network trained on the task's own realised cost only (the label ablation). */
    public static final String OUTCOME_OWN_RESOURCE = "org/offload/policy/learned/outcome-nn-own.mlp";
    /** Classpath resource of the VM compatibility network. */
    public static final String VM_RESOURCE = "org/offload/policy/learned/vm-nn.mlp";
    public static final String TIER_NN = "tier-nn";
    public static final String VM_NN = "vm-nn";
    /** Name of an outcome network ({@link OutcomeFeatures}), which ranks the tiers of {@code dl-tier-outcome}. */
    public static final String OUTCOME_NN = "outcome-nn";

    /** The options the dl-tier policies take (see the class comment). */
    public static final Map<String, String> OPTIONS = PolicySpec.options(
            "model", "tier-nn and/or vm-nn model files, separated by the path separator (default: the bundled ones)",
            "batch_window_s", "seconds over which tasks are decided together (default " + DEFAULT_BATCH_WINDOW_S + ")",
            "order", "order of a batch: sensitive-first (default) or ascending (Algorithm 1 read literally)",
            "tier", "ablation: what ranks the tiers: net (default), constant:<class>-first, rule:expert, rule:fastest, "
                    + "random",
            "vm", "ablation: what picks the VM of a tier: net (default), estimate (lowest estimate), constant (first)",
            "overflow", "ablation: queue (default: defer to the overflow queue) or reject (what no tier takes now)",
            "deadline", "ablation: check (default: C2, the estimate must meet the deadline) or ignore (C3/C4 only)");

    /**
     * Which parts of Algorithm 1 run as designed: the tier ranking and VM choice ({@code net} for the networks,
     * else an ablation's constant or rule, see {@link TierRanking#parse} and {@link VmChoice#parse}), whether a task
     * no tier can take waits in the overflow queue ({@code false}: it is rejected), and whether C2 (the estimate
     * meets the deadline) is checked ({@code false}: admission, C3 and C4, only).
     */
    public record Variant(String tier, String vm, boolean overflowQueue, boolean checkDeadline) {
        /** Algorithm 1 as designed: both networks, the overflow queue, C2 checked. */
        public static final Variant AS_DESIGNED = new Variant("net", "net", true, true);

        /** This variant with the {@code tier}, {@code vm}, {@code overflow} and {@code deadline} options applied. */
        public Variant with(Map<String, String> options) {
            return new Variant(options.getOrDefault("tier", tier), options.getOrDefault("vm", vm),
                    choice(options, "overflow", "queue", "reject", overflowQueue),
                    choice(options, "deadline", "check", "ignore", checkDeadline));
        }

        private static boolean choice(Map<String, String> options, String key, String yes, String no, boolean dflt) {
            String v = options.get(key);
            if (v == null) {
                return dflt;
            }
            String t = v.strip().toLowerCase(Locale.ROOT);
            if (t.equals(yes) || t.equals(no)) {
                return t.equals(yes);
            }
            throw new PolicyOptionException("policy option " + key + ": expected " + yes + " or " + no + ", got '" + v
                    + "'");
        }
    }

    /** seed 003's policy with the tier network trained on the paper's expert labels. */
    public static final PolicySpec<PolicyContext, OffloadPolicy> SPEC = PolicyRegistry.spec("dl-tier",
            "seed 003 Algorithm 1: tier net (64-32-16, expert labels), VM net, batches, overflow",
            c -> create(c, TIER_EXPERT_RESOURCE)).withOptions(OPTIONS)
            .with(Capability.TAKES_MODEL_FILE, Capability.BATCHES, Capability.LEARNED);

    /** The same policy with the tier network trained on oracle labels. */
    public static final PolicySpec<PolicyContext, OffloadPolicy> ORACLE_SPEC = PolicyRegistry.spec("dl-tier-oracle",
            "as dl-tier, tier net trained on oracle labels (lowest estimated service time)",
            c -> create(c, TIER_ORACLE_RESOURCE)).withOptions(OPTIONS)
            .with(Capability.TAKES_MODEL_FILE, Capability.BATCHES, Capability.LEARNED);

    /** (ours, beyond the paper) The same policy with the tiers ranked by the outcome network. */
    public static final PolicySpec<PolicyContext, OffloadPolicy> OUTCOME_SPEC = PolicyRegistry.spec(
            "dl-tier-outcome", "(ours, beyond the paper) as dl-tier, tiers ranked by an outcome network trained on "
                    + "realised costs that count the failures a server placement crowds out",
            c -> create(c, OUTCOME_RESOURCE)).withOptions(OPTIONS)
            .with(Capability.TAKES_MODEL_FILE, Capability.BATCHES, Capability.LEARNED);

    /** Order of the tasks of a batch. */
    public enum Order { SENSITIVE_FIRST, ASCENDING }

    private final Mlp tierModel;
    private final Mlp vmModel;
    private final Variant variant;
    private final TierRanking tierRanking;
    private final VmChoice vmChoice;
    /** Whether a batch is decided from a snapshot of the state with per-batch caches (false only in tests). */
    private boolean batchCaches = true;
    private final double batchWindowS;
    private final Order sortOrder;
    private final BatchOrder batchOrder;
    private double fastestMips;
    private final TierFeatures features = new TierFeatures();
    private final PendingClaims pending = new PendingClaims();
    private final int[] tierRank = new int[TierFeatures.TIERS];
    /** Tasks of the batch being decided (1 for a single decision or an overflow-queue retry). */
    private int batchSize = 1;
    /** Ids of this policy's tasks in the overflow queue; kept only when a ranking or an observer reads it. */
    private Set<Long> waiting;
    private TierChoiceObserver observer;

    /** Algorithm 1 as designed with these networks ({@link Variant#AS_DESIGNED}). */
    public DlTierPolicy(Mlp tierNet, Mlp vmNet, double batchWindowS, Order order) {
        this(tierNet, vmNet, batchWindowS, order, Variant.AS_DESIGNED, null);
    }

    /**
     * Algorithm 1 with the parts {@code variant} names replaced; an invalid ablation is a
     * {@link PolicyOptionException}. {@code random} is the policy's own stream (only {@code tier=random} draws from it;
     * it may be null otherwise).
     */
    public DlTierPolicy(Mlp tierNet, Mlp vmNet, double batchWindowS, Order order, Variant variant,
                        SplittableRandom random) {
        String problem = ModelFiles.mismatch(tierNet, tierNet.name().equals(OUTCOME_NN) ? OUTCOME_NN : TIER_NN);
        if (problem != null) {
            throw new IllegalArgumentException("tier network '" + tierNet.name() + "': " + problem);
        }
        problem = ModelFiles.mismatch(vmNet, VM_NN);
        if (problem != null) {
            throw new IllegalArgumentException("VM network '" + vmNet.name() + "': " + problem);
        }
        if (!(batchWindowS >= 0)) {
            throw new IllegalArgumentException("batch window must be >= 0, got " + batchWindowS);
        }
        this.tierModel = tierNet;
        this.vmModel = vmNet;
        this.variant = variant;
        this.tierRanking = TierRanking.parse(variant.tier(), tierNet, random);
        this.waiting = tierRanking.usesPolicyLoad() ? new HashSet<>() : null;
        this.vmChoice = VmChoice.parse(variant.vm(), vmNet);
        this.features.checkDeadline(variant.checkDeadline());
        this.batchWindowS = batchWindowS;
        this.sortOrder = order;
        this.batchOrder = new BatchOrder(order);
    }

    /**
     * Builds the policy from a context: the default tier network {@code defaultTierResource} and the default VM
     * network unless the {@code model} option names replacements, and the {@code batch_window_s} and
     * {@code order} options. A model file that is not a usable {@code tier-nn} or {@code vm-nn}, two files of the
     * same kind, or an empty {@code model} option is a {@link PolicyOptionException}.
     */
    public static DlTierPolicy create(PolicyContext context, String defaultTierResource) {
        String models = context.options().get("model");
        ModelFiles.Given given = models == null ? new ModelFiles.Given(null, null) : ModelFiles.read(models);
        Mlp tier = given.tier() != null ? given.tier() : resource(defaultTierResource);
        Mlp vm = given.vm() != null ? given.vm() : resource(VM_RESOURCE);
        double window = context.number("batch_window_s", DEFAULT_BATCH_WINDOW_S);
        if (!(window >= 0) || Double.isInfinite(window)) {
            throw new PolicyOptionException("policy option batch_window_s: expected a finite number of seconds >= 0,"
                    + " got '"
                    + context.options().get("batch_window_s") + "'");
        }
        Order o = Order.SENSITIVE_FIRST;
        String os = context.options().get("order");
        if (os != null) {
            try {
                o = Order.valueOf(os.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
            } catch (IllegalArgumentException e) {
                throw new PolicyOptionException("policy option order: expected sensitive-first or ascending, got '"
                        + os + "'");
            }
        }
        return new DlTierPolicy(tier, vm, window, o, Variant.AS_DESIGNED.with(context.options()), context.random());
    }

    /**
     * The same policy reading every value from the view for every task, without the per-batch snapshot and
     * caches: the reference the cached path must agree with (tests).
     */
    DlTierPolicy withoutBatchCaches() {
        DlTierPolicy p = new DlTierPolicy(tierModel, vmModel, batchWindowS, sortOrder, variant, null);
        p.batchCaches = false;
        return p;
    }

    /** A bundled model: the shipped ones are parsed once per JVM (models are immutable), any other on each call. */
    public static Mlp resource(String name) {
        return ModelFiles.resource(name);
    }

    @Override
    public double batchWindowS() {
        return batchWindowS;
    }

    @Override
    public Decision decide(Task task, SystemView view) {
        vmChoice.newState();
        pending.clear();
        batchSize = 1;
        return tracked(task, place(task, view));
    }

    @Override
    public List<Decision> decideBatch(List<Task> tasks, SystemView view) {
        int n = tasks.size();
        int[] order = batchOrder.of(tasks);
        Decision[] out = new Decision[n];
        vmChoice.newState();
        pending.ensure(view);
        pending.clear();
        features.stateFrozen(batchCaches); // the simulator does not move while a batch is decided
        batchSize = n;
        try {
            for (int r = 0; r < n; r++) {
                int i = order[r];
                out[i] = tracked(tasks.get(i), place(tasks.get(i), view));
            }
        } finally {
            features.stateFrozen(false);
        }
        pending.clear();
        return Arrays.asList(out);
    }

    @Override
    public void onTaskEnded(TaskOutcome outcome) {
        if (waiting != null) {
            waiting.remove(outcome.task().id());
        }
    }

    /**
     * Reports every ranked tier choice (two or more classes meet C2-C4) to {@code o} from now on: how
     * {@code offload dataset --kind outcome} records decisions and, when they end, their realised cost.
     */
    public void observeTierChoices(TierChoiceObserver o) {
        observer = o;
        if (waiting == null) {
            waiting = new HashSet<>();
        }
    }

    /** Receives the ranked tier choices of a policy ({@link #observeTierChoices}). */
    @FunctionalInterface
    public interface TierChoiceObserver {
        /**
         * Class {@code chosen} was taken for {@code task}, whose features {@code f} holds until the next decision;
         * the policy had {@code overflowWaiting} tasks in the overflow queue and was deciding a batch of
         * {@code batchSize}.
         */
        void chosen(Task task, TierFeatures f, int chosen, int overflowWaiting, int batchSize);
    }

    /** Keeps the set of this policy's tasks in the overflow queue, when a ranking or an observer needs it. */
    private Decision tracked(Task task, Decision d) {
        if (waiting != null) {
            if (d.isDefer()) {
                waiting.add(task.id());
            } else {
                waiting.remove(task.id());
            }
        }
        return d;
    }

    /** The batch order of {@code tasks} as positions in the list (tests). */
    int[] batchOrder(List<Task> tasks) {
        return Arrays.copyOf(batchOrder.of(tasks), tasks.size());
    }

    /**
     * Algorithm 1, lines 5-30, for one task; records the claim in {@link #pending}. The networks run only when their
     * ranking can change the outcome: the task goes to the highest-ranked tier that has a place meeting C2-C4, and
     * there to the highest-scored such VM, so with no such place anywhere the task is deferred without inference,
     * with one such tier the tier network is skipped, and with one such VM the VM network is skipped. The result
     * is the same as ranking everything.
     */
    private Decision place(Task task, SystemView view) {
        if (task.lengthMi() / fastestMips(view) > task.deadlineS() - view.now()) {
            // Even alone on the fastest CPU it would miss its deadline: C2 can never hold again.
            return Decision.REJECT;
        }
        // Within a batch the features' cached admission scans answer the same question.
        if (!features.isStateFrozen() && !anyPlaceAdmits(task, view)) {
            // C3/C4 fail everywhere (pending claims only lower capacity further): nothing to rank.
            return noPlace();
        }
        TierFeatures f = features;
        f.observe(task, view, pending);
        int tiersMeeting = 0;
        int onlyTier = -1;
        boolean exists = false;
        for (int k = 0; k < TierFeatures.TIERS; k++) {
            exists |= f.available(k);
            if (f.meetsAtLeast(k, 1)) {
                tiersMeeting++;
                onlyTier = k;
            }
        }
        if (!exists) {
            // No coverage and no CPU of its own: nothing can ever run it; the simulator fails it (no_coverage).
            return Decision.edge(view.firstEdgeVm(0));
        }
        if (tiersMeeting == 0) {
            return noPlace();
        }
        int k = onlyTier;
        if (tiersMeeting > 1) {
            if (tierRanking.usesPolicyLoad()) {
                tierRanking.policyLoad(waiting.size(), batchSize);
            }
            tierRanking.rank(f, tierRank);
            for (int r = 0; r < TierFeatures.TIERS; r++) {
                if (f.meetsAtLeast(tierRank[r], 1)) {
                    k = tierRank[r];
                    break;
                }
            }
            if (observer != null) {
                observer.chosen(task, f, k, waiting.size(), batchSize);
            }
        }
        if (k == TierFeatures.DEVICE) {
            pending.ensure(view);
            pending.claimDevice(task.device(), view.application(task).vmUtilizationLocal(), task.lengthMi());
            return Decision.LOCAL;
        }
        int best;
        if (f.meetsAtLeast(k, 2)) {
            best = vmChoice.choose(f, k);
        } else {
            best = -1;
            for (int i = 0; best < 0; i++) {
                if (f.admittingEstimateS(k, i) <= f.deadlineLimitS()) {
                    best = f.admittingVm(k, i);
                }
            }
        }
        pending.ensure(view);
        vmChoice.claimed(best);
        pending.claimVm(best, k == TierFeatures.CLOUD ? -1 : view.vmSite(best),
                k == TierFeatures.CLOUD ? view.application(task).vmUtilizationCloud()
                : view.application(task).vmUtilizationEdge(), task.memoryMb(), task.lengthMi());
        return f.decision(best);
    }

    /** A task no tier can take now: deferred to the overflow queue, or rejected without it (ablation). */
    private Decision noPlace() {
        return variant.overflowQueue() ? Decision.DEFER : Decision.REJECT;
    }

    /**
     * Cheap pre-check before feature extraction, for overflow-queue retries: false only when no VM and
     * not the device's own CPU would admit the task now, in which case {@link #place} would defer it anyway.
     * Devices out of coverage without a CPU keep the full path so they fail with {@code no_coverage}.
     */
    private static boolean anyPlaceAdmits(Task task, SystemView view) {
        int device = task.device();
        if (view.deviceCanCompute(device)
                && view.localUtilization(device) + view.application(task).vmUtilizationLocal() <= 100 + 1e-9) {
            return true;
        }
        if (view.deviceSite(device) < 0) {
            return !view.deviceCanCompute(device);
        }
        for (int v = 0; v < view.vmCount(); v++) {
            if (view.vmAdmits(v, task)) {
                return true;
            }
        }
        return false;
    }

    /** Highest per-core speed of any place a task could run (edge VM, cloud VM, device CPU), cached. */
    private double fastestMips(SystemView view) {
        if (fastestMips == 0) {
            double m = view.vmCount() > 0 ? view.vmMips(0) : 0;
            for (int v = 1; v < view.vmCount(); v++) {
                m = Math.max(m, view.vmMips(v));
            }
            if (view.scenario().devices().canComputeLocally()) {
                m = Math.max(m, view.scenario().devices().cpu().mips());
            }
            fastestMips = m;
        }
        return fastestMips;
    }
}
