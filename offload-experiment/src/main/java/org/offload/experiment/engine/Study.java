package org.offload.experiment.engine;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import org.offload.experiment.MetricDef;

/**
 * A study the {@link SweepEngine} runs: which runs (policies × points × replications), which metrics each yields,
 * how one run is evaluated, and how a finished run is read back for {@code --resume}. The discrete-event sweep
 * ({@code SweepRunner}) and the AIGC sweep are studies; the engine does the rest (directory checks, resume,
 * execution, files, CSV tables, estimates).
 *
 * @param <K> the run key
 */
public interface Study<K extends RunKey> {
    /** Every run, in report order. */
    List<K> runs();

    /** The policies in report order. */
    List<String> policies();

    /** The metrics each run yields, in column order (the order of {@link RunOutput#values()}). */
    List<? extends MetricDef> metrics();

    /** The work of one run; must not write files (the engine writes {@link RunOutput#files()}). */
    RunExecutor.Evaluator<K> evaluator();

    /** The file whose presence in a run's folder marks it finished (written last): {@code summary.json}. */
    default String summaryFile() {
        return "summary.json";
    }

    /**
     * The metric values of the finished run in {@code runDir} (its {@link #summaryFile()} exists), or null if it
     * cannot be read (it is then run again). A run written by another sweep (other policy, point, seed or
     * scenario) is a {@link org.offload.experiment.SweepSpecException}.
     */
    double[] resume(K run, Path runDir) throws IOException;

    /** The order runs start in (e.g. the longest first); results do not depend on it. */
    default Comparator<K> executionOrder() {
        return (a, b) -> 0;
    }

    /** One line naming a run, for failures and logs. */
    default String describe(K run) {
        return "policy=" + run.policy() + " " + run.point() + " replication=" + run.replication() + " seed="
                + run.seed();
    }
}
