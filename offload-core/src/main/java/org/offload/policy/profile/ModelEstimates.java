package org.offload.policy.profile;

import org.offload.model.Task;
import org.offload.model.Tier;
import org.offload.policy.Estimates;
import org.offload.policy.SystemView;
import org.offload.scenario.ApplicationSpec;
import org.offload.scenario.ModelSpec;
import org.offload.scenario.PowerSpec;

/**
 * Per-option estimates the profile policies share: a task's work for a model variant on a tier (from the
 * application's demand table, as the simulator will execute it), its expected service time on a VM (transfers of
 * its route plus execution given the VM's current load) and the device energy it would cost.
 */
public final class ModelEstimates {
    private ModelEstimates() {
    }

    /** Number of variants the policy may choose for the task's application: 0 when it names no model. */
    public static int variants(SystemView view, Task task) {
        ApplicationSpec app = view.application(task);
        return app.hasModel() ? app.model().variants().size() : 0;
    }

    /**
     * Work (MI) of the task on {@code tier} with variant {@code variant} (-1 = default), as the simulator executes
     * it: {@link ApplicationSpec#workMi}.
     */
    public static double workMi(SystemView view, Task task, Tier tier, int variant) {
        return view.application(task).workMi(task, tier, variant);
    }

    /** Top-1 accuracy of a variant (0 for an application without a model). */
    public static double accuracy(SystemView view, Task task, int variant) {
        ApplicationSpec app = view.application(task);
        return app.hasModel() ? app.model().variant(app.model().variantIndex(variant)).accuracy() : 0;
    }

    /**
     * Expected service time (s) of the task on {@code vm} ({@code < 0}: on the device) executing {@code workMi}
     * ({@link Estimates#serviceTimeS}).
     */
    public static double serviceTimeS(SystemView view, Task task, int vm, double workMi) {
        return Estimates.serviceTimeS(view, task, vm, workMi);
    }

    /** Time (s) {@code workMi} would take on the VM (or device) alone: the service time without queueing. */
    public static double soloExecutionS(SystemView view, Task task, int vm, double workMi) {
        double mips = vm < 0 ? view.scenario().devices().cpu().mips() : view.vmMips(vm);
        return workMi / mips;
    }

    /**
     * Device energy (J) of the option, as the simulator attributes it: {@code compute_w} times the execution time
     * alone for local execution; {@code transmit_w} and {@code receive_w} times the expected WLAN upload and
     * download times otherwise.
     */
    public static double deviceEnergyJ(SystemView view, Task task, int vm, double workMi) {
        PowerSpec p = view.scenario().devices().power();
        if (vm < 0) {
            return p.computeJ(workMi, view.scenario().devices().cpu().mips());
        }
        int site = Math.max(0, view.deviceSite(task.device()));
        return p.transmitJ(view.estimateWlanDelayS(site, task.uploadKb()))
                + p.receiveJ(view.estimateWlanDelayS(site, task.downloadKb()));
    }

    /** Variant index for an option value: {@code largest}/{@code default}, {@code smallest}, a name or an index. */
    public static int parseVariant(ModelSpec model, String value) {
        if (value == null || value.equals("largest") || value.equals("default")) {
            return -1;
        }
        if (value.equals("smallest")) {
            int best = 0;
            for (int i = 1; i < model.variants().size(); i++) {
                if (model.variant(i).accuracy() < model.variant(best).accuracy()) {
                    best = i;
                }
            }
            return best;
        }
        for (int i = 0; i < model.variants().size(); i++) {
            if (model.variant(i).name().equals(value)) {
                return i;
            }
        }
        try {
            int i = Integer.parseInt(value);
            if (i >= 0 && i < model.variants().size()) {
                return i;
            }
        } catch (NumberFormatException e) {
            // fall through
        }
        throw new org.offload.policy.PolicyOptionException("policy option variant: unknown model variant '" + value
                + "' of model " + model.family() + "; use largest, smallest, an index (0-" + (model.variants().size() - 1)
                + ") or one of the variant names");
    }
}
