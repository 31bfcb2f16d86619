package org.offload.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.offload.metrics.SimulationResult;

/**
 * Writes the outputs of one run into a result directory, each file atomically (see {@link AtomicFiles}):
 * {@value SummaryJson#FILE_NAME} ({@link SummaryJson}), {@value #SCENARIO_FILE} (the effective scenario), with
 * continual learning {@value SummaryJson#DRIFT_SERIES_FILE}, and,
 * through {@link #openTrace()}, {@value TraceWriter#FILE_NAME}. Write the summary last: its presence marks a
 * complete run.
 */
public final class ResultWriter {
    /** File name of the effective scenario. */
    public static final String SCENARIO_FILE = "scenario.yaml";
    /** Every file a writer may put into its directory. */
    public static final List<String> FILES = List.of(SummaryJson.FILE_NAME, SCENARIO_FILE, TraceWriter.FILE_NAME,
            SummaryJson.DRIFT_SERIES_FILE);

    private static final YAMLMapper YAML = YAMLMapper.builder()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR)
            .build();

    private final Path dir;

    /**
     * Writes into {@code dir}, which is created (with parents) if missing. Temporary files of this writer's outputs
     * that an interrupted earlier run left there are deleted.
     */
    public ResultWriter(Path dir) throws IOException {
        this.dir = dir;
        Files.createDirectories(dir);
        for (String name : FILES) {
            AtomicFiles.deleteLeftoverTemps(dir.resolve(name));
        }
    }

    public Path directory() {
        return dir;
    }

    /**
     * Writes {@value SummaryJson#FILE_NAME} and returns its path; before it, for a run with continual learning, the
     * accuracy time series {@value SummaryJson#DRIFT_SERIES_FILE} (a stale one is deleted otherwise).
     */
    public Path writeSummary(SimulationResult result) throws IOException {
        String series = SummaryJson.driftSeriesCsv(result);
        if (series != null) {
            AtomicFiles.writeString(dir.resolve(SummaryJson.DRIFT_SERIES_FILE), series);
        } else {
            Files.deleteIfExists(dir.resolve(SummaryJson.DRIFT_SERIES_FILE));
        }
        Path file = dir.resolve(SummaryJson.FILE_NAME);
        SummaryJson.write(file, result);
        return file;
    }

    /**
     * Writes {@value #SCENARIO_FILE}: see {@link #effectiveScenarioYaml}. Returns its path.
     */
    public Path writeScenario(String scenarioName, String source, String yamlText, List<String> overrides)
            throws IOException {
        return writeScenario(scenarioName, source, yamlText, overrides, List.of());
    }

    /** {@link #writeScenario(String, String, String, List)} with {@code notes}, one comment line each in its head. */
    public Path writeScenario(String scenarioName, String source, String yamlText, List<String> overrides,
                              List<String> notes) throws IOException {
        Path file = dir.resolve(SCENARIO_FILE);
        AtomicFiles.writeString(file, effectiveScenarioYaml(scenarioName, source, yamlText, overrides, notes));
        return file;
    }

    /** Starts streaming the task trace into this directory; see {@link TraceWriter}. */
    public TraceWriter openTrace() throws IOException {
        return openTrace(false);
    }

    /** {@link #openTrace()}, with the {@code escalation} column when the scenario has cascaded inference. */
    public TraceWriter openTrace(boolean escalationColumn) throws IOException {
        return openTrace(escalationColumn, false);
    }

    /** {@link #openTrace(boolean)}, with the part columns and rows when the scenario has partial or dnn kinds. */
    public TraceWriter openTrace(boolean escalationColumn, boolean partColumns) throws IOException {
        return new TraceWriter(dir.resolve(TraceWriter.FILE_NAME), escalationColumn, partColumns);
    }

    /** Deletes a trace left in this directory by an earlier run, so that no file disagrees with the summary. */
    public void deleteStaleTrace() throws IOException {
        Files.deleteIfExists(dir.resolve(TraceWriter.FILE_NAME));
    }

    /**
     * The effective scenario as YAML that loads into the same scenario without further overrides, headed by a
     * comment naming the source and the overrides. Without overrides and inheritance (and with a {@code name} key)
     * it is the source text verbatim, comments included; otherwise the effective document re-serialised, comments
     * lost, with {@code name} set to {@code scenarioName} if the source lacks it. A source that {@code extends}
     * another scenario is written merged with its parents, so the file stands alone.
     *
     * @param source    label of the original file, e.g. its path (relative parents resolve against it)
     * @param yamlText  the original file's text (must be valid; it has been loaded before)
     * @param overrides {@code key=value} assignments in the order they were applied
     */
    public static String effectiveScenarioYaml(String scenarioName, String source, String yamlText,
                                               List<String> overrides) {
        return effectiveScenarioYaml(scenarioName, source, yamlText, overrides, List.of());
    }

    /** {@link #effectiveScenarioYaml(String, String, String, List)} with {@code notes} as comment lines in its head. */
    public static String effectiveScenarioYaml(String scenarioName, String source, String yamlText,
                                               List<String> overrides, List<String> notes) {
        StringBuilder out = new StringBuilder();
        out.append("# Effective scenario of an `offload run`.\n");
        out.append("# Source: ").append(oneLine(source)).append('\n');
        for (String n : notes) {
            out.append("# ").append(oneLine(n)).append('\n');
        }
        JsonNode parent = YamlTree.parse(source, new StringReader(yamlText)).root().get(ScenarioLoader.EXTENDS_KEY);
        YamlTree tree = ScenarioLoader.document(source, yamlText, ScenarioLoader.asPath(source));
        boolean inherits = parent != null && !parent.isNull();
        if (inherits) {
            out.append("# Extends: ").append(oneLine(parent.isObject() ? parent.path("scenario").asText()
                    : parent.asText())).append(" (merged in below, so this file stands alone)\n");
        }
        if (overrides.isEmpty() && !inherits && tree.root().has("name")) {
            out.append("# Overrides: none; the source follows verbatim.\n\n");
            out.append(yamlText);
            if (!yamlText.endsWith("\n")) {
                out.append('\n');
            }
            return out.toString();
        }
        out.append(overrides.isEmpty() ? "# Overrides: none.\n"
                : "# Overrides (--set, option shortcuts, policy options), already applied below:\n");
        for (String o : overrides) {
            out.append("#   ").append(oneLine(o)).append('\n');
        }
        out.append("# The source's comments are not kept.\n\n");
        overrides.forEach(tree::override);
        ObjectNode root = tree.root();
        if (!root.has("name")) {
            ObjectNode named = root.objectNode();
            named.put("name", scenarioName);
            named.setAll(root);
            root = named;
        }
        try {
            out.append(YAML.writeValueAsString(root));
        } catch (IOException e) {
            throw new IllegalStateException("cannot serialise the scenario", e);
        }
        return out.toString();
    }

    private static String oneLine(String s) {
        return s.replace('\n', ' ').replace('\r', ' ');
    }
}
