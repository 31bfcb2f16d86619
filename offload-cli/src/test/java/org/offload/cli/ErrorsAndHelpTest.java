package org.offload.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.offload.cli.MainTest.Result;
import org.offload.policy.builtin.BuiltInPolicies;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine;

/** Errors and help as a new user meets them: one prefix, one wording, every problem at once, consistent help. */
class ErrorsAndHelpTest {
    @TempDir
    Path tmp;

    private static Result offload(String... args) {
        return MainTest.offload(args);
    }

    private static List<String> lines(String text) {
        return text.lines().filter(l -> !l.isBlank()).toList();
    }

    @Test
    void everyProblemOfOneCommandLineIsReportedAtOnce() {
        Result r = offload("run", "--devices", "abc", "--policy", "least-utilized", "--seed", "x");
        assertEquals(2, r.code());
        assertEquals(List.of("offload: --devices: expected a whole number >= 1, got 'abc'",
                "offload: --seed: expected a whole number, got 'x'",
                "offload: unknown policy 'least-utilized' (did you mean 'least-utilised'?); known policies: "
                        + String.join(", ", BuiltInPolicies.registry()
                                .addProviders(ErrorsAndHelpTest.class.getClassLoader()).entries().keySet()),
                "Try 'offload run --help' for more information."), lines(r.err()));

        Result sweep = offload("sweep", "--duration", "100", "--devices", "10", "--policies", "utilisation-based",
                "--out", tmp.resolve("s").toString());
        assertEquals(2, sweep.code());
        List<String> err = lines(sweep.err());
        assertEquals(2, err.size(), sweep.err());
        assertTrue(err.get(0).startsWith("offload: --policies: unknown policy 'utilisation-based' (did you mean "
                + "'utilization-based'?)"), err.get(0));
        assertFalse(Files.exists(tmp.resolve("s")), "nothing written");
    }

    /** Continual learning's bad input (drift rate < 0, unknown upload policy, budget <= 0): exit 2, nothing written. */
    @Test
    void badDriftInputExitsWithTwoNamingFileLineAndKey() throws IOException {
        String yaml = Files.readString(Path.of("../scenarios/drift.yaml"));
        String[][] cases = {
            {"rate_per_s: 0.001", "rate_per_s: -0.5",
                ":36: applications[0].drift.rate_per_s: must be a number >= 0, got -0.5"},
            {"policy: periodic ", "policy: sometimes ", ":42: applications[0].drift.upload.policy: unknown value "
                    + "'sometimes'; allowed values: none, periodic, selective, budgeted"},
            {"budget_kb: 600 ", "budget_kb: 0 ",
                ":45: applications[0].drift.upload.budget_kb: must be a number > 0, got 0.0"}};
        for (String[] c : cases) {
            assertTrue(yaml.contains(c[0]), c[0]);
            Path file = tmp.resolve("drift-bad.yaml");
            String text = yaml.replace(c[0], c[1]);
            if (c[0].startsWith("budget_kb")) {
                text = text.replace("policy: periodic ", "policy: budgeted ");
            }
            Files.writeString(file, text);
            Path out = tmp.resolve("never");
            Result r = offload("run", file.toString(), "--duration", "60", "--warmup", "0", "--out", out.toString());
            assertEquals(2, r.code(), r.err());
            assertEquals("offload: " + file + c[2], lines(r.err()).get(0));
            assertFalse(Files.exists(out), "nothing written");
        }
    }

