package org.offload.experiment;

import java.nio.file.Path;
import java.util.List;

/**
 * What a sweep produced: completed runs in {@link SweepSpec#points()} order (executed or resumed), failed runs,
 * the aggregate, and counts.
 */
public record SweepResult(SweepSpec spec, Path directory, List<RunResult> runs, List<RunFailure> failures,
                          List<AggregateRow> aggregate, int executed, int resumed, double wallTimeS) {
    public SweepResult {
        runs = List.copyOf(runs);
        failures = List.copyOf(failures);
        aggregate = List.copyOf(aggregate);
    }

    public boolean succeeded() {
        return failures.isEmpty();
    }
}
