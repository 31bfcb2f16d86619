package org.offload.policy.profile;

import java.util.Map;
import org.offload.model.Decision;
import org.offload.model.Task;
import org.offload.model.Tier;
import org.offload.policy.OffloadPolicy;
import org.offload.policy.PolicyContext;
import org.offload.policy.PolicyRegistry;
import org.offload.policy.SystemView;
import org.offload.registry.PolicySpec;

/**
 * {@code accuracy-aware}: chooses the tier, the VM and the model variant of each task to maximise accuracy subject
 * to its deadline, by Lyapunov drift-plus-penalty. This follows the documented substitute for Fan et al. 2023
 * (recovered-paper-specs.md section 3; the paper's own accuracy model was not recovered), made event-driven: a
 * "slot" is one task's decision.
 *
 * <p>For every option x = (device or VM j, variant v), with the task's work w_x on j's tier from the profile demand
 * table:
 * <ul>
 *   <li>T_x: predicted service time (transfers of the route + execution with j's current tasks);</li>
 *   <li>s_x = w_x / MIPS_j: its execution time alone (s); B_j = (predicted execution - s_x): j's backlog, the
 *       delay its current tasks add (s) - the queue of the Lyapunov function;</li>
 *   <li>E_x: device energy (compute for local, radio otherwise); a_v: the variant's top-1 accuracy.</li>
 * </ul>
 * Options with T_x > {@code deadline_margin} x max_delay are infeasible. Among the feasible ones the policy takes
 * <pre>  argmin  B_j * s_x / D^2  +  Q_E * E_x / E_budget^2  -  (V + Z) * a_v</pre>
 * i.e. the drift of the backlog queues (adding s_x of work to a queue of B_j), plus the drift of a virtual energy
 * queue Q_E(t+1) = max(Q_E + E_x - E_budget, 0) that enforces a long-term mean device energy per task of at most
 * {@code energy_budget_j}, minus V times the penalty's negative (accuracy), with a virtual accuracy queue
 * Z(t+1) = max(Z + a_min - a_v, 0) that enforces a long-term mean accuracy of at least {@code a_min}. The queue
 * terms are normalised by the task's deadline D and the energy budget, so V is dimensionless. A large V
 * buys accuracy with queueing (and, under load, deadline misses and energy); V = 0 keeps queues shortest and uses
 * accuracy only to break ties, which it does on idle VMs. When no option is feasible, the one with the lowest T_x
 * is taken (best effort). Applications without a model have one "variant" of accuracy 0.
 *
 * <p>Options ({@code --policy-option KEY=VALUE}): {@code v} (V, dimensionless, default
 * {@value #DEFAULT_V}), {@code deadline_margin} (default {@value #DEFAULT_MARGIN}), {@code energy_budget_j}
 * (default 0 = no energy constraint), {@code a_min} (default 0 = no accuracy floor).
 */
public final class AccuracyAwarePolicy implements OffloadPolicy {
    /** The options this policy takes (see the class comment), in the order to list them. */
    public static final Map<String, String> OPTIONS = orderedOptions();

    /** Name, description, options and factory, registered by {@code BuiltInPolicies}. */
    public static final PolicySpec<PolicyContext, OffloadPolicy> SPEC = PolicyRegistry.spec("accuracy-aware",
            "tier, VM and model variant by Lyapunov drift-plus-penalty: accuracy vs backlog under deadlines (option v)",
            AccuracyAwarePolicy::new).withOptions(OPTIONS);

    public static final double DEFAULT_V = 0.3;
    public static final double DEFAULT_MARGIN = 0.8;

    private final double v;
    private final double margin;
    private final double energyBudgetJ;
    private final double aMin;
    private double energyQueue;
    private double accuracyQueue;

    public AccuracyAwarePolicy(PolicyContext context) {
        this(context.options());
    }

    public AccuracyAwarePolicy(Map<String, String> options) {
        this(checked(options));
    }

    private AccuracyAwarePolicy(double[] p) {
        this(p[0], p[1], p[2], p[3]);
    }

    private static Map<String, String> orderedOptions() {
        return PolicySpec.options(
                "v", "weight of accuracy against backlog, >= 0 (default " + DEFAULT_V + ")",
                "deadline_margin", "options predicted beyond this share of the deadline are infeasible, > 0 (default "
                        + DEFAULT_MARGIN + ")",
                "energy_budget_j", "long-term mean device energy per task, J (default 0: none)",
                "a_min", "long-term mean accuracy floor, 0-1 (default 0: none)");
    }

    /** The option values, range-checked as policy-option errors. */
    private static double[] checked(Map<String, String> options) {
        double[] p = {PolicyContext.number(options, "v", DEFAULT_V),
                PolicyContext.number(options, "deadline_margin", DEFAULT_MARGIN),
                PolicyContext.number(options, "energy_budget_j", 0), PolicyContext.number(options, "a_min", 0)};
        try {
            valid(p[0], p[1], p[2], p[3]);
        } catch (IllegalArgumentException e) {
            throw new org.offload.policy.PolicyOptionException(e.getMessage(), e);
        }
        return p;
    }

