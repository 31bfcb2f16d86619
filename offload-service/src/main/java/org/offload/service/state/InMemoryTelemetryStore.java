package org.offload.service.state;

/** {@link TelemetryStore} in this process: one table, updated in place (callers serialise access). */
public final class InMemoryTelemetryStore implements TelemetryStore {
    private final TelemetryTable table;

    public InMemoryTelemetryStore(int vms, int sites, int devices) {
        this.table = new TelemetryTable(vms, sites, devices);
    }

    @Override
    public void apply(Telemetry t, double nowS) {
        table.apply(t, nowS);
    }

    @Override
    public TelemetryTable table() {
        return table;
    }
}
