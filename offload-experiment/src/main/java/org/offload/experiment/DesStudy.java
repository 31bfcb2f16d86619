package org.offload.experiment;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.offload.experiment.engine.RunExecutor;
import org.offload.experiment.engine.RunOutput;
import org.offload.experiment.engine.Study;
import org.offload.io.ResultWriter;
import org.offload.io.ScenarioFileException;
import org.offload.io.ScenarioLoader;
import org.offload.io.SummaryJson;
import org.offload.policy.PolicyRegistry;
import org.offload.scenario.Scenario;
import org.offload.scenario.ScenarioException;

/**
 * The discrete-event simulator as a {@link Study}: each run is an {@link OffloadSimulation} of the sweep's scenario
 * with {@code devices.count}, {@code policy} and {@code seed} overridden; it yields {@code scenario.yaml} and
 * {@code summary.json} and every {@link Metric}. Runs start largest device count first. Its evaluator
 * ({@link DesEvaluator}) is serialisable, so the runs can execute on other machines.
 */
public final class DesStudy implements Study<RunPoint> {
    private final SweepSpec spec;
    private final ScenarioSource source;
    private final DesEvaluator evaluator;

    public DesStudy(SweepSpec spec, ScenarioSource source, PolicyRegistry registry) {
        this.spec = spec;
        this.source = source;
        List<RunPoint> runs = spec.points();
        DesEvaluator first = DesEvaluator.of(source, spec.overrides(), null, registry, spec.variants());
        this.evaluator = runs.isEmpty() ? first : DesEvaluator.of(source, spec.overrides(),
                source.parse(first.overrides(runs.get(0))), registry, spec.variants());
    }

    @Override
    public List<RunPoint> runs() {
        return spec.points();
    }

    @Override
    public List<String> policies() {
        return spec.policies();
    }

    @Override
    public List<Metric> metrics() {
        return Arrays.asList(Metric.values());
    }


    @Override
    public Comparator<RunPoint> executionOrder() {
        return Comparator.comparingInt(p -> -p.devices());
    }

    @Override
    public String describe(RunPoint run) {
        return run.toString();
    }

    /** The overrides of one run: the spec's, then the axis's value, devices, policy and seed. */
    public List<String> overrides(RunPoint p) {
        return evaluator.overrides(p);
    }

    /** Serialisable: it carries the scenario text and model files to wherever the executor runs it. */
    @Override
    public RunExecutor.Evaluator<RunPoint> evaluator() {
        return evaluator;
    }

    /** Simulates one run; its files are the effective scenario and then the summary. */
    public RunOutput evaluate(RunPoint p) throws IOException {
        return evaluator.evaluate(p);
    }

    /**
     * The completed run in {@code runDir} read back, or null if its summary cannot be read. A summary (or scenario)
     * that does not belong to this sweep's run is an error rather than being silently mixed in.
     */
    @Override
    public double[] resume(RunPoint p, Path runDir) throws IOException {
        JsonNode summary;
        try {
            summary = SummaryJson.read(runDir.resolve(SummaryJson.FILE_NAME));
        } catch (IOException e) {
            return null;
        }
        String where = p.relativeDir().toString();
        if (!p.policy().equals(summary.path("policy").asText()) || p.devices() != summary.path("devices").asInt()
                || p.seed() != summary.path("seed").asLong()) {
            throw mismatch(where, "its summary is of policy " + summary.path("policy").asText() + ", "
                    + summary.path("devices").asInt() + " devices, seed " + summary.path("seed").asLong()
                    + "; this sweep expects " + p.policy() + ", " + p.devices() + ", seed " + p.seed());
        }
        Path scenarioFile = runDir.resolve(ResultWriter.SCENARIO_FILE);
        if (Files.isRegularFile(scenarioFile)) {
            Scenario expected = source.parse(overrides(p));
            Scenario actual;
            try {
                actual = new ScenarioLoader().load(scenarioFile);
            } catch (ScenarioFileException | ScenarioException e) {
                throw mismatch(where, "its scenario.yaml does not load (" + e.getMessage() + ")");
            }
            if (!expected.equals(actual)) {
                throw mismatch(where, "its scenario.yaml differs from this sweep's scenario");
            }
        }
        return Metric.readAll(summary);
    }

    private static SweepSpecException mismatch(String where, String why) {
        return new SweepSpecException("cannot resume: " + where + " was written by a different sweep: " + why
                + ". Use another output directory, or run with --force instead of --resume to replace it");
    }
}