    @Test
    void aDurationShorterThanTheDefaultWarmUpSaysThatWarmupCanBePassed() {
        for (String command : List.of("run", "sweep")) {
            Result r = offload(command, "--duration", "100", "--devices", "10", "--out", tmp.resolve(command).toString());
            assertEquals(2, r.code(), command);
            assertEquals("offload: default.yaml (bundled):31: warmup_s: must be < duration_s (100.0), got 180.0; the "
                    + "scenario's warm-up is not shorter than --duration 100: pass --warmup too, e.g. --warmup 10",
                    r.err().strip(), command);
        }
        assertEquals("offload: --warmup: this command's default warm-up (60 s) is not shorter than --duration 50; pass "
                + "--warmup too, e.g. --warmup 5", offload("bench", "--duration", "50").err().strip());
        assertEquals("offload: --warmup: this command's default warm-up (60 s) is not shorter than --duration 60; pass "
                + "--warmup too, e.g. --warmup 6", offload("dataset", "--duration", "60", "--out", tmp.resolve("d")
                .toString()).err().strip());
        assertEquals("offload: --warmup (60) must be shorter than --duration (60)", offload("dataset", "--duration",
                "60", "--warmup", "60", "--out", tmp.resolve("d").toString()).err().strip());
        Result given = offload("run", "--duration", "100", "--warmup", "150");
        assertTrue(given.err().startsWith("offload: --set: warmup_s: must be < duration_s (100.0), got 150.0"),
                given.err());
    }

    @Test
    void picocliErrorsUseTheSameWordingAndPrefix() {
        assertEquals("offload: --duration: expected a finite number of seconds > 0, got 'soon'",
                lines(offload("run", "--duration", "soon").err()).get(0));
        assertEquals("offload: --replications: expected a whole number >= 1, got '0'",
                lines(offload("sweep", "--replications", "0").err()).get(0));
        assertEquals("offload: --lr: expected a finite number > 0, got 'fast'",
                lines(offload("train", "vm-nn", "--lr", "fast").err()).get(0));
        assertEquals("offload: unknown option '--devics' (did you mean '--devices'?)",
                lines(offload("run", "--devics=3").err()).get(0));
        assertEquals("offload: unknown command 'rn' (did you mean 'run'?)", lines(offload("rn").err()).get(0));
        assertEquals("offload: unknown option '-V' (the version: offload --version)",
                lines(offload("run", "-V").err()).get(0));
        assertEquals("offload: --out: a value is missing (DIR)", lines(offload("run", "--out").err()).get(0));
        assertEquals("offload: missing required option: '--out=DIR'", lines(offload("man").err()).get(0));
        for (String[] args : List.of(new String[] {"run", "--bogus"}, new String[] {"sweep", "--threads", "-1"},
                new String[] {"bench", "--forks", "x"}, new String[] {"validate"}, new String[] {"frobnicate"},
                new String[] {"dataset", "--samples", "0", "--out", "x"}, new String[] {"aigc", "sweep", "-n", "0"})) {
            Result r = offload(args);
            assertEquals(2, r.code(), String.join(" ", args));
            for (String line : lines(r.err())) {
                assertTrue(line.startsWith("offload: ") || line.startsWith("Try 'offload"),
                        String.join(" ", args) + " printed: " + line);
            }
        }
    }

    @Test
    void aMissingOrBinaryScenarioFileIsAPlainMessage() throws IOException {
        Result missing = offload("run", "nofile.yaml");
        assertEquals(2, missing.code());
        assertEquals("offload: nofile.yaml: no such file (looked for " + Path.of("nofile.yaml").toAbsolutePath() + ")",
                missing.err().strip());
        Result aigc = offload("train", "aigc", "--agent", "saddpg", "-o", tmp.resolve("cp").toString(), "--scenario",
                "nofile.yaml");
        assertEquals("offload: nofile.yaml: no such file (looked for " + Path.of("nofile.yaml").toAbsolutePath() + ")",
                aigc.err().strip());
        Path binary = Files.write(tmp.resolve("bin.yaml"), new byte[] {'a', ':', ' ', (byte) 0xff, '\n'});
        for (String command : List.of("run", "validate", "sweep", "bench")) {
            Result r = offload(command, binary.toString(), "--set", "devices.count=10");
            assertEquals(2, r.code(), command);
            assertTrue(r.err().startsWith("offload: " + binary + ":1: not UTF-8 text: byte 0xff at offset 3"),
                    command + ": " + r.err());
        }
    }

