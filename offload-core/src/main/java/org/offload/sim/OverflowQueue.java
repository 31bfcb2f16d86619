package org.offload.sim;

import java.util.ArrayDeque;

import org.offload.model.Decision;

/**
 * The tasks a policy deferred ({@link Decision#DEFER}), oldest first. When capacity is released the policy is
 * asked again for them in that order until one is deferred again, so a later task never overtakes an earlier
 * one (new tasks are decided as they come). A deferred task's deadline keeps running; one that ended meanwhile
 * is dropped.
 */
final class OverflowQueue {
    /** Asks the policy about a deferred task and acts on a decision. */
    interface Decider {
        Decision decide(Job job);

        void dispatch(Job job, Decision decision);
    }

    private final ArrayDeque<Job> deferred = new ArrayDeque<>();
    private final Decider decider;
    private boolean retrying;

    OverflowQueue(Decider decider) {
        this.decider = decider;
    }

    void defer(Job job) {
        deferred.addLast(job);
    }

    /** Capacity was released: retries the deferred tasks, oldest first (not re-entrant: a retry releases too). */
    void capacityReleased() {
        if (retrying || deferred.isEmpty()) {
            return;
        }
        retrying = true;
        try {
            while (!deferred.isEmpty()) {
                Job j = deferred.peekFirst();
                if (j.ended) {
                    deferred.pollFirst();
                    continue;
                }
                Decision d = decider.decide(j);
                if (d != null && d.isDefer()) {
                    break;
                }
                deferred.pollFirst();
                decider.dispatch(j, d);
            }
        } finally {
            retrying = false;
        }
    }
}
