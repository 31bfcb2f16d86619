package org.offload.service.state;

/**
 * Shares of VMs the service has handed out itself since their last telemetry report: a placement claims the
 * task's utilisation share and memory of its VM until fresh telemetry for that VM arrives (which already counts
 * the task) or the claim expires. Decisions see reported plus claimed use, so that between two reports the
 * service does not keep sending tasks to a VM it has already filled. A claim is checked atomically: with several
 * replicas sharing the store, two of them cannot over-commit one VM.
 *
 * <p>A claim has two steps so that a shared store's round trip can run outside the engine's lock: {@link #reserve}
 * (under the lock; a store in this process decides here, a shared one only adds the claim to this replica's view so
 * that the next decisions see it) and {@link Claim#confirm} (outside it; a shared store checks and adds the claim
 * atomically there).
 */
public interface ClaimsStore {
    /** A claim reserved by {@link #reserve}; {@link #confirm} says whether it holds. */
    @FunctionalInterface
    interface Claim {
        /**
         * True when the claim holds. Called once, without the engine's lock held: a shared store makes its round
         * trip here (and may throw {@link StateUnavailableException}).
         */
        boolean confirm();

        /** A claim that holds (decided in this process). */
        Claim HELD = () -> true;
        /** A claim refused (decided in this process). */
        Claim REFUSED = () -> false;
    }

    /**
     * Claims {@code sharePercent} and {@code memoryMb} of {@code vm} until {@code untilS} if the reported use plus
     * the live claims plus this one stay within {@code limitPercent} and {@code memoryCapMb} (0 = no memory limit);
     * the answer comes from {@link Claim#confirm}.
     */
    Claim reserve(int vm, double reportedPercent, double sharePercent, double limitPercent, double usedMemoryMb,
                  double memoryMb, double memoryCapMb, double nowS, double untilS);

    /** {@link #reserve} and {@link Claim#confirm} in one call: whether the claim holds. */
    default boolean tryClaim(int vm, double reportedPercent, double sharePercent, double limitPercent,
                             double usedMemoryMb, double memoryMb, double memoryCapMb, double nowS, double untilS) {
        return reserve(vm, reportedPercent, sharePercent, limitPercent, usedMemoryMb, memoryMb, memoryCapMb, nowS,
                untilS).confirm();
    }

    /** Utilisation (percent) claimed on {@code vm} by live claims. */
    double claimedPercent(int vm, double nowS);

    /** Memory (MB) claimed on {@code vm} by live claims. */
    double claimedMemoryMb(int vm, double nowS);

    /** Drops the claims on {@code vm}: a telemetry report received now counts their tasks. */
    void supersede(int vm, double nowS);

    /** No claims at all (the default): decisions see the reported state only. */
    ClaimsStore NONE = new ClaimsStore() {
        @Override
        public Claim reserve(int vm, double reportedPercent, double sharePercent, double limitPercent,
                             double usedMemoryMb, double memoryMb, double memoryCapMb, double nowS, double untilS) {
            return Claim.HELD;
        }

        @Override
        public double claimedPercent(int vm, double nowS) {
            return 0;
        }

        @Override
        public double claimedMemoryMb(int vm, double nowS) {
            return 0;
        }

        @Override
        public void supersede(int vm, double nowS) {
        }
    };
}
