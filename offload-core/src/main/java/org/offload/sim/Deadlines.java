package org.offload.sim;

import java.util.ArrayDeque;
import java.util.function.Consumer;

import org.offload.engine.EventHandler;
import org.offload.engine.Simulation;

/**
 * Fails tasks at their deadline without an event per task. All tasks of an application have the same maximum
 * delay, so their deadlines come in creation order: one FIFO of jobs per application and one pending timer, at
 * its oldest live job's deadline, replace one event per task. Jobs that ended earlier are skipped lazily.
 */
final class Deadlines implements EventHandler {
    private final Simulation sim;
    private final Consumer<Job> expire;
    private final ArrayDeque<Job>[] queues;
    private final boolean[] timerSet;

    /** {@code expire} receives each live job whose deadline has come. */
    @SuppressWarnings("unchecked")
    Deadlines(Simulation sim, int applications, Consumer<Job> expire) {
        this.sim = sim;
        this.expire = expire;
        this.queues = new ArrayDeque[applications];
        for (int a = 0; a < applications; a++) {
            queues[a] = new ArrayDeque<>();
        }
        this.timerSet = new boolean[applications];
    }

    /** Starts watching a newly generated job's deadline. */
    void watch(Job job) {
        int app = job.task.app();
        queues[app].addLast(job);
        if (!timerSet[app]) {
            arm(app);
        }
    }

    /** The timer of application {@code app} fired: expires every job due by now, then re-arms. */
    @Override
    public void onEvent(int tag, Object data, long app) {
        int a = (int) app;
        timerSet[a] = false;
        ArrayDeque<Job> q = queues[a];
        double now = sim.now();
        while (!q.isEmpty() && q.peekFirst().task.deadlineS() <= now) {
            Job j = q.pollFirst();
            if (!j.ended) {
                expire.accept(j);
            }
        }
        arm(a);
    }

    private void arm(int app) {
        ArrayDeque<Job> q = queues[app];
        while (!q.isEmpty() && q.peekFirst().ended) {
            q.pollFirst();
        }
        if (!q.isEmpty()) {
            timerSet[app] = true;
            sim.scheduleAt(q.peekFirst().task.deadlineS(), this, 0, null, app);
        }
    }
}
