package org.offload.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.offload.io.ScenarioLoader;
import org.offload.policy.builtin.BuiltInPolicies;
import org.offload.policy.learned.MlpFormat;
import org.offload.scenario.Scenario;

/**
 * Issue 27's service bullet: policy options at start and in {@code PUT /v1/policy}, the model variant chosen by
 * accuracy-aware policies in the answer, and model files confined to {@code models.dir} with one answer for every
 * file that cannot be used (no existence oracle).
 */
class PolicyOptionsAndModelsTest {
    @TempDir
    Path dir;

    /** The profile scenario (ResNet variants) with the variants' demands given, so no predictor is needed. */
    static Scenario modelScenario() {
        List<String> set = new ArrayList<>();
        double[] mi = {300, 600, 900}; // all three meet the 0.6 s deadline on an idle cloud VM
        for (int v = 0; v < 3; v++) {
            set.add("applications[0].model.variants[" + v + "].length_mi=" + mi[v]);
            set.add("applications[0].model.variants[" + v + "].memory_mb=" + (100 + 50 * v));
        }
        return new ScenarioLoader(null).load(Path.of("..", "scenarios", "profile.yaml"), set);
    }

    @Test
    void optionsReachThePolicyAndTheChosenVariantIsAnswered() {
        Scenario sc = modelScenario();
        ServiceConfig cfg = TestSupport.config().withPolicy(new ServiceConfig.PolicySpec("accuracy-aware", null,
                Map.of("v", "0")));
        try (OffloadService s = OffloadService.builder(cfg, sc).tokens(TestSupport.tokens()).start()) {
            JsonNode policies = TestSupport.call(s, "GET", "/v1/policies", TestSupport.DEVICE_TOKEN, null).json();
            assertEquals("0", policies.path("active").path("options").path("v").asText());
            assertTrue(policies.toString().contains("\"deadline_margin\""), "options listed per policy");
            Set<String> variants = new HashSet<>();
            for (int d = 0; d < 10; d++) {
                JsonNode a = TestSupport.call(s, "POST", "/v1/decisions", TestSupport.DEVICE_TOKEN,
                        "{\"application\":\"IMAGE_CLASSIFICATION\",\"device\":" + d + "}").json();
                assertEquals("placed", a.path("outcome").asText(), a.toString());
                JsonNode v = a.path("variant");
                assertTrue(v.path("name").asText().startsWith("resnet"), a.toString());
                assertEquals(sc.applications().get(0).model().variants().get(v.path("index").asInt()).name(),
                        v.path("name").asText());
                variants.add(v.path("name").asText());
            }
            // the options reach the policy: with a deadline margin nothing meets, it takes the fastest option
            TestSupport.Reply tight = TestSupport.call(s, "PUT", "/v1/policy", TestSupport.ADMIN_TOKEN,
                    "{\"policy\":\"accuracy-aware\",\"options\":{\"deadline_margin\":0.01}}");
            assertEquals(200, tight.status(), tight.body());
            assertEquals("resnet18", TestSupport.call(s, "POST", "/v1/decisions", TestSupport.DEVICE_TOKEN,
                    "{\"application\":\"IMAGE_CLASSIFICATION\",\"device\":1}").json().path("variant").path("name")
                    .asText());
            // a large V buys accuracy: the most accurate variant while the VMs are idle
            TestSupport.Reply change = TestSupport.call(s, "PUT", "/v1/policy", TestSupport.ADMIN_TOKEN,
                    "{\"policy\":\"accuracy-aware\",\"options\":{\"v\":1000}}");
            assertEquals(200, change.status(), change.body());
            assertEquals("1000", change.json().path("active").path("options").path("v").asText());
            JsonNode a = TestSupport.call(s, "POST", "/v1/decisions", TestSupport.DEVICE_TOKEN,
                    "{\"application\":\"IMAGE_CLASSIFICATION\",\"device\":1}").json();
            assertEquals("resnet50", a.path("variant").path("name").asText(), a.toString());
            // a bad option: 400 naming options, the old policy keeps running
            TestSupport.Reply bad = TestSupport.call(s, "PUT", "/v1/policy", TestSupport.ADMIN_TOKEN,
                    "{\"policy\":\"accuracy-aware\",\"options\":{\"colour\":\"red\"}}");
            assertEquals(400, bad.status());
            assertEquals("options", bad.json().path("field").asText());
            assertTrue(bad.json().path("error").asText().contains("has no option 'colour'"), bad.body());
            assertEquals("1000", s.engine().active().options().get("v"));
        }
    }

