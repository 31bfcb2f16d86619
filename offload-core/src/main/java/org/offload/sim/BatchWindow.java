package org.offload.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import org.offload.engine.EventHandler;
import org.offload.engine.Simulation;

/**
 * Collects the tasks generated within a policy's batch window and hands them over together when it closes: the
 * window opens with its first task and closes {@code windowS} later.
 */
final class BatchWindow implements EventHandler {
    private final Simulation sim;
    private final double windowS;
    private final Consumer<List<Job>> decide;
    private final List<Job> batch = new ArrayList<>();

    /** {@code decide} receives each closed batch, in generation order. */
    BatchWindow(Simulation sim, double windowS, Consumer<List<Job>> decide) {
        this.sim = sim;
        this.windowS = windowS;
        this.decide = decide;
    }

    void add(Job job) {
        batch.add(job);
        if (batch.size() == 1) {
            sim.schedule(windowS, this, 0, null, 0);
        }
    }

    @Override
    public void onEvent(int tag, Object data, long stamp) {
        List<Job> jobs = new ArrayList<>(batch);
        batch.clear();
        decide.accept(jobs);
    }
}
