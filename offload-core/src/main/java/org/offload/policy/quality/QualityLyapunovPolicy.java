package org.offload.policy.quality;

import java.util.Map;

import org.offload.model.Decision;
import org.offload.model.Task;
import org.offload.model.Tier;
import org.offload.policy.Estimates;
import org.offload.policy.OffloadPolicy;
import org.offload.policy.PolicyContext;
import org.offload.policy.PolicyOptionException;
import org.offload.policy.PolicyRegistry;
import org.offload.policy.SystemView;
import org.offload.registry.PolicySpec;
import org.offload.scenario.ApplicationSpec;
import org.offload.scenario.PowerSpec;

/**
 * {@code quality-lyapunov}: chooses, per task, the target (device, edge or cloud VM), the model variant and the
 * input resolution together ({@link org.offload.scenario.QualitySpec}'s operating points) by Lyapunov
 * drift-plus-penalty (issue 20, theme 2; the substitute model for Fan et al. 2023, recovered-paper-specs.md §3,
 * made event-driven: one task is one slot).
 *
 * <p>For every option x = (target j, operating point k), with the point's work w, upload u_k (the task's upload
 * times the level's pixel share) and accuracy a_k:
 * <ul>
 *   <li>T_x: predicted service time: the route's transfers of u_k and the result, plus execution of w with j's
 *       current tasks (processor sharing gives the task its CPU share);</li>
 *   <li>E_x: device energy: compute for local execution, radio for the transfers otherwise;</li>
 *   <li>the penalty c_x = T_x / D + {@code energy_weight}·E_x (D the deadline);</li>
 *   <li>the backlog drift b_x = B_j·s_x / D², B_j the delay j's current tasks add and s_x = w / MIPS_j.</li>
 * </ul>
 * Options with T_x above {@code deadline_margin}·D are infeasible; among the rest the policy takes
 * {@link DriftPlusPenalty#choose} with the application's virtual accuracy queue Z, which enforces a long-term mean
 * accuracy of at least the application's requirement; with none feasible, the fastest option. With
 * {@code constraint=per_task} the requirement is also a hard constraint per task (Fan et al.'s letter: feasible
 * points satisfy a_k ≥ a_req): only feasible options that meet it are considered while there is one. Applications without
 * quality levels use their model variants the same way, with requirement 0 (Z stays 0), and without a model their
 * one "variant".
 *
 * <p>Options: {@code v} (V, default {@value #DEFAULT_V}), {@code energy_weight} (per J, default
 * {@value #DEFAULT_ENERGY_WEIGHT}), {@code deadline_margin} (default {@value #DEFAULT_MARGIN}), {@code constraint}
 * ({@code mean}, the default: the requirement holds on average through Z; {@code per_task}: also per task).
 */
public final class QualityLyapunovPolicy implements OffloadPolicy {
    public static final double DEFAULT_V = 1;
    public static final double DEFAULT_ENERGY_WEIGHT = 1;
    public static final double DEFAULT_MARGIN = 0.9;

    /** Name, description, options and factory, registered by {@code BuiltInPolicies}. */
    public static final PolicySpec<PolicyContext, OffloadPolicy> SPEC = PolicyRegistry.spec("quality-lyapunov",
            "target, model variant and input resolution by drift-plus-penalty: latency and energy vs an accuracy "
                    + "requirement (option v)", QualityLyapunovPolicy::new)
            .withOptions(PolicySpec.options(
                    "v", "weight of the penalty (latency / deadline + energy_weight x device J) against the accuracy "
                            + "queue, >= 0 (default " + DEFAULT_V + ")",
                    "energy_weight", "weight of device energy in the penalty, per J, >= 0 (default "
                            + DEFAULT_ENERGY_WEIGHT + ")",
                    "deadline_margin", "options predicted beyond this share of the deadline are infeasible, > 0 "
                            + "(default " + DEFAULT_MARGIN + ")",
                    "constraint", "mean (default: the accuracy requirement holds on average, through the virtual "
                            + "queue) or per_task (also a hard constraint per task while a feasible option meets it)"));

    private final double v;
    private final double energyWeight;
    private final double margin;
    private final boolean perTask;
    private double[] accuracyQueue = new double[0];
    private double[] cost = new double[16];
    private double[] accuracy = new double[16];
    private double[] backlog = new double[16];
    private int[] target = new int[16];
    private int[] point = new int[16];

    public QualityLyapunovPolicy(PolicyContext context) {
        this(context.options());
    }

    public QualityLyapunovPolicy(Map<String, String> options) {
        this(PolicyContext.number(options, "v", DEFAULT_V),
                PolicyContext.number(options, "energy_weight", DEFAULT_ENERGY_WEIGHT),
                PolicyContext.number(options, "deadline_margin", DEFAULT_MARGIN), perTask(options), true);
    }

    private static boolean perTask(Map<String, String> options) {
        String c = options.getOrDefault("constraint", "mean");
        if (!c.equals("mean") && !c.equals("per_task")) {
            throw new PolicyOptionException("quality-lyapunov: option constraint must be mean or per_task, got '" + c
                    + "'");
        }
        return c.equals("per_task");
    }

