package org.offload.service;

/** Seconds on the service's clock; the state's {@code now()} and telemetry ages are measured on it. */
@FunctionalInterface
public interface ServiceClock {
    double nowS();

    /** Monotonic seconds since this clock was made. */
    static ServiceClock system() {
        long start = System.nanoTime();
        return () -> (System.nanoTime() - start) / 1e9;
    }

    /** Wall-clock seconds since the epoch (microseconds on Linux): replicas sharing state agree on it. */
    static ServiceClock wall() {
        return () -> {
            java.time.Instant t = java.time.Instant.now();
            return t.getEpochSecond() + t.getNano() / 1e9;
        };
    }
}
