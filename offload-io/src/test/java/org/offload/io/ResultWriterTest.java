package org.offload.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.offload.metrics.GroupMetrics;
import org.offload.metrics.LittleLaw;
import org.offload.metrics.SimulationResult;
import org.offload.metrics.StudyResults;
import org.offload.metrics.TierMetrics;
import org.offload.metrics.TimeStats;
import org.offload.metrics.Utilization;
import org.offload.scenario.Scenario;

class ResultWriterTest {
    @TempDir
    Path dir;

    static GroupMetrics group(long generated, Map<String, Long> reasons) {
        long failed = reasons.values().stream().mapToLong(Long::longValue).sum();
        return new GroupMetrics(generated, generated - failed, failed, (double) failed / generated, reasons,
                new TimeStats(generated - failed, 0.5, 0.4, 0.9, 1.2, 3.0), 0.1, 0.35, 0.05, 12.5);
    }

    static SimulationResult result(double wallTime) {
        Map<String, Long> reasons = new HashMap<>();
        reasons.put("unfinished", 1L);
        reasons.put("deadline", 3L);
        reasons.put("vm_capacity", 2L);
        Map<String, GroupMetrics> apps = new LinkedHashMap<>();
        apps.put("B_APP", group(60, Map.of("deadline", 3L)));
        apps.put("A_APP", group(40, Map.of("vm_capacity", 2L, "unfinished", 1L)));
        Map<String, TierMetrics> tiers = new LinkedHashMap<>();
        tiers.put("local", new TierMetrics(0, 0, 0));
        tiers.put("edge", new TierMetrics(70, 65, 0.45));
        tiers.put("cloud", new TierMetrics(30, 29, 0.6));
        return new SimulationResult("demo", "greedy", 7, 20, 300, 60, group(100, reasons), apps, tiers,
                new Utilization(42.5, 3.25, 0), 25, 1.25, new LittleLaw(2.5, 5, 0.5), 130, 4567, wallTime,
                wallTime > 0 ? 130 / wallTime : Double.NaN, StudyResults.NONE);
    }

    static List<String> names(JsonNode node) {
        List<String> out = new ArrayList<>();
        node.fieldNames().forEachRemaining(out::add);
        return out;
    }

    private List<String> listDir() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void summaryHasEveryKeyInOrder() throws IOException {
        Path file = new ResultWriter(dir).writeSummary(result(1.5));
        assertEquals(dir.resolve("summary.json"), file);
        assertEquals(List.of("summary.json"), listDir());
        JsonNode root = SummaryJson.read(file);
        assertEquals(SummaryJson.TOP_LEVEL_KEYS, names(root));
        assertEquals(List.of("vm_capacity", "deadline", "unfinished"), names(root.get("failures_by_reason")),
                "FailureReason order");
        assertEquals(List.of("mean", "p50", "p95", "p99", "max"), names(root.get("service_time_s")));
        assertEquals(List.of("mean"), names(root.get("network_delay_s")));
        assertEquals(List.of("mean"), names(root.get("processing_time_s")));
        assertEquals(List.of("mean"), names(root.get("queueing_time_s")));
        assertEquals(List.of("edge", "cloud", "local"), names(root.get("vm_utilization")));
        assertEquals(List.of("total", "mean_per_device"), names(root.get("device_energy_j")));
        assertEquals(List.of("B_APP", "A_APP"), names(root.get("per_application")));
        assertEquals(List.of("tasks_generated", "tasks_completed", "tasks_failed", "failure_rate",
                "failures_by_reason", "service_time_s", "network_delay_s", "processing_time_s", "queueing_time_s",
                "energy_j", "mean_accuracy", "deadline_met_rate"), names(root.get("per_application").get("A_APP")));
        assertEquals(List.of("vm_capacity", "unfinished"),
                names(root.get("per_application").get("A_APP").get("failures_by_reason")));
        assertEquals(List.of("local", "edge", "cloud"), names(root.get("per_tier")));
        assertEquals(List.of("tasks", "tasks_completed", "service_time_mean_s"),
                names(root.get("per_tier").get("edge")));
        assertEquals(List.of("mean_tasks_in_system", "arrival_rate_per_s", "mean_time_in_system_s"),
                names(root.get("little_law")));

        assertEquals("demo", root.get("scenario").asText());
        assertEquals(7, root.get("seed").asLong());
        assertEquals(100, root.get("tasks_generated").asLong());
        assertEquals(94, root.get("tasks_completed").asLong());
        assertEquals(6, root.get("tasks_failed").asLong());
        assertEquals(0.06, root.get("failure_rate").asDouble());
        assertEquals(0.9, root.get("service_time_s").get("p95").asDouble());
        assertEquals(42.5, root.get("vm_utilization").get("edge").asDouble());
        assertEquals(130, root.get("tasks_generated_total").asLong());
        assertEquals(4567, root.get("events_processed").asLong());
        assertTrue(root.get("mean_accuracy").isNull(), "no application names a model");
        assertEquals(0.94, root.get("deadline_met_rate").asDouble());
    }