    @Test
    void unknownKeysAndValuesSuggestTheClosest() throws IOException {
        String text = new String(org.offload.io.ScenarioLoader.class.getClassLoader()
                .getResourceAsStream(org.offload.io.ScenarioLoader.DEFAULT_RESOURCE).readAllBytes(),
                StandardCharsets.UTF_8);
        Path file = Files.writeString(tmp.resolve("t.yaml"), text.replace("duration_s: 1980", "duraton_s: 1980"));
        Result r = offload("validate", file.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().startsWith("offload: " + file + ":30: duraton_s: unknown key (did you mean 'duration_s'?);"),
                r.err());
        Result set = offload("validate", file.toString(), "--set", "scheduling=fsfc");
        assertTrue(set.err().contains("unknown"), set.err());
        Result value = offload("run", "--set", "scheduling=fcsf");
        assertEquals("offload: --set: scheduling: unknown value 'fcsf' (did you mean 'fcfs'?); allowed values: "
                + "time_shared, fcfs", value.err().strip());
    }

    /** Every command of the tree, depth first. */
    private static List<CommandLine> commands(CommandLine cl) {
        List<CommandLine> all = new ArrayList<>(List.of(cl));
        cl.getSubcommands().values().forEach(sub -> all.addAll(commands(sub)));
        return all;
    }

    private static CommandLine tree() {
        return Main.commandLine(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()), false);
    }

    @Test
    void onlyTheRootHasVersionAndEveryCommandHasHelp() {
        for (CommandLine c : commands(tree())) {
            CommandSpec spec = c.getCommandSpec();
            boolean root = spec.parent() == null;
            assertEquals(root, spec.findOption("--version") != null, spec.qualifiedName());
            assertEquals(root, spec.findOption("-V") != null, spec.qualifiedName());
            if (!spec.name().equals("help")) {
                assertTrue(spec.findOption("-h") != null && spec.findOption("--help") != null, spec.qualifiedName());
            }
        }
    }

    @Test
    void theCommonOptionsHaveShortNamesAndOneOrderEverywhere() {
        List<String> canonical = List.of("--set", "--devices", "--policy", "--policies", "--seed", "--duration",
                "--warmup", "--out", "--quiet", "--help", "--debug");
        for (CommandLine c : commands(tree())) {
            CommandSpec spec = c.getCommandSpec();
            if (spec.parent() == null || List.of("serve", "loadtest").contains(spec.name())) {
                continue; // the root has only --help, --version and --debug; the service's commands are apart
            }
            List<String> order = new ArrayList<>();
            for (OptionSpec o : spec.options()) {
                if (canonical.contains(o.longestName())) {
                    order.add(o.longestName());
                }
            }
            List<String> sorted = new ArrayList<>(order);
            sorted.sort((a, b) -> Integer.compare(canonical.indexOf(a), canonical.indexOf(b)));
            assertEquals(sorted, order, spec.qualifiedName() + " lists its common options in another order");
            for (String[] pair : List.of(new String[] {"--out", "-o"}, new String[] {"--policy", "-p"},
                    new String[] {"--policies", "-p"}, new String[] {"--devices", "-n"},
                    new String[] {"--seed", "-s"})) {
                OptionSpec o = spec.findOption(pair[0]);
                if (o != null && !spec.name().equals("serve")) {
                    assertTrue(List.of(o.names()).contains(pair[1]), spec.qualifiedName() + " " + pair[0]);
                }
            }
        }
        Result r = offload("run", "-n", "20", "-p", "greedy", "-s", "3", "--duration", "60", "--warmup", "10",
                "-o", tmp.resolve("short").toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("Policy            greedy") && r.out().contains("Seed              3"), r.out());
    }

    @Test
    void aCommandsOwnDefaultsAreShownAndUsed() {
        String bench = offload("bench", "--help").out();
        assertTrue(bench.contains("Simulated seconds per run (default: 600)."), bench);
        String dataset = offload("dataset", "--help").out();
        assertTrue(dataset.contains("Simulated seconds per episode (default: 300)."), dataset);
        String run = offload("run", "--help").out();
        assertTrue(run.contains("Simulated time, warm-up included (duration_s).")
                && run.contains("results/<scenario>-<policy>-<seed>"), run);
    }
}