    private QualityLyapunovPolicy(double v, double energyWeight, double margin, boolean perTask,
                                  boolean fromOptions) {
        if (!(v >= 0) || !(energyWeight >= 0) || !(margin > 0) || Double.isInfinite(v)) {
            String m = "quality-lyapunov: need v >= 0, energy_weight >= 0, deadline_margin > 0; got v=" + v
                    + ", energy_weight=" + energyWeight + ", deadline_margin=" + margin;
            throw fromOptions ? new PolicyOptionException(m) : new IllegalArgumentException(m);
        }
        this.v = v;
        this.energyWeight = energyWeight;
        this.margin = margin;
        this.perTask = perTask;
    }

    /** The policy with {@code constraint=mean}. */
    public QualityLyapunovPolicy(double v, double energyWeight, double deadlineMargin) {
        this(v, energyWeight, deadlineMargin, false, false);
    }

    public QualityLyapunovPolicy(double v, double energyWeight, double deadlineMargin, boolean perTask) {
        this(v, energyWeight, deadlineMargin, perTask, false);
    }

    /** The virtual accuracy queue Z of application {@code app} (0 before its first task). */
    public double accuracyQueue(int app) {
        return app < accuracyQueue.length ? accuracyQueue[app] : 0;
    }

    @Override
    public Decision decide(Task task, SystemView view) {
        ApplicationSpec app = view.application(task);
        if (accuracyQueue.length <= task.app()) {
            accuracyQueue = java.util.Arrays.copyOf(accuracyQueue, view.scenario().applications().size());
        }
        boolean model = app.hasModel();
        int points = model ? app.model().variants().size() : 1;
        double required = app.hasQuality() ? app.model().quality().accuracyRequired() : 0;
        boolean local = view.deviceCanCompute(task.device());
        int site = view.deviceSite(task.device());
        int vms = site >= 0 ? view.vmCount() : 0;
        double d = task.maxDelayS();
        PowerSpec power = view.scenario().devices().power();
        int n = 0;
        int fastestJ = Integer.MIN_VALUE;
        int fastestK = -1;
        double fastestT = Double.POSITIVE_INFINITY;
        for (int k = 0; k < points; k++) {
            int variant = model ? k : -1;
            double a = model ? app.model().variant(k).accuracy() : 0;
            double up = app.uploadKb(task, variant);
            for (int j = local ? -1 : 0; j < vms; j++) {
                if (j >= 0 && !view.vmAdmits(j, task)) {
                    continue;
                }
                Tier tier = j < 0 ? Tier.LOCAL : view.vmTier(j);
                double w = app.workMi(task, tier, variant);
                double mips = j < 0 ? view.scenario().devices().cpu().mips() : view.vmMips(j);
                double exec = j < 0 ? view.estimateLocalExecutionS(task.device(), w) : view.estimateExecutionS(j, w);
                double t = j < 0 ? exec : Estimates.transfersS(view, j, site, up, task.downloadKb()) + exec;
                if (!Double.isFinite(t)) {
                    continue;
                }
                double e = j < 0 ? power.computeJ(w, mips)
                        : power.transmitJ(view.estimateWlanDelayS(site, up))
                        + power.receiveJ(view.estimateWlanDelayS(site, task.downloadKb()));
                if (t < fastestT) {
                    fastestT = t;
                    fastestJ = j;
                    fastestK = variant;
                }
                if (t > margin * d) {
                    continue;
                }
                grow(n + 1);
                double solo = w / mips;
                cost[n] = t / d + energyWeight * e;
                accuracy[n] = a;
                backlog[n] = Math.max(0, exec - solo) * solo / (d * d);
                target[n] = j;
                point[n] = variant;
                n++;
            }
        }
        if (perTask) {
            n = keepMeeting(n, required);
        }
        int jBest;
        int kBest;
        if (n > 0) {
            int x = DriftPlusPenalty.choose(v, accuracyQueue[task.app()], required, cost, accuracy, backlog, n);
            jBest = target[x];
            kBest = point[x];
        } else if (fastestJ != Integer.MIN_VALUE) {
            jBest = fastestJ;
            kBest = fastestK;
        } else {
            return Decision.REJECT;
        }
        if (model) {
            double a = app.model().variant(kBest).accuracy();
            accuracyQueue[task.app()] = DriftPlusPenalty.nextQueue(accuracyQueue[task.app()], required, a);
        }
        Decision dec = jBest < 0 ? Decision.LOCAL
                : view.vmTier(jBest) == Tier.CLOUD ? Decision.cloud(jBest) : Decision.edge(jBest);
        return dec.withVariant(kBest);
    }

    /** Keeps the first {@code n} options that meet {@code required}, when there is one; returns their number. */
    private int keepMeeting(int n, double required) {
        int m = 0;
        for (int x = 0; x < n; x++) {
            if (accuracy[x] >= required) {
                cost[m] = cost[x];
                accuracy[m] = accuracy[x];
                backlog[m] = backlog[x];
                target[m] = target[x];
                point[m] = point[x];
                m++;
            }
        }
        return m > 0 ? m : n;
    }

    private void grow(int size) {
        if (size > cost.length) {
            int m = Math.max(size, cost.length * 2);
            cost = java.util.Arrays.copyOf(cost, m);
            accuracy = java.util.Arrays.copyOf(accuracy, m);
            backlog = java.util.Arrays.copyOf(backlog, m);
            target = java.util.Arrays.copyOf(target, m);
            point = java.util.Arrays.copyOf(point, m);
        }
    }
}
