package org.offload.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.offload.cli.MainTest.Result;

/**
 * The JSON Schemas in {@code docs/schemas/} describe the {@code summary.json} that real runs write: a discrete-event
 * run (the default scenario, one with failures of several kinds and mobility, one with AI models) and an AIGC run.
 * The schemas forbid unknown keys, so a key added to a summary without documenting it fails here.
 */
class SummarySchemaTest {
    private static final Path SCHEMAS = Path.of("..", "docs", "schemas");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    private static Schema schema(String file) throws IOException {
        SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
        return registry.getSchema(JSON.readTree(SCHEMAS.resolve(file).toFile()));
    }

    private static List<String> errors(Schema schema, JsonNode summary) {
        return schema.validate(summary).stream().map(Error::toString).toList();
    }

    private JsonNode run(String name, String... args) throws IOException {
        Path out = tmp.resolve(name);
        String[] all = new String[args.length + 3];
        all[0] = "run";
        System.arraycopy(args, 0, all, 1, args.length);
        all[args.length + 1] = "--out";
        all[args.length + 2] = out.toString();
        Result r = MainTest.offload(all);
        assertEquals(0, r.code(), r.err());
        return JSON.readTree(out.resolve("summary.json").toFile());
    }

    @Test
    void discreteEventSummariesFollowTheirSchema() throws IOException {
        Schema schema = schema("summary.schema.json");
        JsonNode plain = run("plain", "--devices", "50", "--duration", "120", "--warmup", "20");
        assertEquals(List.of(), errors(schema, plain));
        JsonNode busy = run("busy", "--devices", "600", "--duration", "120", "--warmup", "20", "--set",
                "devices.mobility={type: random_waypoint, speed_mps: [5, 20]}", "--set", "edge.coverage_m=150",
                "--set", "network.model=mm1", "--policy", "greedy");
        assertFalse(busy.get("failures_by_reason").size() < 2, busy.get("failures_by_reason").toString());
        assertEquals(List.of(), errors(schema, busy));
        JsonNode models = run("models", "../scenarios/profile.yaml", "--duration", "60", "--warmup", "10", "--policy",
                "accuracy-aware");
        assertFalse(models.get("mean_accuracy").isNull(), "a run with AI models has a mean accuracy");
        assertEquals(List.of(), errors(schema, models));
        JsonNode fresh = run("freshness", "../scenarios/freshness.yaml", "--devices", "40", "--duration", "60",
                "--warmup", "10", "--set", "applications.SPOT_CAMERA.status_update.superseded=drop");
        assertTrue(fresh.get("freshness").get("SPOT_CAMERA").get("superseded").asLong() > 0, fresh.toString());
        assertEquals(List.of(), errors(schema, fresh));
        assertFalse(plain.has("freshness"), "freshness only for scenarios with status-update applications");
        assertFalse(models.has("partitions"), "only partitioned scenarios report partitions");
        JsonNode split = run("split", "../scenarios/split-inference.yaml", "--duration", "60", "--warmup", "10");
        assertTrue(split.get("partitions").get("dnn_split_points").size() > 0, split.get("partitions").toString());
        assertEquals(List.of(), errors(schema, split));
        assertFalse(split.get("partitions").has("dag"), "the dag block only for scenarios with a dag application");
        JsonNode dag = run("dag", "../scenarios/workflow.yaml", "--devices", "10", "--duration", "60", "--warmup", "10");
        assertTrue(dag.get("partitions").get("dag").get("completed").asLong() > 0, dag.get("partitions").toString());
        assertEquals(List.of(), errors(schema, dag));
        JsonNode cascade = run("cascade", "../scenarios/cascade.yaml", "--devices", "40", "--duration", "60",
                "--warmup", "10");
        assertTrue(cascade.get("cascade").get("CLASSIFY").get("escalated").asLong() > 0, cascade.toString());
        assertEquals(List.of(), errors(schema, cascade));
        assertFalse(plain.has("cascade"), "cascade only for scenarios with a cascade application");
        JsonNode quality = run("quality", "../scenarios/quality.yaml", "--devices", "20", "--duration", "60",
                "--warmup", "10");
        assertTrue(quality.get("quality").get("IMAGE_CLASSIFICATION").get("tasks").asLong() > 0, quality.toString());
        assertEquals(List.of(), errors(schema, quality));
        assertFalse(plain.has("quality") || models.has("quality"), "quality only for models with quality levels");
        JsonNode drift = run("drift", "../scenarios/drift.yaml", "--devices", "20", "--duration", "300",
                "--warmup", "30", "--set", "applications.CAMERA.drift.task_change.at_s=200");
        assertTrue(drift.get("drift").get("CAMERA").get("retraining").get("completed").asLong() > 0, drift.toString());
        assertEquals(List.of(), errors(schema, drift));
        List<String> series = Files.readAllLines(tmp.resolve("drift").resolve("drift.csv"));
        assertEquals("application,time_s,accuracy_mean,accuracy_min,knowledge_mean,upload_kb,retraining_in_flight",
                series.get(0));
        assertEquals(1 + 11, series.size(), "a point every 30 s from 0 to 300 s");
        assertFalse(plain.has("drift") || Files.exists(tmp.resolve("plain").resolve("drift.csv")),
                "drift and drift.csv only for scenarios with continual learning");
        JsonNode qos = run("qos", "../scenarios/slices.yaml", "--devices", "30", "--duration", "60", "--warmup", "10");
        assertTrue(qos.get("qos").get("critical").get("tasks").asLong() > 0, qos.toString());
        assertEquals(List.of(), errors(schema, qos));
        assertFalse(plain.has("qos"), "qos only for scenarios with QoS classes");
    }

    @Test
    void anAigcSummaryFollowsItsSchema() throws IOException {
        JsonNode summary = run("aigc", "../scenarios/aigc.yaml", "--set", "eval_episodes=2", "--set",
                "slots_per_episode=10");
        assertEquals(List.of(), errors(schema("aigc-summary.schema.json"), summary));
    }

    @Test
    void theSchemasRejectWhatTheyDoNotDescribe() throws IOException {
        Schema schema = schema("summary.schema.json");
        ObjectNode summary = (ObjectNode) run("strict", "--devices", "20", "--duration", "60", "--warmup", "10");
        summary.put("colour", "blue");
        summary.put("failure_rate", 1.5);
        ((ObjectNode) summary.get("failures_by_reason")).put("bad_luck", 1);
        assertEquals(3, errors(schema, summary).size(), errors(schema, summary).toString());
        ObjectNode aigc = (ObjectNode) run("aigc-strict", "../scenarios/aigc.yaml", "--set", "eval_episodes=2",
                "--set", "slots_per_episode=10");
        aigc.remove("reward");
        assertEquals(1, errors(schema("aigc-summary.schema.json"), aigc).size());
    }
}
