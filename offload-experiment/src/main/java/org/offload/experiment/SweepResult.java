package org.offload.experiment;

import java.nio.file.Path;
import java.util.List;
import org.offload.experiment.engine.Tables;

/**
 * What a sweep produced: completed runs in {@link SweepSpec#points()} order (executed or resumed), failed runs,
 * the aggregate, the paired differences against the baseline (if any), and counts.
 */
public record SweepResult(SweepSpec spec, Path directory, List<RunResult> runs, List<RunFailure> failures,
                          List<AggregateRow> aggregate, List<Tables.Paired> paired, int executed, int resumed, double wallTimeS) {
    public SweepResult {
        runs = List.copyOf(runs);
        failures = List.copyOf(failures);
        aggregate = List.copyOf(aggregate);
        paired = List.copyOf(paired);
    }

    public boolean succeeded() {
        return failures.isEmpty();
    }
}