    private static void valid(double v, double deadlineMargin, double energyBudgetJ, double aMin) {
        if (!(v >= 0) || !(deadlineMargin > 0) || !(energyBudgetJ >= 0) || !(aMin >= 0 && aMin <= 1)) {
            throw new IllegalArgumentException("accuracy-aware: need v >= 0, deadline_margin > 0, energy_budget_j >= 0,"
                    + " 0 <= a_min <= 1; got v=" + v + ", deadline_margin=" + deadlineMargin + ", energy_budget_j="
                    + energyBudgetJ + ", a_min=" + aMin);
        }
    }

    public AccuracyAwarePolicy(double v, double deadlineMargin, double energyBudgetJ, double aMin) {
        valid(v, deadlineMargin, energyBudgetJ, aMin);
        this.v = v;
        this.margin = deadlineMargin;
        this.energyBudgetJ = energyBudgetJ;
        this.aMin = aMin;
    }

    public double v() {
        return v;
    }

    /** Current virtual energy queue Q_E (J). */
    public double energyQueue() {
        return energyQueue;
    }

    /** Current virtual accuracy queue Z. */
    public double accuracyQueue() {
        return accuracyQueue;
    }

    @Override
    public Decision decide(Task task, SystemView view) {
        int variants = Math.max(1, ModelEstimates.variants(view, task));
        boolean model = ModelEstimates.variants(view, task) > 0;
        double limit = margin * task.maxDelayS();
        double bestJ = Double.POSITIVE_INFINITY;
        int bestVm = Integer.MIN_VALUE;
        int bestVariant = -1;
        double bestE = 0;
        double bestA = 0;
        double bestT = Double.POSITIVE_INFINITY;
        double fallbackT = Double.POSITIVE_INFINITY;
        int fallbackVm = Integer.MIN_VALUE;
        int fallbackVariant = -1;
        double fallbackE = 0;
        double fallbackA = 0;
        boolean local = view.deviceCanCompute(task.device());
        boolean covered = view.deviceSite(task.device()) >= 0;
        for (int k = 0; k < variants; k++) {
            int variant = model ? k : -1;
            double a = ModelEstimates.accuracy(view, task, variant);
            for (int j = local ? -1 : 0; j < (covered ? view.vmCount() : 0); j++) {
                if (j >= 0 && !view.vmAdmits(j, task)) {
                    continue;
                }
                Tier tier = j < 0 ? Tier.LOCAL : view.vmTier(j);
                double w = ModelEstimates.workMi(view, task, tier, variant);
                double t = ModelEstimates.serviceTimeS(view, task, j, w);
                if (!Double.isFinite(t)) {
                    continue;
                }
                double e = ModelEstimates.deviceEnergyJ(view, task, j, w);
                if (t < fallbackT) {
                    fallbackT = t;
                    fallbackVm = j;
                    fallbackVariant = variant;
                    fallbackE = e;
                    fallbackA = a;
                }
                if (t > limit) {
                    continue;
                }
                double solo = ModelEstimates.soloExecutionS(view, task, j, w);
                double exec = j < 0 ? view.estimateLocalExecutionS(task.device(), w) : view.estimateExecutionS(j, w);
                double backlog = Math.max(0, exec - solo);
                double objective = backlog * solo / (task.maxDelayS() * task.maxDelayS())
                        + (energyBudgetJ > 0 ? energyQueue * e / (energyBudgetJ * energyBudgetJ) : 0)
                        - (v + accuracyQueue) * a;
                // Ties (for example V = 0 on idle VMs) go to the more accurate, then the faster option.
                if (objective < bestJ - 1e-12 || (objective <= bestJ + 1e-12
                        && (a > bestA || (a == bestA && t < bestT)))) {
                    bestJ = objective;
                    bestVm = j;
                    bestVariant = variant;
                    bestE = e;
                    bestA = a;
                    bestT = t;
                }
            }
        }
        if (bestVm == Integer.MIN_VALUE) {
            if (fallbackVm == Integer.MIN_VALUE) {
                return Decision.REJECT;
            }
            bestVm = fallbackVm;
            bestVariant = fallbackVariant;
            bestE = fallbackE;
            bestA = fallbackA;
        }
        if (energyBudgetJ > 0) {
            energyQueue = Math.max(energyQueue + bestE - energyBudgetJ, 0);
        }
        if (aMin > 0 && model) {
            accuracyQueue = Math.max(accuracyQueue + aMin - bestA, 0);
        }
        Decision d = bestVm == -1 ? Decision.LOCAL
                : view.vmTier(bestVm) == Tier.CLOUD ? Decision.cloud(bestVm) : Decision.edge(bestVm);
        return d.withVariant(bestVariant);
    }
}
