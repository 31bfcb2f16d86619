package org.offload.policy.learned;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.offload.model.Decision;
import org.offload.model.Task;
import org.offload.policy.OffloadPolicy;
import org.offload.policy.PolicyContext;
import org.offload.policy.PolicyOptionException;
import org.offload.policy.PolicyRegistry;
import org.offload.policy.SystemView;
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
 * {@value #DEFAULT_BATCH_WINDOW_S}), {@code order} ({@code sensitive-first} or {@code ascending}).
 */
public final class DlTierPolicy implements OffloadPolicy {
    /** Default batch window (s): tasks generated within it are decided together. */
    public static final double DEFAULT_BATCH_WINDOW_S = 0.1;
    /** Classpath resource of the tier network trained on the paper's expert labels. */
    public static final String TIER_EXPERT_RESOURCE = "org/offload/policy/learned/tier-nn-expert.mlp";
    /** Classpath resource of the tier network trained on oracle labels. */
    public static final String TIER_ORACLE_RESOURCE = "org/offload/policy/learned/tier-nn-oracle.mlp";
    /** Classpath resource of the VM compatibility network. */
    public static final String VM_RESOURCE = "org/offload/policy/learned/vm-nn.mlp";
    public static final String TIER_NN = "tier-nn";
    public static final String VM_NN = "vm-nn";

    /** The options the dl-tier policies take (see the class comment). */
    public static final Map<String, String> OPTIONS = PolicySpec.options(
            "model", "tier-nn and/or vm-nn model files, separated by the path separator (default: the bundled ones)",
            "batch_window_s", "seconds over which tasks are decided together (default " + DEFAULT_BATCH_WINDOW_S + ")",
            "order", "order of a batch: sensitive-first (default) or ascending (Algorithm 1 read literally)");

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

    /** Order of the tasks of a batch. */
    public enum Order { SENSITIVE_FIRST, ASCENDING }

    private final Mlp tierModel;
    private final Mlp vmModel;
    private final Mlp.Runner tierNet;
    private final Mlp.Runner vmNet;
    /** Whether a batch is decided from a snapshot of the state with per-batch caches (false only in tests). */
    private boolean batchCaches = true;
    private final double batchWindowS;
    private final Order sortOrder;
    private int[] order = new int[64];
    private int[] scratch = new int[64];
    /** Sort keys of the batch's tasks by position: delay sensitivity, deadline, id. */
    private double[] keySensitivity = new double[64];
    private double[] keyDeadline = new double[64];
    private long[] keyId = new long[64];
    private double fastestMips;
    /** Changes whenever the state the cached VM parts were computed from may have changed. */
    private long stateStamp = 1;
    private long[] vmPartStamp = new long[0];
    private float[][] vmParts = new float[0][];
    private final TierFeatures features = new TierFeatures();
    private final PendingClaims pending = new PendingClaims();
    private final int[] tierRank = new int[TierFeatures.TIERS];

    public DlTierPolicy(Mlp tierNet, Mlp vmNet, double batchWindowS, Order order) {
        String problem = mismatch(tierNet, TIER_NN);
        if (problem != null) {
            throw new IllegalArgumentException("tier network '" + tierNet.name() + "': " + problem);
        }
        problem = mismatch(vmNet, VM_NN);
        if (problem != null) {
            throw new IllegalArgumentException("VM network '" + vmNet.name() + "': " + problem);
        }
        if (!(batchWindowS >= 0)) {
            throw new IllegalArgumentException("batch window must be >= 0, got " + batchWindowS);
        }
        this.tierModel = tierNet;
        this.vmModel = vmNet;
        this.tierNet = tierNet.runner();
        this.vmNet = vmNet.runner();
        this.batchWindowS = batchWindowS;
        this.sortOrder = order;
    }

    /**
     * Builds the policy from a context: the default tier network {@code defaultTierResource} and the default VM
     * network unless the {@code model} option names replacements, and the {@code batch_window_s} and
     * {@code order} options. A model file that is not a usable {@code tier-nn} or {@code vm-nn}, two files of the
     * same kind, or an empty {@code model} option is a {@link PolicyOptionException}.
     */
    public static DlTierPolicy create(PolicyContext context, String defaultTierResource) {
        Mlp tier = null;
        Mlp vm = null;
        String tierFile = null;
        String vmFile = null;
        String models = context.options().get("model");
        if (models != null && models.isBlank()) {
            throw new PolicyOptionException("policy option model: empty; give a tier-nn and/or a vm-nn model file,"
                    + " or leave the option out for the bundled models");
        }
        if (models != null) {
            for (String f : models.split(File.pathSeparator)) {
                if (f.isBlank()) {
                    continue;
                }
                Path file = Path.of(f);
                if (Files.isDirectory(file)) {
                    throw new PolicyOptionException("policy option model: " + f + " is a directory, not a model file");
                }
                if (!Files.exists(file)) {
                    throw new PolicyOptionException("policy option model: no such file: " + f);
                }
                Mlp m;
                try {
                    m = Mlp.load(file);
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot read model file " + f, e);
                } catch (IllegalArgumentException e) {
                    throw new PolicyOptionException("policy option model: " + e.getMessage(), e);
                }
                boolean isTier = m.name().equals(TIER_NN);
                if (!isTier && !m.name().equals(VM_NN)) {
                    throw new PolicyOptionException("policy option model: " + f + " is a '" + m.name()
                            + "' network; the dl-tier policies take a '" + TIER_NN + "' and/or a '" + VM_NN + "'");
                }
                String problem = mismatch(m, m.name());
                if (problem != null) {
                    throw new PolicyOptionException("policy option model: " + f + " (a " + m.name() + "): " + problem);
                }
                String earlier = isTier ? tierFile : vmFile;
                if (earlier != null) {
                    throw new PolicyOptionException("policy option model: two " + m.name() + " models given, "
                            + earlier + " and " + f + "; give one " + TIER_NN + " and/or one " + VM_NN);
                }
                if (isTier) {
                    tier = m;
                    tierFile = f;
                } else {
                    vm = m;
                    vmFile = f;
                }
            }
        }
        if (tier == null) {
            tier = resource(defaultTierResource);
        }
        if (vm == null) {
            vm = resource(VM_RESOURCE);
        }
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
        return new DlTierPolicy(tier, vm, window, o);
    }

    /**
     * The same policy reading every value from the view for every task, without the per-batch snapshot and
     * caches: the reference the cached path must agree with (tests).
     */
    DlTierPolicy withoutBatchCaches() {
        DlTierPolicy p = new DlTierPolicy(tierModel, vmModel, batchWindowS, sortOrder);
        p.batchCaches = false;
        return p;
    }

    /** A bundled model: the three above are parsed once per JVM (models are immutable), any other on each call. */
    public static Mlp resource(String name) {
        return switch (name) {
            case TIER_EXPERT_RESOURCE -> Bundled.TIER_EXPERT;
            case TIER_ORACLE_RESOURCE -> Bundled.TIER_ORACLE;
            case VM_RESOURCE -> Bundled.VM;
            default -> Mlp.loadResource(name);
        };
    }

    /** The bundled models, read when first used (class initialisation). */
    private static final class Bundled {
        static final Mlp TIER_EXPERT = Mlp.loadResource(TIER_EXPERT_RESOURCE);
        static final Mlp TIER_ORACLE = Mlp.loadResource(TIER_ORACLE_RESOURCE);
        static final Mlp VM = Mlp.loadResource(VM_RESOURCE);
    }

    /**
     * Why {@code m} cannot serve as the dl-tier network {@code kind} ({@link #TIER_NN} or {@link #VM_NN}), or null
     * if it can: its features must be exactly the ones this version computes, in order; a tier network needs
     * {@link TierFeatures#TIERS} outputs and, if it names its classes, exactly {@link TierFeatures#TIER_NAMES} in
     * that order; a VM network needs one output.
     */
    static String mismatch(Mlp m, String kind) {
        boolean tier = kind.equals(TIER_NN);
        List<String> expected = tier ? TierFeatures.NAMES : TierFeatures.VM_NAMES;
        List<String> found = m.features();
        if (!found.equals(expected)) {
            String other = tier ? VM_NN : TIER_NN;
            if (found.equals(tier ? TierFeatures.VM_NAMES : TierFeatures.NAMES)) {
                return "its features are exactly a " + other + "'s; this looks like a " + other
                        + "; check its 'name' line";
            }
            int i = 0;
            while (i < found.size() && i < expected.size() && found.get(i).equals(expected.get(i))) {
                i++;
            }
            String which = i < found.size() && i < expected.size()
                    ? "feature " + (i + 1) + " is '" + found.get(i) + "', expected '" + expected.get(i) + "'"
                    : i < expected.size() ? "feature " + (i + 1) + " '" + expected.get(i) + "' is missing"
                    : "feature " + (i + 1) + " '" + found.get(i) + "' is extra";
            return which + " (the file has " + found.size() + " features; a " + kind + " takes these "
                    + expected.size() + ", in order: " + String.join(" ", expected) + ")";
        }
        int outputs = tier ? TierFeatures.TIERS : 1;
        if (m.outputs() != outputs) {
            return "it has " + m.outputs() + " outputs; a " + kind + " has " + outputs
                    + (tier ? " (" + String.join(" ", TierFeatures.TIER_NAMES) + ")" : " (its score)");
        }
        if (tier && !m.classes().isEmpty() && !m.classes().equals(TierFeatures.TIER_NAMES)) {
            return "its classes are '" + String.join(" ", m.classes()) + "'; a " + kind + "'s outputs are, in order, '"
                    + String.join(" ", TierFeatures.TIER_NAMES) + "'";
        }
        return null;
    }

    @Override
    public double batchWindowS() {
        return batchWindowS;
    }

    @Override
    public Decision decide(Task task, SystemView view) {
        stateStamp++;
        pending.clear();
        return place(task, view);
    }

    @Override
    public List<Decision> decideBatch(List<Task> tasks, SystemView view) {
        int n = tasks.size();
        orderBatch(tasks);
        Decision[] out = new Decision[n];
        stateStamp++;
        pending.ensure(view);
        pending.clear();
        features.stateFrozen(batchCaches); // the simulator does not move while a batch is decided
        try {
            for (int r = 0; r < n; r++) {
                int i = order[r];
                out[i] = place(tasks.get(i), view);
            }
        } finally {
            features.stateFrozen(false);
        }
        pending.clear();
        return Arrays.asList(out);
    }

    /** The batch order of {@code tasks} as positions in the list (tests). */
    int[] batchOrder(List<Task> tasks) {
        orderBatch(tasks);
        return Arrays.copyOf(order, tasks.size());
    }

    /** Fills {@code order[0, n)} with the positions of {@code tasks} in the order they are decided. */
    private void orderBatch(List<Task> tasks) {
        int n = tasks.size();
        if (order.length < n) {
            order = new int[Math.max(n, 2 * order.length)];
            scratch = new int[order.length];
            keySensitivity = new double[order.length];
            keyDeadline = new double[order.length];
            keyId = new long[order.length];
        }
        for (int i = 0; i < n; i++) {
            order[i] = i;
            Task t = tasks.get(i);
            keySensitivity[i] = t.delaySensitivity();
            keyDeadline[i] = t.deadlineS();
            keyId[i] = t.id();
        }
        sort(0, n);
    }

    /** Merge sort of {@code order[from, to)} by {@link #before} (stable, no boxing). */
    private void sort(int from, int to) {
        if (to - from < 2) {
            return;
        }
        if (to - from <= 16) {
            for (int i = from + 1; i < to; i++) {
                int v = order[i];
                int j = i;
                while (j > from && before(v, order[j - 1])) {
                    order[j] = order[j - 1];
                    j--;
                }
                order[j] = v;
            }
            return;
        }
        int mid = (from + to) >>> 1;
        sort(from, mid);
        sort(mid, to);
        int i = from;
        int j = mid;
        int k = from;
        while (i < mid && j < to) {
            scratch[k++] = before(order[j], order[i]) ? order[j++] : order[i++];
        }
        while (i < mid) {
            scratch[k++] = order[i++];
        }
        while (j < to) {
            scratch[k++] = order[j++];
        }
        System.arraycopy(scratch, from, order, from, to - from);
    }

    /**
     * Batch order of the tasks at positions {@code a} and {@code b}: by delay sensitivity ({@link Order}), then
     * earlier deadline, then lower id.
     */
    private boolean before(int a, int b) {
        double sa = keySensitivity[a];
        double sb = keySensitivity[b];
        if (sa != sb) {
            return (sortOrder == Order.SENSITIVE_FIRST) == (sa > sb);
        }
        if (keyDeadline[a] != keyDeadline[b]) {
            return keyDeadline[a] < keyDeadline[b];
        }
        return keyId[a] < keyId[b];
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
            return Decision.DEFER;
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
            return Decision.DEFER;
        }
        int k = onlyTier;
        if (tiersMeeting > 1) {
            rankTiers(tierNet.scores(f.features()));
            for (int r = 0; r < TierFeatures.TIERS; r++) {
                if (f.meetsAtLeast(tierRank[r], 1)) {
                    k = tierRank[r];
                    break;
                }
            }
        }
        if (k == TierFeatures.DEVICE) {
            pending.ensure(view);
            pending.claimDevice(task.device(), view.application(task).vmUtilizationLocal(), task.lengthMi());
            return Decision.LOCAL;
        }
        double timeLeft = f.timeLeftS();
        int m = f.admittingCount(k);
        int best = -1;
        int firstMeeting = -1;
        float bestScore = Float.NEGATIVE_INFINITY;
        boolean score = f.meetsAtLeast(k, 2);
        for (int i = 0; i < m; i++) {
            if (f.admittingEstimateS(k, i) > timeLeft) {
                continue;
            }
            int v = f.admittingVm(k, i);
            if (!score) {
                best = v;
                break;
            }
            if (firstMeeting < 0) {
                firstMeeting = v;
                // the task and route features are the same for every VM of the tier: fold them in once
                vmNet.prepare(f.vmFeatures(k, v), TierFeatures.VM_SHARED);
            }
            float s = vmNet.runPreparedWith(vmPart(f, k, v))[0];
            if (s > bestScore) {
                bestScore = s;
                best = v;
            }
        }
        if (best < 0) {
            best = firstMeeting; // only if every score was NaN
        }
        pending.ensure(view);
        if (best < vmPartStamp.length) {
            vmPartStamp[best] = 0;
        }
        pending.claimVm(best, k == TierFeatures.CLOUD ? -1 : view.vmSite(best),
                k == TierFeatures.CLOUD ? view.application(task).vmUtilizationCloud()
                : view.application(task).vmUtilizationEdge(), task.memoryMb(), task.lengthMi());
        return f.decision(best);
    }

    /**
     * The VM network's first-layer sum over the VM's own features, cached while the system state it was computed
     * from holds: within one batch (the simulator does not move while it is decided) until a task of the batch is
     * sent to that VM.
     */
    private float[] vmPart(TierFeatures f, int k, int vm) {
        if (vmPartStamp.length <= vm) {
            vmPartStamp = Arrays.copyOf(vmPartStamp, Math.max(vm + 1, 2 * vmPartStamp.length));
            float[][] grown = new float[vmPartStamp.length][];
            System.arraycopy(vmParts, 0, grown, 0, vmParts.length);
            vmParts = grown;
        }
        if (vmPartStamp[vm] != stateStamp || vmParts[vm] == null) {
            if (vmParts[vm] == null) {
                vmParts[vm] = new float[vmNet.firstWidth()];
            }
            float[] vx = f.vmFeatures(k, vm);
            vmNet.firstLayerPart(vx, TierFeatures.VM_SHARED, vx.length, vmParts[vm]);
            vmPartStamp[vm] = stateStamp;
        }
        return vmParts[vm];
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

    /** Tier classes by descending score, i.e. probability (ties: lower class first). */
    private void rankTiers(float[] p) {
        for (int k = 0; k < TierFeatures.TIERS; k++) {
            int j = k;
            while (j > 0 && p[tierRank[j - 1]] < p[k]) {
                tierRank[j] = tierRank[j - 1];
                j--;
            }
            tierRank[j] = k;
        }
    }
}