    /**
     * Before: /nonexistent, /etc/shadow and /proc/self/mem gave three different 400s. Now every path that cannot
     * be used — missing, outside the model directory (directly, by "..", or by a link), unreadable, not a regular
     * file — gets the same answer, and a valid model inside the directory loads.
     */
    @Test
    void modelFilesAreConfinedToTheModelDirectoryWithoutAnExistenceOracle() throws Exception {
        Path models = Files.createDirectories(dir.resolve("models"));
        Path outside = Files.writeString(dir.resolve("outside.mlp"), "offload-mlp 1\n");
        Files.createSymbolicLink(models.resolve("link.mlp"), outside);
        Path locked = Files.writeString(models.resolve("locked.mlp"), "x\n");
        Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("---------"));
        Files.createDirectories(models.resolve("subdir"));
        MlpFormat.save(MlpFormat.loadResource(org.offload.policy.learned.DlTierPolicy.TIER_EXPERT_RESOURCE),
                models.resolve("tier.mlp"));
        ServiceConfig cfg = TestSupport.config().withModels(new ServiceConfig.Models(models, 4L << 20));
        PolicyCatalog catalog = new PolicyCatalog(BuiltInPolicies.registry()).withModelPolicies("dl-tier");
        try (OffloadService s = OffloadService.builder(cfg, TestSupport.scenario()).catalog(catalog)
                .tokens(TestSupport.tokens()).start()) {
            Set<String> answers = new HashSet<>();
            List<String> unusable = new ArrayList<>(List.of("/nonexistent", "/etc/shadow", "/proc/self/mem",
                    "../outside.mlp", outside.toString(), "link.mlp", "subdir", "missing.mlp", "/etc/passwd"));
            boolean root = "root".equals(System.getProperty("user.name"));
            if (!root) {
                unusable.add("locked.mlp"); // root reads it anyway
            }
            for (String model : unusable) {
                TestSupport.Reply r = TestSupport.call(s, "PUT", "/v1/policy", TestSupport.ADMIN_TOKEN,
                        "{\"policy\":\"dl-tier\",\"model\":" + Fields.MAPPER.writeValueAsString(model) + "}");
                assertEquals(400, r.status(), model);
                assertEquals("model", r.json().path("field").asText());
                String error = r.json().path("error").asText();
                assertFalse(error.contains("root:") || error.contains("offload-mlp"), error);
                answers.add(error.replace(Requests.clip(model), "NAME"));
            }
            assertEquals(1, answers.size(), "different answers: " + answers);
            TestSupport.Reply ok = TestSupport.call(s, "PUT", "/v1/policy", TestSupport.ADMIN_TOKEN,
                    "{\"policy\":\"dl-tier\",\"model\":\"tier.mlp\"}");
            assertEquals(200, ok.status(), ok.body());
            assertEquals("dl-tier", s.engine().active().name());
        }
        // without a model directory, no model can be loaded at run time
        try (OffloadService s = OffloadService.builder(TestSupport.config(), TestSupport.scenario()).catalog(catalog)
                .tokens(TestSupport.tokens()).start()) {
            TestSupport.Reply r = TestSupport.call(s, "PUT", "/v1/policy", TestSupport.ADMIN_TOKEN,
                    "{\"policy\":\"dl-tier\",\"model\":\"tier.mlp\"}");
            assertEquals(400, r.status());
            assertTrue(r.json().path("error").asText().contains("models.dir"), r.body());
        }
    }
}
