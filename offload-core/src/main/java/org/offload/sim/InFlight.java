package org.offload.sim;

/**
 * The tasks in flight (generated, not yet ended), as an intrusive list in generation order, and the time integral
 * of their number over the measured window: Little's law's L is that integral over the window's length.
 */
final class InFlight {
    private final Job head = new Job(null);
    private final double fromS;
    private final double toS;
    private int count;
    private double lastChangeS;
    private double integral;

    /** Integrates over {@code [fromS, toS]} (the warm-up's end to the simulated duration). */
    InFlight(double fromS, double toS) {
        this.fromS = fromS;
        this.toS = toS;
        head.prev = head;
        head.next = head;
    }

    void add(Job job, double now) {
        track(now, +1);
        job.next = head;
        job.prev = head.prev;
        head.prev.next = job;
        head.prev = job;
    }

    void remove(Job job, double now) {
        job.prev.next = job.next;
        job.next.prev = job.prev;
        job.prev = job.next = null;
        track(now, -1);
    }

    private void track(double now, int delta) {
        double from = Math.max(lastChangeS, fromS);
        double to = Math.min(now, toS);
        if (to > from) {
            integral += count * (to - from);
        }
        lastChangeS = now;
        count += delta;
    }

    int count() {
        return count;
    }

    /** The oldest task in flight, or null. */
    Job oldest() {
        return head.next == head ? null : head.next;
    }

    /** Integral of the number in flight over the window so far (task-seconds). */
    double integral() {
        return integral;
    }
}
