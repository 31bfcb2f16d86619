package org.offload.service;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.offload.model.Decision;
import org.offload.model.Task;
import org.offload.model.Tier;

/**
 * Applies the placement {@link Constraints} to a policy's decision, whatever the policy: a choice that satisfies
 * them is kept; one that violates them (or names no valid node, or a VM the device cannot reach) is replaced by the
 * feasible option (local or a VM) with, first, admission (the node has room for the task) and then the lowest
 * estimated service time; when no option is feasible the answer is infeasible, with a reason. Rejections and
 * deferrals place nothing and are kept.
 */
final class ConstraintFilter {
    /**
     * @param decision   the decision to answer with (null when infeasible)
     * @param violation  why the policy's own choice was replaced, or null when it was kept
     * @param infeasible why no option is feasible, or null
     */
    record Result(Decision decision, String violation, String infeasible) {
    }

    private ConstraintFilter() {
    }

    static Result apply(Constraints c, ServiceState view, Task task, String dataClass, Decision choice) {
        Constraints.DataClass dc = dataClass == null ? null : c.dataClasses().get(dataClass);
        List<NodeSelector> allowed = c.allowedNodes().isEmpty() ? null
                : c.allowedNodes().get(view.scenario().applications().get(task.app()).name());
        String invalid = invalid(view, task, choice);
        if (invalid == null && dc == null && allowed == null) {
            return new Result(choice, null, null);
        }
        if (invalid == null) {
            if (choice == null || choice.isReject() || choice.isDefer()) {
                return new Result(choice, null, null);
            }
            String v = violation(view, task, dc, allowed, option(choice));
            if (v == null) {
                return new Result(choice, null, null);
            }
            invalid = v;
        }
        // Replace: the best feasible option.
        int best = Integer.MIN_VALUE;
        boolean bestAdmits = false;
        double bestT = Double.POSITIVE_INFINITY;
        Map<String, Integer> why = new LinkedHashMap<>();
        int first = view.deviceCanCompute(task.device()) ? -1 : 0;
        for (int o = first; o < view.vmCount(); o++) {
            String v = structural(view, task, o);
            if (v == null) {
                v = violation(view, task, dc, allowed, o);
            }
            if (v != null) {
                why.merge(category(v), 1, Integer::sum);
                continue;
            }
            boolean admits = o < 0 ? view.localAdmits(task) : view.vmAdmits(o, task);
            double t = view.estimateServiceTimeS(task, o);
            if (best == Integer.MIN_VALUE || (admits && !bestAdmits) || (admits == bestAdmits && t < bestT)) {
                best = o;
                bestAdmits = admits;
                bestT = t;
            }
        }
        if (!view.deviceCanCompute(task.device())) {
            why.merge("device has no CPU for local execution", 1, Integer::sum);
        }
        if (best == Integer.MIN_VALUE) {
            StringBuilder sb = new StringBuilder("no node satisfies the constraints: ");
            int i = 0;
            for (Map.Entry<String, Integer> e : why.entrySet()) {
                if (i++ > 0) {
                    sb.append("; ");
                }
                sb.append(e.getKey()).append(" (").append(e.getValue()).append(e.getValue() == 1 ? " node)" : " nodes)");
            }
            return new Result(null, invalid, sb.toString());
        }
        return new Result(decisionFor(view, best), invalid, null);
    }

    /** A decision placing the task on option {@code o} (local when negative). */
    static Decision decisionFor(ServiceState view, int o) {
        if (o < 0) {
            return Decision.LOCAL;
        }
        return view.vmTier(o) == Tier.CLOUD ? Decision.cloud(o) : Decision.edge(o);
    }

    /** The option a placing decision names: -1 for local, else the VM. */
    static int option(Decision d) {
        return d.tier() == Tier.LOCAL ? -1 : d.vm();
    }

    /**
     * Why a decision is not a valid answer at all (bad VM index or tier, or a VM the device cannot reach because it
     * is out of coverage), or null.
     */
    static String invalid(ServiceState view, Task task, Decision d) {
        if (d == null || d.isReject() || d.isDefer() || d.tier() == Tier.LOCAL) {
            return null;
        }
        if (d.vm() >= view.vmCount() || view.vmTier(d.vm()) != d.tier()) {
            return "the policy returned " + d.tier().key() + " VM " + d.vm() + ", which is not a "
                    + d.tier().key() + " VM (VMs 0.." + (view.vmCount() - 1) + ")";
        }
        if (view.deviceSite(task.device()) < 0) {
            return "the policy returned " + d.tier().key() + " VM " + d.vm() + ", which the device cannot reach: "
                    + "it is out of coverage";
        }
        return null;
    }

    private static String structural(ServiceState view, Task task, int o) {
        if (o < 0) {
            return view.deviceCanCompute(task.device()) ? null : "device has no CPU for local execution";
        }
        return view.deviceSite(task.device()) < 0 ? "device is out of coverage" : null;
    }

    /** Which constraint option {@code o} violates, or null. */
    static String violation(ServiceState view, Task task, Constraints.DataClass dc, List<NodeSelector> allowed, int o) {
        Tier tier = o < 0 ? Tier.LOCAL : view.vmTier(o);
        if (dc != null && !dc.keepOn().contains(tier)) {
            return "data class '" + dc.name() + "' must stay on " + dc.keepOnText() + " | " + node(view, o) + " is "
                    + (tier == Tier.LOCAL ? "the device" : tier.key());
        }
        if (allowed != null) {
            boolean ok = false;
            for (NodeSelector s : allowed) {
                if (s.matches(o, view)) {
                    ok = true;
                    break;
                }
            }
            if (!ok) {
                return "application '" + view.scenario().applications().get(task.app()).name() + "' may only use "
                        + allowed + " | " + node(view, o) + " is not one of them";
            }
        }
        if (dc != null && dc.hasSlo()) {
            double t = view.estimateServiceTimeS(task, o);
            if (!(t <= dc.maxLatencyS())) {
                return "data class '" + dc.name() + "' latency SLO " + fmt(dc.maxLatencyS()) + " s | " + node(view, o)
                        + " is estimated at " + fmt(t) + " s";
            }
        }
        return null;
    }

    /** The part of a violation before " | ": the constraint, without the node. */
    private static String category(String violation) {
        int bar = violation.indexOf(" | ");
        return bar < 0 ? violation : violation.substring(0, bar);
    }

    /** Human form of a violation: "constraint: detail". */
    static String readable(String violation) {
        return violation == null ? null : violation.replace(" | ", ": ");
    }

    static String node(ServiceState view, int o) {
        return o < 0 ? "local" : "vm:" + o;
    }

    static String fmt(double d) {
        return Num.fixed(d, 3);
    }
}
