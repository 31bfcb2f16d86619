package org.offload.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.offload.aigc.AigcPolicies;
import org.offload.io.ScenarioLoader;
import org.offload.io.SummaryJson;
import org.offload.io.TraceWriter;
import org.offload.policy.PolicyRegistry;
import org.offload.policy.builtin.BuiltInPolicies;
import org.offload.policy.learned.DlTierPolicy;
import org.offload.policy.learned.MlpFormat;

class MainTest {
    /** A short, small run of the default scenario. */
    private static final String[] SMALL = {"--duration", "120", "--warmup", "20", "--devices", "50"};

    @TempDir
    Path tmp;

    record Result(int code, String out, String err) {
    }

    static Result offload(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.execute(new PrintWriter(out), new PrintWriter(err), args);
        return new Result(code, out.toString(), err.toString());
    }

    static Result run(Path dir, String... extra) {
        List<String> args = new ArrayList<>(List.of("run"));
        args.addAll(List.of(SMALL));
        args.addAll(List.of("--out", dir.toString()));
        args.addAll(List.of(extra));
        Result r = offload(args.toArray(String[]::new));
        assertEquals(0, r.code(), r.err());
        return r;
    }

    static List<String> names(JsonNode node) {
        List<String> out = new ArrayList<>();
        node.fieldNames().forEachRemaining(out::add);
        return out;
    }

