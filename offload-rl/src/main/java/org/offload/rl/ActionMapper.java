package org.offload.rl;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.offload.model.Decision;
import org.offload.model.Task;
import org.offload.model.Tier;
import org.offload.policy.SystemView;
import org.offload.policy.Vms;
import org.offload.policy.learned.TierFeatures;

/**
 * Turns an action of an {@link ActionSpace} into a {@link Decision} for the task last observed, and says which
 * actions are feasible (the mask). One instance per environment; the mask is a buffer it owns.
 */
final class ActionMapper {
    private final ActionSpace space;
    private final int vms;
    private final int count;
    private final boolean[] mask;
    /** TIER: the VM each server tier class would use (-1: none admits). */
    private final int[] tierVm = new int[3];
    private final int[] tierFirst = new int[3];
    private final int[] tierCount = new int[3];
    private Task task;

    ActionMapper(ActionSpace space, int vms) {
        this.space = space;
        this.vms = vms;
        this.count = space == ActionSpace.TIER ? TierFeatures.TIERS + 1 : vms + 2;
        this.mask = new boolean[count];
    }

    int count() {
        return count;
    }

    int reject() {
        return count - 1;
    }

    /** Action names, in action order. */
    List<String> names() {
        List<String> out = new ArrayList<>(count);
        if (space == ActionSpace.TIER) {
            out.addAll(TierFeatures.TIER_NAMES);
        } else {
            out.add("device");
            for (int v = 0; v < vms; v++) {
                out.add("vm" + v);
            }
        }
        out.add("reject");
        return out;
    }

    /** Reads which actions are feasible for {@code t} ({@code f} has observed it). */
    void observe(Task t, SystemView view, TierFeatures f) {
        this.task = t;
        Arrays.fill(mask, false);
        if (space == ActionSpace.TIER) {
            for (int k = 0; k < 3; k++) {
                tierFirst[k] = f.firstVm(k);
                tierCount[k] = f.vmCount(k);
                tierVm[k] = f.available(k) ? Vms.leastUtilisedAdmitting(view, t, f.firstVm(k), f.vmCount(k)) : -1;
                mask[k] = tierVm[k] >= 0;
            }
            mask[TierFeatures.DEVICE] = f.available(TierFeatures.DEVICE) && f.feasible(TierFeatures.DEVICE);
        } else {
            mask[0] = f.available(TierFeatures.DEVICE) && f.feasible(TierFeatures.DEVICE);
            if (view.deviceSite(t.device()) >= 0) {
                for (int v = 0; v < vms; v++) {
                    mask[1 + v] = view.vmAdmits(v, t);
                }
            }
        }
        mask[count - 1] = true;
    }

    boolean[] mask() {
        return mask;
    }

    /** The decision action {@code a} (feasible) stands for. */
    Decision decision(int a, SystemView view) {
        if (a == count - 1) {
            return Decision.REJECT;
        }
        if (space == ActionSpace.TIER) {
            if (a == TierFeatures.DEVICE) {
                return Decision.LOCAL;
            }
            // unenforced mask: a tier with no room gets its least-utilised VM (the task fails there, as under a
            // policy that chose it); a tier that does not exist for this device, a rejection
            return tierVm[a] >= 0 ? place(view, tierVm[a]) : tierCount[a] == 0 ? Decision.REJECT
                    : place(view, Vms.leastUtilised(view, task, tierFirst[a], tierCount[a]));
        }
        return a == 0 ? Decision.LOCAL : place(view, a - 1);
    }

    private static Decision place(SystemView view, int vm) {
        return view.vmTier(vm) == Tier.CLOUD ? Decision.cloud(vm) : Decision.edge(vm);
    }

    /** The simulator's service-time estimate of action {@code a} (infinite for reject). */
    double estimateS(int a, SystemView view) {
        if (a == count - 1) {
            return Double.POSITIVE_INFINITY;
        }
        Decision d = decision(a, view);
        return view.estimateServiceTimeS(task, d.isLocal() ? -1 : d.vm());
    }

    /** The action a decision stands for, or -1 if this space cannot express it (a VM no tier class would pick). */
    int action(Decision d) {
        if (d == null || d.isReject()) {
            return count - 1;
        }
        if (d.isLocal()) {
            return space == ActionSpace.TIER ? TierFeatures.DEVICE : 0;
        }
        if (!d.isPlacement()) {
            return -1;
        }
        if (space == ActionSpace.TIER_VM) {
            return 1 + d.vm();
        }
        for (int k = 0; k < 3; k++) {
            if (tierVm[k] == d.vm()) {
                return k;
            }
        }
        return -1;
    }
}