    @Test
    void numbersArePlainAndNonFiniteIsNull() throws IOException {
        String text = SummaryJson.toText(result(0.0000001));
        assertTrue(text.contains("\"wall_time_s\": 0.0000001"), text);
        assertFalse(text.matches("(?s).*\\d[eE][-+]?\\d.*"), "no exponent notation");
        assertTrue(text.endsWith("}\n"), text);
        JsonNode root = SummaryJson.read(Files.writeString(dir.resolve("s.json"), SummaryJson.toText(result(0))));
        assertTrue(root.get("tasks_per_wall_second").isNull(), root.toString());
    }

    @Test
    void identicalResultsGiveIdenticalText() {
        assertEquals(SummaryJson.toText(result(2)), SummaryJson.toText(result(2)));
    }

    @Test
    void opensByDeletingTempFilesAnInterruptedRunLeft() throws IOException {
        Path leftTrace = AtomicFiles.createTemp(dir.resolve("tasks.csv"));
        Path leftSummary = AtomicFiles.createTemp(dir.resolve("summary.json"));
        Path unrelated = Files.writeString(dir.resolve(".notes.txt.1a2b.tmp"), "mine");
        Path userFile = Files.writeString(dir.resolve(".tasks.csv.backup.tmp"), "mine");
        new ResultWriter(dir);
        assertFalse(Files.exists(leftTrace), leftTrace + " should not exist");
        assertFalse(Files.exists(leftSummary), leftSummary + " should not exist");
        assertTrue(Files.exists(unrelated), unrelated + " is missing");
        assertTrue(Files.exists(userFile), userFile + " is missing");
    }

    @Test
    void failedWriteLeavesNoPartialFileAndKeepsTheOldOne() throws IOException {
        Path target = dir.resolve("summary.json");
        IOException e = assertThrows(IOException.class, () -> AtomicFiles.write(target, out -> {
            out.write("{\n  \"scenario\": ");
            out.flush();
            throw new IOException("disk full");
        }));
        assertEquals("disk full", e.getMessage());
        assertEquals(List.of(), listDir());

        ResultWriter writer = new ResultWriter(dir);
        writer.writeSummary(result(1));
        String before = Files.readString(target);
        SimulationResult broken = new SimulationResult("demo", "greedy", 7, 20, 300, 60, null, Map.of(), Map.of(),
                new Utilization(0, 0, 0), 0, 0, new LittleLaw(0, 0, 0), 0, 0, 1, 1, StudyResults.NONE);
        assertThrows(RuntimeException.class, () -> writer.writeSummary(broken));
        assertEquals(before, Files.readString(target));
        assertEquals(List.of("summary.json"), listDir());
    }

    @Test
    void writerCreatesMissingDirectories() throws IOException {
        Path nested = dir.resolve("a/b/c");
        new ResultWriter(nested).writeSummary(result(1));
        assertTrue(Files.isRegularFile(nested.resolve("summary.json")), nested.resolve("summary.json") + " is missing");
    }

    @Test
    void effectiveScenarioWithoutOverridesIsTheSourceVerbatim() throws IOException {
        String text = bundledDefault();
        String yaml = ResultWriter.effectiveScenarioYaml("default", "default.yaml", text, List.of());
        assertTrue(yaml.startsWith("# Effective scenario"), yaml);
        assertTrue(yaml.endsWith(text.endsWith("\n") ? text : text + "\n"), yaml);
    }

    @Test
    void effectiveScenarioWithOverridesLoadsIntoTheSameScenario() throws IOException {
        ScenarioLoader loader = new ScenarioLoader();
        List<String> overrides = List.of("devices.count=37", "applications.HEALTH_APP.upload_kb=30", "seed=9",
                "policy=greedy", "duration_s=250.5");
        Scenario expected = loader.loadDefault(overrides);
        ResultWriter writer = new ResultWriter(dir);
        Path file = writer.writeScenario(expected.name(), "default.yaml", bundledDefault(), overrides);
        String yaml = Files.readString(file);
        assertTrue(yaml.contains("#   applications.HEALTH_APP.upload_kb=30\n"), yaml);
        assertEquals(expected, loader.load(file));
        assertEquals(List.of("scenario.yaml"), listDir());
    }

    @Test
    void effectiveScenarioKeepsTheNameOfAnUnnamedSource() {
        String text = bundledDefault().replaceFirst("(?m)^name: default.*$", "");
        Scenario expected = new ScenarioLoader().parse(text, "dir/unnamed.yaml", List.of());
        assertEquals("unnamed", expected.name());
        String yaml = ResultWriter.effectiveScenarioYaml("unnamed", "dir/unnamed.yaml", text, List.of());
        assertEquals(expected, new ScenarioLoader().parse(yaml, "results/x/scenario.yaml", List.of()));
    }

    static String bundledDefault() {
        try (var in = ScenarioLoader.class.getClassLoader().getResourceAsStream(ScenarioLoader.DEFAULT_RESOURCE)) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
