package org.offload.policy.builtin;

import org.offload.model.Decision;
import org.offload.model.Task;
import org.offload.policy.OffloadPolicy;
import org.offload.policy.SystemView;
import org.offload.policy.Vms;

/** Every task goes to the least-utilised VM of the device's nearest edge site. */
public final class EdgeOnlyPolicy implements OffloadPolicy {
    @Override
    public Decision decide(Task task, SystemView view) {
        return Decision.edge(Vms.leastUtilisedAtDeviceSite(view, task));
    }
}
