package org.offload.service.state;

/**
 * Issues the {@code task_id} of each decision. Ids must be unique across every replica that shares state and
 * unguessable (they reveal neither volume nor order), so a client cannot pick or predict another's id.
 */
public interface TaskIdSource {
    /** A new id: printable, at most 64 characters of {@code [A-Za-z0-9_-]}. */
    String next();
}