    private static List<String> listDir(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private Path writeScenario(String name, String text) throws IOException {
        return Files.writeString(tmp.resolve(name), text);
    }

    private static String defaultText() throws IOException {
        try (var in = ScenarioLoader.class.getClassLoader().getResourceAsStream(ScenarioLoader.DEFAULT_RESOURCE)) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    @Test
    void runWritesSummaryAndScenarioAndPrintsTheTable() throws IOException {
        Path dir = tmp.resolve("out");
        Result r = run(dir);
        assertEquals("", r.err());
        assertEquals(List.of("scenario.yaml", "summary.json"), listDir(dir));
        JsonNode summary = SummaryJson.read(dir.resolve("summary.json"));
        assertEquals(SummaryJson.TOP_LEVEL_KEYS, names(summary));
        assertEquals("default", summary.get("scenario").asText());
        assertEquals(50, summary.get("devices").asInt());
        assertEquals(120.0, summary.get("simulated_time_s").asDouble());
        assertTrue(summary.get("tasks_generated").asLong() > 0,
                "summary.get(\"tasks_generated\").asLong() = " + summary.get("tasks_generated").asLong());
        assertEquals(summary.get("tasks_generated").asLong(),
                summary.get("tasks_completed").asLong() + summary.get("tasks_failed").asLong());
        for (String label : List.of("Scenario", "Policy", "Seed", "Devices", "Tasks", "Failures", "Service time",
                "Mean delays", "VM utilisation", "Device energy", "Application", "AUGMENTED_REALITY", "Tier",
                "Events", "Wall time", "Output")) {
            assertTrue(r.out().contains(label), label + " in\n" + r.out());
        }
        assertTrue(r.out().contains(dir.toString()), r.out());

        Result again = offload("run", dir.resolve("scenario.yaml").toString(), "--out", tmp.resolve("again").toString());
        assertEquals(0, again.code(), again.err());
        JsonNode second = SummaryJson.read(tmp.resolve("again/summary.json"));
        assertEquals(withoutWallTime(summary), withoutWallTime(second), "scenario.yaml reproduces the run");
    }

    @Test
    void traceHasOneRowPerTaskAndMatchesTheSummary() throws IOException {
        Path dir = tmp.resolve("traced");
        run(dir, "--trace");
        assertEquals(List.of("scenario.yaml", "summary.json", "tasks.csv"), listDir(dir));
        JsonNode summary = SummaryJson.read(dir.resolve("summary.json"));
        List<String> lines = Files.readAllLines(dir.resolve(TraceWriter.FILE_NAME));
        assertEquals(TraceWriter.HEADER, lines.get(0));
        List<String> header = List.of(TraceWriter.HEADER.split(","));
        int measured = header.indexOf("measured");
        int outcome = header.indexOf("outcome");
        long completed = 0;
        long failed = 0;
        for (String line : lines.subList(1, lines.size())) {
            String[] cells = line.split(",", -1);
            assertEquals(header.size(), cells.length, line);
            if (cells[measured].equals("true")) {
                if (cells[outcome].equals("completed")) {
                    completed++;
                } else {
                    assertEquals("failed", cells[outcome], line);
                    failed++;
                }
            }
        }
        assertEquals(summary.get("tasks_generated_total").asLong(), lines.size() - 1);
        assertEquals(summary.get("tasks_completed").asLong(), completed);
        assertEquals(summary.get("tasks_failed").asLong(), failed);

        run(dir);
        assertEquals(List.of("scenario.yaml", "summary.json"), listDir(dir), "a run without --trace removes the old trace");
    }

    @Test
    void sameSeedGivesTheSameResults() throws IOException {
        Path a = tmp.resolve("a");
        Path b = tmp.resolve("b");
        run(a, "--trace", "--seed", "42", "--policy", "greedy");
        run(b, "--trace", "--seed", "42", "--policy", "greedy");
        JsonNode sa = SummaryJson.read(a.resolve("summary.json"));
        JsonNode sb = SummaryJson.read(b.resolve("summary.json"));
        assertEquals(42, sa.get("seed").asLong());
        assertEquals("greedy", sa.get("policy").asText());
        assertEquals(withoutWallTime(sa), withoutWallTime(sb));
        assertArrayEquals(Files.readAllBytes(a.resolve("tasks.csv")), Files.readAllBytes(b.resolve("tasks.csv")));

        Path c = tmp.resolve("c");
        run(c, "--seed", "43", "--policy", "greedy");
        assertNotEquals(withoutWallTime(sa), withoutWallTime(SummaryJson.read(c.resolve("summary.json"))),
                "another seed and policy give another summary");
    }

    private static JsonNode withoutWallTime(JsonNode summary) {
        ObjectNode copy = summary.deepCopy();
        copy.remove(List.of("wall_time_s", "tasks_per_wall_second"));
        return copy;
    }

    @Test
    void setAndShortcutsAreAppliedAndRecorded() throws IOException {
        Path dir = tmp.resolve("set");
        run(dir, "--set", "edge.sites=2", "--set", "applications.HEALTH_APP.upload_kb=30", "--policy", "random");
        String yaml = Files.readString(dir.resolve("scenario.yaml"));
        for (String o : List.of("edge.sites=2", "applications.HEALTH_APP.upload_kb=30", "devices.count=50",
                "duration_s=120", "warmup_s=20", "policy=random")) {
            assertTrue(yaml.contains("#   " + o), o + " in\n" + yaml);
        }
        assertEquals("random", SummaryJson.read(dir.resolve("summary.json")).get("policy").asText());
    }

    @Test
    void defaultOutputDirectoryIsNamedAfterScenarioPolicyAndSeed() {
        assertEquals(Path.of("results", "default-greedy-3"), RunCommand.defaultOutput(
                new ScenarioLoader().loadDefault(List.of("policy=greedy", "seed=3"))));
        assertEquals(Path.of("results", "a_b-greedy-3"), RunCommand.defaultOutput(
                new ScenarioLoader().loadDefault(List.of("name=a/b", "policy=greedy", "seed=3"))));
    }

    @Test
    void badScenarioFileExits2NamingFileLineAndKey() throws IOException {
        Path bad = writeScenario("bad.yaml", defaultText().replaceFirst("(?m)^  count: \\d+", "  count: -5"));
        int line = lineOf(Files.readString(bad), "  count: -5");
        Result r = offload("run", bad.toString(), "--out", tmp.resolve("never").toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains(bad + ":" + line + ": devices.count: "), r.err());
        assertFalse(r.err().contains("\tat "), "no stack trace");
        assertFalse(Files.exists(tmp.resolve("never")), tmp.resolve("never") + " should not exist");

        Result v = offload("validate", bad.toString());
        assertEquals(2, v.code());
        assertTrue(v.err().contains(bad + ":" + line + ": devices.count: "), v.err());
        assertEquals("", v.out());
    }

    private static int lineOf(String text, String needle) {
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].startsWith(needle)) {
                return i + 1;
            }
        }
        throw new AssertionError(needle);
    }

    @Test
    void badOverrideExits2() {
        Result r = offload("run", "--set", "devices.count=abc", "--out", tmp.resolve("x").toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("devices.count"), r.err());
        Result w = offload("run", "--duration", "100", "--out", tmp.resolve("x").toString());
        assertEquals(2, w.code());
        assertTrue(w.err().contains("warmup_s"), w.err());
    }

    @Test
    void unknownPolicyExits2ListingTheKnownOnes() throws IOException {
        Result r = offload("run", "--policy", "nope", "--out", tmp.resolve("x").toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("unknown policy 'nope'"), r.err());
        assertTrue(r.err().contains("greedy") && r.err().contains("least-utilised"), r.err());

        Path file = writeScenario("p.yaml", defaultText().replaceFirst("(?m)^policy: \\S+", "policy: fancy"));
        Result f = offload("validate", file.toString());
        assertEquals(2, f.code());
        assertTrue(f.err().contains("unknown policy 'fancy'"), f.err());
        int line = List.of(defaultText().split("\n")).indexOf(
                defaultText().lines().filter(l -> l.startsWith("policy:")).findFirst().orElseThrow()) + 1;
        assertTrue(f.err().startsWith("offload: " + file + ":" + line + ": policy: unknown policy 'fancy'"), f.err());
        Result set = offload("validate", file.toString(), "--set", "policy=fanciest");
        assertTrue(set.err().startsWith("offload: --set: policy: unknown policy 'fanciest'"), set.err());
    }

    @Test
    void commandLineErrorsExit2() {
        assertEquals(2, offload("run", "--bogus").code());
        assertEquals(2, offload("run", "--devices", "many").code());
        assertEquals(2, offload("frobnicate").code());
        assertEquals(2, offload("validate").code());
        Result none = offload();
        assertEquals(2, none.code());
        assertTrue(none.err().contains("Usage: offload"), none.err());
    }

    @Test
    void validateReportsTheScenario() throws IOException {
        Path file = writeScenario("ok.yaml", defaultText());
        Result r = offload("validate", file.toString(), "--set", "devices.count=400");
        assertEquals(0, r.code(), r.err());
        var s = new ScenarioLoader().loadDefault(List.of());
        assertEquals(file + ": ok (400 devices, " + s.applications().size() + " applications, " + s.edge().vmCount()
                + " edge VMs, " + s.cloud().vmCount() + " cloud VMs, policy " + s.policy() + ")", r.out().strip());
    }

    @Test
    void shortcutOptionErrorsNameTheOptionTyped() {
        String[][] cases = {{"--devices", "0", "--devices: expected a whole number >= 1, got '0'"},
                {"--duration", "-1", "--duration: expected a finite number of seconds > 0, got '-1'"},
                {"--warmup", "NaN", "--warmup: expected a finite number of seconds >= 0, got 'NaN'"}};
        for (String[] c : cases) {
            Result r = offload("run", c[0], c[1], "--out", tmp.resolve("s").toString());
            assertEquals(2, r.code(), r.err());
            assertEquals("offload: " + c[2] + "\nTry 'offload run --help' for more information.",
                    r.err().strip().replace("\r\n", "\n"));
        }
    }

    @Test
    void anOutputDirectoryThatCannotBeOneIsAUsageError() throws IOException {
        Path file = Files.writeString(tmp.resolve("not-a-dir"), "mine");
        for (String command : List.of("run", "sweep")) {
            Result r = offload(command, "--devices", "5", "--duration", "20", "--warmup", "2", "--out", file.toString());
            assertEquals(2, r.code(), r.err());
            assertTrue(r.err().contains("--out: " + file + " is a file, not a directory"), r.err());
            Result empty = offload(command, "--devices", "5", "--duration", "20", "--warmup", "2", "--out", "");
            assertEquals(2, empty.code(), empty.err());
            assertTrue(empty.err().contains("--out: an empty path"), empty.err());
        }
        assertEquals("mine", Files.readString(file));
    }

    @Test
    void validateChecksTheSweepBlockAsSweepReadsIt() throws IOException {
        String base = defaultText();
        Result ok = offload("validate", writeScenario("s.yaml", base
                + "sweep: {devices: \"100,200\", policies: [greedy, dl-tier], set: [devices.count=10]}\n").toString());
        assertEquals(0, ok.code(), ok.err());
        assertTrue(ok.out().contains("; sweep block ok)"), ok.out());
        Result typo = offload("validate", writeScenario("t.yaml", base + "sweep: {polcies: [greedy]}\n").toString());
        assertEquals(2, typo.code(), typo.out());
        assertTrue(typo.err().contains("sweep.polcies: unknown key"), typo.err());
        Result policy = offload("validate", writeScenario("p.yaml", base + "sweep: {policies: [gredy]}\n").toString());
        assertEquals(2, policy.code(), policy.out());
        assertTrue(policy.err().contains("sweep.policies: unknown policy 'gredy'"), policy.err());
        Result set = offload("validate", writeScenario("o.yaml", base + "sweep: {set: [devices.colour=3]}\n").toString());
        assertEquals(2, set.code(), set.out());
        assertTrue(set.err().contains("devices.colour: unknown key"), set.err());
    }

    @Test
    void aPolicyJarThatCannotBeReadIsAUsageErrorNamingIt() {
        Result r = offload("policies", "--policy-jar", "no/such.jar");
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("--policy-jar: no/such.jar: no such readable file"), r.err());
        Result run = offload("run", "--policy-jar", "no/such.jar", "--policy", "greedy");
        assertEquals(2, run.code(), run.err());
    }

    @Test
    void policiesListsEveryStudysPoliciesWithTheirCapabilities() {
        Result r = offload("policies");
        assertEquals(0, r.code());
        List<String> lines = r.out().lines().toList();
        int des = lines.indexOf(PolicyRegistry.STUDY + ":");
        int aigc = lines.indexOf(AigcPolicies.STUDY + ":");
        assertTrue(des == 0 && aigc > des, r.out());
        for (String name : BuiltInPolicies.registry().entries().keySet()) {
            assertTrue(lines.subList(des, aigc).stream().anyMatch(l -> l.startsWith("  " + name + " ")), name);
        }
        for (String name : AigcPolicies.registry().entries().keySet()) {
            assertTrue(lines.subList(aigc, lines.size()).stream().anyMatch(l -> l.startsWith("  " + name + " ")),
                    name);
        }
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("  dl-tier ") && l.endsWith(
                "[takes a model file, batches, learned]")), r.out());
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("  maddpg-mato ") && l.contains("needs a model file")),
                r.out());
    }

    @Test
    void versionAndHelp() {
        Result v = offload("--version");
        assertEquals(0, v.code());
        assertTrue(v.out().strip().matches("offload \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?"), v.out());
        for (String cmd : List.of("run", "validate", "policies")) {
            Result h = offload(cmd, "--help");
            assertEquals(0, h.code(), cmd);
            assertTrue(h.out().contains("Usage: offload " + cmd), h.out());
        }
        Result h = offload("--help");
        assertEquals(0, h.code());
        assertTrue(h.out().contains("run") && h.out().contains("validate") && h.out().contains("policies"), h.out());
    }

    @Test
    void ioErrorExits1WithoutStackTraceUnlessDebug() throws IOException {
        Path file = Files.writeString(tmp.resolve("not-a-dir"), "x").resolve("below-a-file");
        Result r = offload("run", "--out", file.toString(), "--devices", "5");
        assertEquals(1, r.code());
        assertTrue(r.err().startsWith("offload: "), r.err());
        assertFalse(r.err().contains("\tat "), r.err());

        Result d = offload("run", "--out", file.toString(), "--devices", "5", "--debug");
        assertEquals(1, d.code());
        assertTrue(d.err().contains("\tat "), d.err());
        Result g = offload("--debug", "run", "--out", file.toString(), "--devices", "5");
        assertEquals(1, g.code());
        assertTrue(g.err().contains("\tat "), g.err());
    }

    @Test
    void theSavedScenarioRecordsPolicyOptionsAndModelsAndReproducesTheRun() throws Exception {
        Path model = tmp.resolve("my tier.mlp");
        try (var in = DlTierPolicy.class.getClassLoader().getResourceAsStream(DlTierPolicy.TIER_ORACLE_RESOURCE)) {
            Files.copy(in, model);
        }
        Path first = tmp.resolve("first");
        run(first, "--quiet", "--policy", "dl-tier", "--model", model.toString(), "--policy-option",
                "batch_window_s=0.05");
        String saved = Files.readString(first.resolve("scenario.yaml"));
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(model)));
        assertTrue(saved.contains("# model file " + model.toAbsolutePath() + " sha256 " + sha), saved);
        assertTrue(saved.contains("batch_window_s: 0.05"), saved);
        Path again = tmp.resolve("again");
        Result r = offload("run", first.resolve("scenario.yaml").toString(), "--quiet", "--out", again.toString());
        assertEquals(0, r.code(), r.err());
        String withoutWallTime = "(?m)^.*(wall_time_s|tasks_per_wall_second).*$";
        assertEquals(Files.readString(first.resolve("summary.json")).replaceAll(withoutWallTime, ""),
                Files.readString(again.resolve("summary.json")).replaceAll(withoutWallTime, ""));
        Path bundled = tmp.resolve("bundled");
        run(bundled, "--quiet", "--policy", "dl-tier");
        assertFalse(Files.readString(bundled.resolve("summary.json")).replaceAll(withoutWallTime, "")
                .equals(Files.readString(again.resolve("summary.json")).replaceAll(withoutWallTime, "")),
                "the recorded model and window were used, not the defaults");
    }

    @Test
    void aScenariosPolicyOptionsReachThePolicy() throws IOException {
        Path file = writeScenario("o.yaml", defaultText().replaceFirst("(?m)^policy: \\S+",
                "policy: dl-tier\npolicy_options: {nosuch: 1}"));
        Result r = offload("run", file.toString(), "--duration", "120", "--warmup", "20", "--quiet", "--out",
                tmp.resolve("o").toString());
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("policy 'dl-tier' has no option 'nosuch'"), r.err());
    }

    @Test
    void policyOptionsThePolicyDoesNotTakeOrCannotUseAreUsageErrors() {
        Result r = offload("run", "--duration", "120", "--warmup", "20", "--devices", "20", "--quiet", "--policy",
                "dl-tier", "--policy-option", "nosuch=1", "--out", tmp.resolve("x").toString());
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("policy 'dl-tier' has no option 'nosuch'; its options: model, batch_window_s,"
                + " order"), r.err());
        r = offload("run", "--duration", "120", "--warmup", "20", "--devices", "20", "--quiet", "--policy",
                "dl-tier", "--policy-option", "order=sideways", "--out", tmp.resolve("y").toString());
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("policy option order: expected sensitive-first or ascending"), r.err());
        assertTrue(!Files.exists(tmp.resolve("x")) && !Files.exists(tmp.resolve("y")), "nothing written");
        r = offload("policies");
        assertTrue(r.out().contains("--policy-option batch_window_s=...: seconds over which tasks are decided"),
                r.out());
    }

    @Test
    void conflictingOrRepeatedModelArgumentsAreUsageErrorsNamingBoth() throws IOException {
        Path t1 = tmp.resolve("t1.mlp");
        Path t2 = tmp.resolve("t2.mlp");
        MlpFormat.save(org.offload.policy.learned.DlTierPolicy.resource(
                org.offload.policy.learned.DlTierPolicy.TIER_EXPERT_RESOURCE), t1);
        MlpFormat.save(org.offload.policy.learned.DlTierPolicy.resource(
                org.offload.policy.learned.DlTierPolicy.TIER_ORACLE_RESOURCE), t2);
        List<String> base = List.of("run", "--duration", "30", "--warmup", "5", "--devices", "10", "--quiet",
                "--policy", "dl-tier", "--out", tmp.resolve("x").toString());
        record Case(List<String> args, String message) {
        }
        List<Case> cases = List.of(
                new Case(List.of("--model", t1.toString(), "--model", t2.toString()),
                        "two tier-nn models given, " + t1 + " and " + t2),
                new Case(List.of("--policy-option", "model=" + t1, "--model", t2.toString()),
                        "--model and --policy-option model=... both given; use one"),
                new Case(List.of("--policy-option", "model="), "--policy-option model= is empty"),
                new Case(List.of("--policy-option", "order=ascending", "--policy-option", "order=sensitive-first"),
                        "--policy-option order given twice ('ascending' and 'sensitive-first')"),
                new Case(List.of("--model", tmp.toString()), tmp + " is a directory, not a model file"),
                new Case(List.of("--policy-option", "batch_window_s=Infinity"), "finite"));
        for (Case c : cases) {
            List<String> args = new ArrayList<>(base);
            args.addAll(c.args());
            Result r = offload(args.toArray(String[]::new));
            assertEquals(2, r.code(), c.args() + ": " + r.err());
            assertTrue(r.err().contains(c.message()), c.args() + ": " + r.err());
        }
        assertFalse(Files.exists(tmp.resolve("x")), "nothing written");
    }
}
