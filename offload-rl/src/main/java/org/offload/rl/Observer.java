package org.offload.rl;

import java.util.List;

import org.offload.model.Task;
import org.offload.policy.SystemView;
import org.offload.policy.learned.PendingClaims;
import org.offload.policy.learned.TierFeatures;

/**
 * Reads the observation and the action mask of a task, as {@link OffloadEnv} gives them to an agent and as the
 * learned policies ({@link AgentPolicy}) compute them inside a run: one implementation for both, so a trained agent
 * sees in {@code offload run} exactly what it saw in training.
 */
final class Observer {
    private final ObservationSpec spec;
    private final int vms;
    private final List<String> names;
    private final int[] tierIdx;
    private final ActionMapper actions;
    private final TierFeatures features = new TierFeatures();
    private final PendingClaims noClaims = new PendingClaims();

    Observer(ObservationSpec spec, ActionSpace space, int vms) {
        this.spec = spec;
        this.vms = vms;
        this.names = List.copyOf(spec.names(vms));
        this.tierIdx = spec.tierIndices();
        this.actions = new ActionMapper(space, vms);
    }

    List<String> names() {
        return names;
    }

    int size() {
        return names.size();
    }

    ActionMapper actions() {
        return actions;
    }

    /** Observes {@code task}: writes its observation into {@code out} at {@code off} and updates the mask. */
    void observe(Task task, SystemView view, float[] out, int off) {
        features.observe(task, view, noClaims);
        actions.observe(task, view, features);
        float[] x = features.features();
        int o = off;
        for (int i : tierIdx) {
            out[o++] = x[i];
        }
        if (spec.vmState()) {
            boolean covered = view.deviceSite(task.device()) >= 0;
            for (int v = 0; v < vms; v++) {
                out[o++] = (float) (view.vmUtilization(v) / 100);
                out[o++] = covered && view.vmAdmits(v, task) ? 1f : 0f;
            }
        }
    }
}
