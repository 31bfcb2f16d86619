package org.offload.engine;

/**
 * The discrete-event loop: one clock and one event queue per instance, so any number of simulations can run
 * side by side in one JVM. Components schedule events on the simulation they were built with; nothing is
 * static or global.
 */
public final class Simulation implements EventQueue.Clock {
    private final EventQueue queue;
    private double now;
    private long eventsProcessed;
    private boolean stopRequested;

    public Simulation() {
        this(1024);
    }

    public Simulation(int expectedPendingEvents) {
        this.queue = new EventQueue(expectedPendingEvents);
    }

    /** Current simulated time in seconds. */
    public double now() {
        return now;
    }

    public long eventsProcessed() {
        return eventsProcessed;
    }

    public int pendingEvents() {
        return queue.size();
    }

    /** Schedules an event {@code delay} seconds from now. */
    public void schedule(double delay, EventHandler handler, int tag, Object data, long stamp) {
        if (!(delay >= 0)) {
            throw new IllegalArgumentException("negative or NaN delay " + delay);
        }
        queue.add(now + delay, handler, tag, data, stamp);
    }

    /** Schedules an event at absolute time {@code t >= now()}. */
    public void scheduleAt(double t, EventHandler handler, int tag, Object data, long stamp) {
        scheduleCancellable(t, handler, tag, data, stamp);
    }

    /**
     * Like {@link #scheduleAt}, returning a handle for {@link #cancel} (valid while the event is pending): for a
     * component that replaces its one pending event, so that the superseded event is not left to be dispatched.
     */
    public int scheduleCancellable(double t, EventHandler handler, int tag, Object data, long stamp) {
        if (!(t >= now)) {
            throw new IllegalArgumentException("event time " + t + " is before now " + now);
        }
        return queue.add(t, handler, tag, data, stamp);
    }

    /** Removes a pending event scheduled with {@link #scheduleCancellable}; it is neither dispatched nor counted. */
    public void cancel(int handle) {
        queue.cancel(handle);
    }

    /** Runs events until the queue is empty, {@link #stop()} is called, or the next event is after {@code until}. */
    public void runUntil(double until) {
        stopRequested = false;
        while (!stopRequested && !queue.isEmpty() && queue.peekTime() <= until) {
            queue.pollAndDispatch(this);
            eventsProcessed++;
        }
        if (!stopRequested && until > now && Double.isFinite(until)) {
            now = until;
        }
    }

    /** Makes {@link #runUntil} return after the current event. */
    public void stop() {
        stopRequested = true;
    }

    @Override
    public void advanceTo(double t) {
        now = t;
    }
}
