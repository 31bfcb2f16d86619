package org.offload.policy.fuzzy;

import org.offload.model.Decision;
import org.offload.model.Task;
import org.offload.policy.OffloadPolicy;
import org.offload.policy.PolicyContext;
import org.offload.policy.PolicyRegistry;
import org.offload.policy.SystemView;
import org.offload.policy.Vms;
import org.offload.registry.PolicySpec;

/**
 * <b>[SUBSTITUTE]</b> Stand-in for seed 003's "Fuzzy Logic approach" [12] (Almutairi and Aldossary, JoCC
 * 10:28, 2021: multi-criteria fuzzy offloading on VM utilisation, task length, network demand and delay
 * sensitivity, aware of resource heterogeneity). That paper's membership functions, rules and defuzzifier were
 * not recovered, so this is <em>not</em> the paper's model: it is the Sonmez-style two-stage system proposed in
 * recovered-paper-specs.md 2.4, with rule tables derived here.
 *
 * <p><b>Stage 1, local vs other edge</b> ({@link FuzzyRuleBases#MCDA_STAGE1}, 27 rules). Inputs: utilisation of
 * the device's site, utilisation of the least-utilised other site (ties: lower index), and the other site's
 * capacity relative to the local one ({@link FuzzyRuleBases#CAPACITY_RATIO}: ratio of their total VM MIPS,
 * slower / equal / faster). With level(L, M, H) = 0, 1, 2 and capacity(slower, equal, faster) = -1, 0, +1 the
 * table is: <em>other iff level(local util) - level(other util) + capacity &gt; 0</em>. So at equal capacity a
 * task moves only to a strictly less loaded class (moving costs a MAN hop and gains nothing between equal
 * loads), to a faster site already at equal load, and to a slower one only from high to low load. With
 * homogeneous sites (the seed-003 scenarios) capacity is always "equal" and utilisation alone decides.
 *
 * <p><b>Stage 2, edge vs cloud</b> ({@link FuzzyRuleBases#MCDA_STAGE2}, 81 rules). Inputs: the chosen site's
 * utilisation, CPU demand = task length (MI, the 2.1 task_size terms), network demand = upload + download KB
 * (terms from spec 2.4) and delay sensitivity (2.1 terms). The table is the additive score
 * <em>cloud iff 2 level(util) + level(cpu) - level(network) - level(delay) &gt; 0</em>: a long task favours the
 * faster cloud VMs, much data (WAN transfer plus 0.1 s propagation) and delay sensitivity favour the edge, and
 * utilisation weighs double because a loaded candidate slows all its tasks and risks {@code vm_capacity}
 * failures rather than only this task's cost. A tie (score 0) stays on the edge.
 *
 * <p>Both stages: MIN/MIN/MAX, the 2.1 output terms tri(0, 30, 60) / tri(40, 70, 100), leftmost maximum,
 * switch iff the output exceeds 50 (as Sonmez). VM choice as {@link SonmezFuzzyPolicy}: the least-utilised VM of
 * the chosen site or of the cloud that admits the task, else the least-utilised one (it then fails with
 * {@code vm_capacity}). Deterministic.
 */
public final class FuzzyMcdaPolicy implements OffloadPolicy {
    /** Name, description and factory, registered by {@code BuiltInPolicies}. */
    public static final PolicySpec<PolicyContext, OffloadPolicy> SPEC = PolicyRegistry.spec("fuzzy-mcda",
            "SUBSTITUTE for the multi-criteria fuzzy approach: Sonmez-style two-stage FIS",
            c -> new FuzzyMcdaPolicy());

    private final FuzzySystem.Evaluator stage1 = FuzzyRuleBases.MCDA_STAGE1.evaluator();
    private final FuzzySystem.Evaluator stage2 = FuzzyRuleBases.MCDA_STAGE2.evaluator();
    /** Total MIPS (cores x MIPS over its VMs) per site, filled at the first decision. */
    private double[] siteCapacity;

    @Override
    public Decision decide(Task task, SystemView view) {
        int local = view.deviceSite(task.device());
        if (local < 0) {
            return Decision.edge(Vms.leastUtilisedAtDeviceSite(view, task)); // fails with no_coverage
        }
        if (siteCapacity == null) {
            siteCapacity = capacities(view);
        }
        double localUtil = view.siteUtilization(local);
        int other = -1;
        double otherUtil = Double.POSITIVE_INFINITY;
        for (int s = 0; s < view.siteCount(); s++) {
            if (s != local) {
                double u = view.siteUtilization(s);
                if (u < otherUtil) {
                    other = s;
                    otherUtil = u;
                }
            }
        }
        int site = local;
        double util = localUtil;
        if (other >= 0
                && stage1.evaluate(localUtil, otherUtil, siteCapacity[other] / siteCapacity[local]) > 50) {
            site = other;
            util = otherUtil;
        }
        if (view.cloudVmCount() > 0 && stage2.evaluate(util, task.lengthMi(), task.uploadKb() + task.downloadKb(),
                task.delaySensitivity()) > 50) {
            return Decision.cloud(Vms.leastUtilisedCloud(view, task));
        }
        return Decision.edge(Vms.leastUtilised(view, task, view.firstEdgeVm(site), view.edgeVmsPerSite()));
    }

    private static double[] capacities(SystemView view) {
        double[] c = new double[view.siteCount()];
        for (int s = 0; s < c.length; s++) {
            for (int v = view.firstEdgeVm(s); v < view.firstEdgeVm(s) + view.edgeVmsPerSite(); v++) {
                c[s] += view.vmCores(v) * view.vmMips(v);
            }
        }
        return c;
    }
}
