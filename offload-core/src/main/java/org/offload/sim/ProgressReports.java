package org.offload.sim;

import java.util.function.LongSupplier;

import org.offload.engine.EventHandler;
import org.offload.engine.Simulation;

/**
 * Tells a {@link ProgressListener} about a run every 1 % of its simulated duration. Its events are bookkeeping, not
 * model events: {@link #events()} counts them so that the run can leave them out of its event count.
 */
final class ProgressReports implements EventHandler {
    private final Simulation sim;
    private final ProgressListener listener;
    private final double durationS;
    private final LongSupplier generated;
    private long events;

    ProgressReports(Simulation sim, ProgressListener listener, double durationS, LongSupplier generated) {
        this.sim = sim;
        this.listener = listener;
        this.durationS = durationS;
        this.generated = generated;
    }

    /** Schedules the first report (none without a listener). */
    void start() {
        if (listener != null) {
            sim.schedule(durationS / 100, this, 0, null, 0);
        }
    }

    /** Progress events processed so far. */
    long events() {
        return events;
    }

    @Override
    public void onEvent(int tag, Object data, long stamp) {
        events++;
        listener.onProgress(sim.now(), durationS, generated.getAsLong());
        if (sim.now() + durationS / 100 <= durationS + 1e-9) {
            sim.schedule(durationS / 100, this, 0, null, 0);
        }
    }
}
