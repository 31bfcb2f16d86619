package org.offload.engine;

/**
 * Receives the events it scheduled. {@code tag} says what happened, {@code data} is the object it concerns and
 * {@code stamp} lets a handler ignore events it has since superseded (lazy cancellation).
 */
@FunctionalInterface
public interface EventHandler {
    void onEvent(int tag, Object data, long stamp);
}
