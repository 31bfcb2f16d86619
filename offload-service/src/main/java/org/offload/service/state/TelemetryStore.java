package org.offload.service.state;

/**
 * Where telemetry is kept. The service writes validated messages ({@link #apply}) and, for each decision, reads
 * one consistent {@link TelemetryTable} ({@link #table}). In this process the table is the live one, read under
 * the engine's lock; a store shared by replicas returns its view of the shared state, fetched again when it is
 * older than its limit or the telemetry changed ({@link RedisState#MAX_VIEW_AGE_S}).
 */
public interface TelemetryStore {
    /** Stores a validated message received at {@code nowS}; device sites are already resolved (never unset). */
    void apply(Telemetry t, double nowS);

    /** The telemetry to decide on now (a shared store fetches it). */
    TelemetryTable table();

    /** The telemetry to decide on at {@code nowS}: a shared store's view, with the claims a decision reads. */
    default TelemetryTable table(double nowS) {
        return table();
    }
}
