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
}
