package org.offload.service.state;

/**
 * Shares of VMs the service has handed out itself since their last telemetry report: a placement claims the
 * task's utilisation share and memory of its VM until fresh telemetry for that VM arrives (which already counts
 * the task) or the claim expires. Decisions see reported plus claimed use, so that between two reports the
 * service does not keep sending tasks to a VM it has already filled. {@link #tryClaim} is atomic: with several
 * replicas sharing the store, two of them cannot over-commit one VM.
 */
public interface ClaimsStore {
    /**
     * Claims {@code sharePercent} and {@code memoryMb} of {@code vm} until {@code untilS} if the reported use plus
     * the live claims plus this one stay within {@code limitPercent} and {@code memoryCapMb} (0 = no memory limit).
     */
    boolean tryClaim(int vm, double reportedPercent, double sharePercent, double limitPercent, double usedMemoryMb,
                     double memoryMb, double memoryCapMb, double nowS, double untilS);

    /** Utilisation (percent) claimed on {@code vm} by live claims. */
    double claimedPercent(int vm, double nowS);

    /** Memory (MB) claimed on {@code vm} by live claims. */
    double claimedMemoryMb(int vm, double nowS);

    /** Drops the claims on {@code vm}: a telemetry report received now counts their tasks. */
    void supersede(int vm, double nowS);

    /** No claims at all (the default): decisions see the reported state only. */
    ClaimsStore NONE = new ClaimsStore() {
        @Override
        public boolean tryClaim(int vm, double reportedPercent, double sharePercent, double limitPercent,
                                double usedMemoryMb, double memoryMb, double memoryCapMb, double nowS, double untilS) {
            return true;
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
