package org.offload.policy.builtin;

import org.offload.model.Decision;
import org.offload.model.Task;
import org.offload.policy.OffloadPolicy;
import org.offload.policy.SystemView;

/** Every task runs on its own device. */
public final class LocalOnlyPolicy implements OffloadPolicy {
    @Override
    public Decision decide(Task task, SystemView view) {
        return Decision.LOCAL;
    }
}
