package org.offload.aigc;

/**
 * Decides every device's action for a slot from the observation. Implementations may keep state (a random
 * stream) and are reset with the episode's seed; they are not shared between threads.
 */
public interface AigcPolicy {
    /** The policy's name as the CLI and reports show it. */
    String name();

    /** Called at the start of each episode with the episode's seed. */
    default void reset(long seed) {
    }

    /** One action per device. */
    AigcAction[] act(AigcObservation obs);
}
