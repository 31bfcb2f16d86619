package org.offload.aigc;

/**
 * What happened to one device's task in a slot. Latency is the larger of the local and remote parts; energy is
 * local computing plus uplink transmission plus this task's share of a model download's energy.
 *
 * @param where     LOCAL (ratio 0), EDGE (served at the edge server), RELAY (edge server lacked the model and
 *                  relayed to the cloud) or CLOUD
 * @param cacheHit  whether the edge server had the model (false unless EDGE or RELAY)
 * @param switched  whether this task waited for a model download (EDGE only)
 * @param ownReward the device's own reward {@code -w_k (w_T T/T_max + w_E E/E_ref) - psi 1[T > T_max]}
 * @param reward    the reward the device learns from: {@code ownReward} shared among the devices as the
 *                  scenario's {@code reward.sharing} says
 */
public record SlotOutcome(int device, int type, int target, double ratio, Where where, boolean cacheHit,
                          boolean switched, double latencyS, double localS, double remoteS, double energyJ,
                          double deadlineS, boolean deadlineMet, double ownReward, double reward) {
    /** Where the remote share ran. */
    public enum Where { LOCAL, EDGE, RELAY, CLOUD }
}
