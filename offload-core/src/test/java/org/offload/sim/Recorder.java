package org.offload.sim;

import java.util.ArrayList;
import java.util.List;

import org.offload.metrics.TaskListener;
import org.offload.metrics.TaskRecord;
import org.offload.metrics.SimulationResult;
import org.offload.scenario.Scenario;

/** Collects every task record of one run. */
final class Recorder implements TaskListener {
    final List<TaskRecord> records = new ArrayList<>();

    @Override
    public void onTaskEnded(TaskRecord record) {
        records.add(record);
    }

    /** A run of {@code scenario} with its records. */
    record Run(Scenario scenario, SimulationResult result, List<TaskRecord> records) {
    }

    static Run run(Scenario scenario) {
        Recorder rec = new Recorder();
        SimulationResult r = OffloadSimulation.builder(scenario).taskListener(rec).build().run();
        return new Run(scenario, r, rec.records);
    }
}
