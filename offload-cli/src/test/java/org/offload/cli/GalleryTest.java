package org.offload.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.offload.cli.MainTest.Result;
import org.offload.io.SummaryJson;

/**
 * The scenario gallery ({@code scenarios/gallery/}): each scenario validates, runs (shortened), shows what it is
 * about, and leaves a {@code scenario.yaml} that repeats the run on its own, away from the file it extends.
 */
class GalleryTest {
    private static final Path GALLERY = Path.of("..", "scenarios", "gallery");

    @TempDir
    Path tmp;

    private JsonNode run(String name, Path out, String... more) throws IOException {
        List<String> args = new java.util.ArrayList<>(List.of("run", GALLERY.resolve(name + ".yaml").toString(),
                "--duration", "180", "--warmup", "30", "--quiet", "--out", out.toString()));
        args.addAll(List.of(more));
        Result r = MainTest.offload(args.toArray(String[]::new));
        assertEquals(0, r.code(), r.err());
        return SummaryJson.read(out.resolve("summary.json"));
    }

    /** The summary without the two keys that measure the machine rather than the run. */
    private static JsonNode reproducible(JsonNode summary) {
        ObjectNode copy = summary.deepCopy();
        copy.remove(List.of("wall_time_s", "tasks_per_wall_second"));
        return copy;
    }

    @Test
    void everyGalleryScenarioExtendsAnotherAndValidates() throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.list(GALLERY)) {
            files = s.filter(f -> f.toString().endsWith(".yaml")).sorted().toList();
        }
        assertEquals(List.of("ar-vr.yaml", "iiot-inspection.yaml", "iot-healthcare.yaml", "vehicular.yaml"),
                files.stream().map(f -> f.getFileName().toString()).toList());
        for (Path f : files) {
            assertTrue(Files.readString(f).contains("\nextends:"), f + " uses extends:");
            Result r = MainTest.offload("validate", f.toString());
            assertEquals(0, r.code(), r.err());
        }
    }

    @Test
    void iotHealthcareOffloadsEverySmallUrgentTask() throws IOException {
        JsonNode s = run("iot-healthcare", tmp.resolve("iot"));
        assertEquals(List.of("ECG_ANALYSIS", "FALL_DETECTION", "HEALTH_REPORT"), MainTest.names(s.get("per_application")));
        assertEquals(0, s.at("/per_tier/local/tasks").asLong(), "wearables cannot compute");
        assertTrue(s.get("tasks_generated").asLong() > 1000, s.toString());
        assertTrue(s.get("failure_rate").asDouble() < 0.05, s.toString());
    }

    /** Detection on a camera's own CPU misses its 2 s deadline; offloaded to the halls' edge VMs it does not. */
    @Test
    void iiotInspectionNeedsOffloadingToMeetItsDeadlines() throws IOException {
        JsonNode s = run("iiot-inspection", tmp.resolve("iiot"));
        assertEquals(List.of("DEFECT_DETECTION", "VIBRATION_ANOMALY", "QUALITY_REPORT"),
                MainTest.names(s.get("per_application")));
        assertTrue(s.get("failure_rate").asDouble() < 0.02, s.toString());
        JsonNode local = run("iiot-inspection", tmp.resolve("iiot-local"), "--policy", "local-only");
        assertTrue(local.get("failure_rate").asDouble() > 0.5, local.toString());
        assertTrue(local.at("/failures_by_reason/deadline").asLong() > 0, local.toString());
    }

    @Test
    void arVrRunsItsTwoLatencyCriticalApplications() throws IOException {
        JsonNode s = run("ar-vr", tmp.resolve("arvr"));
        assertEquals(List.of("VR_RENDERING", "AR_SCENE_UNDERSTANDING"), MainTest.names(s.get("per_application")));
        assertTrue(s.at("/service_time_s/p95").asDouble() < 1.0, s.get("service_time_s").toString());
    }

    @Test
    void vehicularMobilityCausesMobilityAndCoverageFailuresAndTheCopyRepeatsTheRun() throws IOException {
        Path out = tmp.resolve("car");
        JsonNode s = run("vehicular", out);
        JsonNode reasons = s.get("failures_by_reason");
        assertTrue(reasons.has("mobility") && reasons.has("no_coverage"), reasons.toString());
        String copy = Files.readString(out.resolve("scenario.yaml"));
        assertFalse(copy.contains("\nextends:"), "the effective scenario is merged, so it stands alone");
        Path moved = Files.writeString(tmp.resolve("elsewhere.yaml"), copy);
        Result again = MainTest.offload("run", moved.toString(), "--quiet", "--out", tmp.resolve("again").toString());
        assertEquals(0, again.code(), again.err());
        JsonNode second = SummaryJson.read(tmp.resolve("again").resolve("summary.json"));
        assertEquals(reproducible(s), reproducible(second));
    }
}
