package org.offload.policy;

import org.offload.model.Decision;
import org.offload.model.Task;

/**
 * Optional for a policy: a short, human-readable reason for a decision (which rule fired, which inputs weighed
 * most). The decision service calls it right after {@link OffloadPolicy#decide}, on the same view and task, and
 * puts the answer in the decision's {@code explanation}; policies without it get a generic explanation (the
 * policy's description and the chosen node's utilisation and estimated delay).
 */
public interface Explainable {
    /** One sentence, at most a couple of hundred characters. */
    String explain(Task task, SystemView view, Decision decision);
}
