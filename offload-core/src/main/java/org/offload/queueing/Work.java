package org.offload.queueing;

/**
 * Something a {@link Server} serves: a task's computation or one of its transfers. A work item is in at most one
 * server at a time; the fields below are that server's bookkeeping.
 */
public abstract class Work {
    /** Position in a processor-sharing heap, or -1. */
    int heapIndex = -1;
    /** Virtual finish time in a processor-sharing server. */
    double finishV;
    /** Work units still to serve when queued FCFS. */
    double amount;
    /** Stamp of the FCFS completion event that belongs to this item. */
    long serviceStamp;
    /** Core index while served FCFS, -1 while waiting. */
    int core = -1;
    /** False once the item left its server (completed or removed). */
    boolean inServer;
    /** Time the item entered its server. */
    double enteredS;
    /** Time service started (FCFS: left the wait queue; PS: entered). */
    double startedS;
    /** True once the current server has started serving the item (false while it waits for an FCFS unit). */
    boolean started;
    /** The flow (slice) of a {@link GpsServer} holding the item. */
    int flow;

    /**
     * A delay station ({@link Mm1DelayServer}, {@link FixedDelayServer}) takes the item now: in service at once for
     * {@code amount}, its completion event stamped {@code stamp}.
     */
    final void enterDelay(double now, double amount, long stamp) {
        enteredS = now;
        startedS = now;
        started = true;
        this.amount = amount;
        inServer = true;
        serviceStamp = stamp;
    }

    /** Whether an event stamped {@code stamp} is the completion of this item at the server holding it. */
    final boolean completesWith(long stamp) {
        return inServer && serviceStamp == stamp;
    }

    /** The item leaves its delay station (completed or removed). */
    final void leaveDelay() {
        if (!inServer) {
            throw new IllegalStateException("work item is not in this server");
        }
        inServer = false;
    }

    /** True while a server holds this item. */
    public boolean isInServer() {
        return inServer;
    }

    public double enteredS() {
        return enteredS;
    }

    /** Whether the server holding the item has started serving it. */
    public boolean isStarted() {
        return started;
    }

    public double startedS() {
        return startedS;
    }
}
