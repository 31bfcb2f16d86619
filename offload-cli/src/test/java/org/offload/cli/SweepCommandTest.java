package org.offload.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.offload.experiment.SweepManifest;

class SweepCommandTest {
    private static final String[] SMALL = {"--devices", "20..60:20", "--replications", "2", "--duration", "90",
            "--warmup", "15", "--seed", "5"};

    @TempDir
    Path tmp;

    static MainTest.Result sweep(Path dir, String... extra) {
        List<String> args = new ArrayList<>(List.of("sweep"));
        args.addAll(List.of(SMALL));
        args.addAll(List.of("--out", dir.toString()));
        args.addAll(List.of(extra));
        return MainTest.offload(args.toArray(String[]::new));
    }

    /** The CSV text with the wall_time_s columns (the last ones) removed. */
    static String withoutWallTime(Path csv) throws IOException {
        StringBuilder b = new StringBuilder();
        List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
        String[] header = lines.get(0).split(",", -1);
        int keep = 0;
        while (keep < header.length && !header[keep].startsWith("wall_time_s")) {
            keep++;
        }
        assertTrue(keep < header.length, "keep = " + keep + ", header.length = " + header.length);
        for (String line : lines) {
            String[] cells = line.split(",", -1);
            b.append(String.join(",", List.of(cells).subList(0, keep))).append('\n');
        }
        return b.toString();
    }

    @Test
    void sweepWritesResultsAndReportAndPrintsServiceTimes() throws IOException {
        Path dir = tmp.resolve("s");
        MainTest.Result r = sweep(dir, "--policies", "least-utilised,random", "--threads", "2", "--quiet");
        assertEquals(0, r.code(), r.err());
        assertEquals("", r.err());
        assertTrue(r.out().contains("12 runs: 12 executed, 0 resumed, 0 failed"), r.out());
        assertTrue(r.out().lines().anyMatch(l -> l.startsWith("least-utilised ")), r.out());
        assertTrue(r.out().contains("Mean service time (s) [95% CI], failed tasks (%)"), r.out());
        assertTrue(r.out().lines().anyMatch(l -> l.matches("random +\\d+\\.\\d{3} \\[\\d+\\.\\d{3}, \\d+\\.\\d{3}\\] "
                + "\\d+\\.\\d%.*")), r.out());
        assertTrue(r.out().contains("Report:  " + dir.resolve("report.html")), r.out());
        for (String f : List.of("sweep.csv", "aggregate.csv", "sweep.json", "report.html", "charts/service_time.png",
                "runs/random/d60/r1/summary.json")) {
            assertTrue(Files.isRegularFile(dir.resolve(f)), f);
        }
        SweepManifest m = SweepManifest.read(dir.resolve("sweep.json"));
        assertTrue(m.commandLine().startsWith("offload sweep --devices 20..60:20"), m.commandLine());
        assertEquals(5, m.spec().seed());
        assertEquals(List.of("duration_s=90", "warmup_s=15"), m.spec().overrides());
    }

    @Test
    void varyAddsAnAxisAndBadAxesExitTwoNamingTheKeyBeforeAnyRun() throws IOException {
        Path dir = tmp.resolve("v");
        MainTest.Result r = MainTest.offload("sweep", "--devices", "20", "--duration", "60", "--warmup", "10",
                "--policies", "edge-only", "--vary", "network.wlan.bandwidth_mbps=5,50", "--tradeoff",
                "service_time_mean_s,energy_per_device_j", "--quiet", "--out", dir.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("Columns: network.wlan.bandwidth_mbps (20 devices)"), r.out());
        assertTrue(Files.isRegularFile(dir.resolve("runs/edge-only/network.wlan.bandwidth_mbps=50/d20/r0/summary.json")));
        assertTrue(Files.isRegularFile(dir.resolve(
                "charts/tradeoff_energy_per_device_j_vs_service_time_mean_s.png")));
        assertTrue(Files.readString(dir.resolve("report.html")).contains("Varied"));

        for (String[] bad : new String[][] {
                {"--vary", "network.wlan.bandwidth_mbpz=5,50", "network.wlan.bandwidth_mbpz: unknown key (did you mean "
                        + "'bandwidth_mbps'?)"},
                {"--vary", "network.wlan.bandwidth_mbps=5,-1", "--vary network.wlan.bandwidth_mbps=-1: "},
                {"--vary", "network.wlan.bandwidth_mbps=5,x", "'x' is not a number"},
                {"--vary", "devices.count=5,10", "use --devices"},
                {"--vary", "network.wlan.bandwidth_mbps=5", "--vary=edge.sites=1,2",
                        "--vary: one axis is supported besides --devices, got 2"},
                {"--vary", "network.wlan.bandwidth_mbps=5", "--set", "network.wlan.bandwidth_mbps=7",
                        "also given as --set network.wlan.bandwidth_mbps=7"},
                {"--tradeoff", "service_time_mean_s,speed", "--tradeoff: unknown metric 'speed'"}}) {
            Path out = tmp.resolve("bad");
            List<String> args = new ArrayList<>(List.of("sweep", "--devices", "20", "--out", out.toString()));
            args.addAll(List.of(bad).subList(0, bad.length - 1));
            MainTest.Result e = MainTest.offload(args.toArray(String[]::new));
            assertEquals(2, e.code(), String.join(" ", bad) + ": " + e.err());
            assertTrue(e.err().contains(bad[bad.length - 1]), e.err());
            assertFalse(Files.exists(out), "nothing written for " + String.join(" ", bad));
        }
    }

    @Test
    void aScenarioFileCanCarryItsOwnSweepBlock() throws IOException {
        String scenario = Files.readString(Path.of("../scenarios/default.yaml"), StandardCharsets.UTF_8)
                + "\nsweep:\n  devices: 20..40:20\n  policies: [random, greedy]\n  replications: 1\n"
                + "  set: [duration_s=90, warmup_s=10]\n";
        Path file = tmp.resolve("with-sweep.yaml");
        Files.writeString(file, scenario, StandardCharsets.UTF_8);
        Path dir = tmp.resolve("block");
        MainTest.Result r = MainTest.offload("sweep", file.toString(), "--out", dir.toString(), "--no-report", "--quiet");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("4 runs: 4 executed"), r.out());
        assertTrue(Files.isRegularFile(dir.resolve("runs/greedy/d40/r0/summary.json")),
                dir.resolve("runs/greedy/d40/r0/summary.json") + " is missing");
        assertEquals(0, MainTest.offload("run", file.toString(), "--duration", "60", "--warmup", "10", "--out",
                tmp.resolve("single").toString()).code(), "offload run ignores the sweep block");

        Files.writeString(file, scenario.replace("  replications: 1", "  replication: 1"), StandardCharsets.UTF_8);
        MainTest.Result bad = MainTest.offload("sweep", file.toString(), "--out", dir.toString(), "--quiet");
        assertEquals(2, bad.code());
        assertTrue(bad.err().contains("sweep.replication: unknown key"), bad.err());
    }

    @Test
    void threadCountDoesNotChangeTheResults() throws IOException {
        Path one = tmp.resolve("one");
        Path two = tmp.resolve("two");
        assertEquals(0, sweep(one, "--policies", "greedy,edge-only", "--threads", "1", "--no-report", "--quiet").code());
        assertEquals(0, sweep(two, "--policies", "greedy,edge-only", "--threads", "2", "--no-report", "--quiet").code());
        assertFalse(Files.exists(one.resolve("report.html")), one.resolve("report.html") + " should not exist");
        for (String f : List.of("sweep.csv", "aggregate.csv")) {
            assertEquals(withoutWallTime(one.resolve(f)), withoutWallTime(two.resolve(f)), f);
        }
    }

    @Test
    void progressLinesOnStandardErrorWithoutAConsole() {
        MainTest.Result r = sweep(tmp.resolve("p"), "--policies", "random", "--no-report");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().contains("offload sweep: 100% (6/6 runs)"), r.err());
    }

    @Test
    void resumeSkipsFinishedRuns() throws IOException {
        Path dir = tmp.resolve("r");
        assertEquals(0, sweep(dir, "--policies", "random", "--no-report", "--quiet").code());
        Files.delete(dir.resolve("runs/random/d40/r0/summary.json"));
        MainTest.Result r = sweep(dir, "--policies", "random", "--no-report", "--resume");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().contains("5 of 6 runs already done, resuming"), r.err());
        assertTrue(r.out().contains("6 runs: 1 executed, 5 resumed, 0 failed"), r.out());
    }

    @Test
    void aFolderWithAnotherSweepsRunsIsRefusedUnlessResumeOrForce() throws IOException {
        Path dir = tmp.resolve("twice");
        assertEquals(0, sweep(dir, "--policies", "random", "--no-report", "--quiet").code());
        MainTest.Result r = sweep(dir, "--policies", "greedy", "--no-report", "--quiet");
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("holds 6 runs of an earlier sweep") && r.err().contains("--resume")
                && r.err().contains("--force"), r.err());
        assertTrue(Files.isRegularFile(dir.resolve("runs/random/d40/r0/summary.json")), "nothing deleted");
        r = sweep(dir, "--policies", "greedy", "--no-report", "--quiet", "--force", "--baseline", "greedy");
        assertEquals(0, r.code(), r.err());
        assertFalse(Files.exists(dir.resolve("runs/random")), "--force replaced the earlier runs");
        r = sweep(dir, "--policies", "greedy,random", "--no-report", "--quiet", "--force", "--baseline", "random");
        assertEquals(0, r.code(), r.err());
        String paired = Files.readString(dir.resolve("paired.csv"));
        assertTrue(paired.startsWith("policy,baseline,devices,n,tasks_generated_diff_mean,"), paired);
        assertTrue(paired.contains("\ngreedy,random,20,2,0.0,0.0,0.0,"),
                "common random numbers: the same tasks generated, so a zero difference: " + paired);
        r = sweep(dir, "--policies", "greedy", "--baseline", "random", "--resume", "--force");
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("--baseline: 'random' is not one of the sweep's policies (greedy)"), r.err());
        assertTrue(r.err().contains("--resume and --force: choose one"), r.err());
    }

    @Test
    void anInterruptedSweepSaysWhatItKeptAndResumeContinues() throws Exception {
        Path dir = tmp.resolve("int");
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Main.class.getName(), "sweep", "--devices",
                "100..800:100", "--policies", "greedy,random", "--replications", "2", "--threads", "1",
                "--duration", "300", "--warmup", "30", "--no-report", "--out", dir.toString()));
        Path log = tmp.resolve("int.err");
        Process p = new ProcessBuilder(cmd).redirectError(log.toFile())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        long deadline = System.nanoTime() + 120_000_000_000L;
        while (!(Files.exists(log) && Files.readString(log).contains("offload sweep:  10%"))) {
            assertTrue(p.isAlive() && System.nanoTime() < deadline, "no progress: " + (Files.exists(log)
                    ? Files.readString(log) : ""));
            Thread.sleep(50);
        }
        p.destroy();
        assertTrue(p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS), "the sweep did not stop");
        String seen = Files.readString(log);
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("offload sweep: interrupted; (\\d+) of 32 runs are "
                + "finished and kept in " + java.util.regex.Pattern.quote(dir.toString())
                + "; run the same command with --resume to continue").matcher(seen);
        assertTrue(m.find(), seen.toString());
        int kept = Integer.parseInt(m.group(1));
        long summaries;
        try (var walk = Files.walk(dir.resolve("runs"))) {
            summaries = walk.filter(f -> f.getFileName().toString().equals("summary.json")).count();
        }
        assertTrue(kept >= 3 && kept < 32 && summaries >= kept, "kept " + kept + ", summaries " + summaries);
        MainTest.Result r = MainTest.offload("sweep", "--devices", "100..800:100", "--policies", "greedy,random",
                "--replications", "2", "--threads", "1", "--duration", "300", "--warmup", "30", "--no-report",
                "--out", dir.toString(), "--resume", "--quiet");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("32 runs: " + (32 - summaries) + " executed, " + summaries + " resumed"), r.out());
    }

    @Test
    void badInputExits2BeforeRunning() throws IOException {
        Path dir = tmp.resolve("bad");
        MainTest.Result r = sweep(dir, "--policies", "random,nope");
        assertEquals(2, r.code());
        assertTrue(r.err().startsWith("offload: --policies: unknown policy 'nope'"), r.err());
        assertFalse(Files.exists(dir), dir + " should not exist");

        r = MainTest.offload("sweep", "--devices", "60..20:20", "--out", dir.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("devices: range '60..20:20' ends"), r.err());

        r = MainTest.offload("sweep", "--out", dir.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("--devices is required"), r.err());

        r = sweep(dir, "--set", "devices.cont=3");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("devices.cont"), r.err());

        Path spec = Files.writeString(tmp.resolve("sweep.yaml"), "devices: 20\npolicy: random\n");
        r = MainTest.offload("sweep", "--spec", spec.toString(), "--out", dir.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains(spec + ": policy: unknown key"), r.err());
        assertFalse(Files.exists(dir), dir + " should not exist");
    }

    @Test
    void sweepFileSuppliesTheSpecAndOptionsOverrideIt() throws IOException {
        Path spec = Files.writeString(tmp.resolve("sweep.yaml"), """
                devices: [20, 40]
                policies: [random, greedy]
                replications: 3
                seed: 11
                set: [duration_s=60, warmup_s=10]
                threads: 1
                """);
        Path dir = tmp.resolve("f");
        MainTest.Result r = MainTest.offload("sweep", "--spec", spec.toString(), "--replications", "1", "--out", dir.toString(),
                "--quiet", "--no-report");
        assertEquals(0, r.code(), r.err());
        SweepManifest m = SweepManifest.read(dir.resolve("sweep.json"));
        assertEquals(List.of(20, 40), m.spec().devices());
        assertEquals(List.of("random", "greedy"), m.spec().policies());
        assertEquals(1, m.spec().replications());
        assertEquals(11, m.spec().seed());
        assertEquals(1, m.spec().threads());
        assertEquals(List.of("duration_s=60", "warmup_s=10"), m.spec().overrides());
    }

    /**
     * A configured policy in a sweep file runs under its own name everywhere (tables, run folders, summary.json,
     * sweep.json) with its options in each run's scenario.yaml, and differs from the unconfigured policy.
     */
    @Test
    void aConfiguredPolicyRunsUnderItsOwnNameWithItsOptions() throws IOException {
        Path scenario = Path.of("../scenarios/split-inference.yaml").toAbsolutePath().normalize();
        Path spec = Files.writeString(tmp.resolve("sweep.yaml"), """
                scenario: %s
                devices: 10
                policies:
                  - neurosurgeon
                  - name: ns-energy
                    policy: neurosurgeon
                    options: {objective: energy}
                set: [duration_s=60, warmup_s=10]
                """.formatted(scenario));
        Path dir = tmp.resolve("v");
        MainTest.Result r = MainTest.offload("sweep", "--spec", spec.toString(), "--out", dir.toString(), "--quiet",
                "--threads", "2");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().lines().anyMatch(l -> l.startsWith("ns-energy ")), r.out());
        assertTrue(Files.readString(dir.resolve("runs/ns-energy/d10/r0/summary.json"))
                .contains("\"policy\": \"ns-energy\""));
        String yaml = Files.readString(dir.resolve("runs/ns-energy/d10/r0/scenario.yaml"));
        assertTrue(yaml.contains("policy_options.objective=energy") || yaml.contains("objective: energy"), yaml);
        List<String> rows = Files.readAllLines(dir.resolve("aggregate.csv"));
        assertEquals(3, rows.size(), String.join("\n", rows));
        assertTrue(rows.get(2).startsWith("ns-energy,"), rows.get(2));
        assertFalse(rows.get(1).substring("neurosurgeon".length()).equals(rows.get(2).substring("ns-energy".length())),
                "the energy objective changes the results");
        assertTrue(Files.readString(dir.resolve("report.html")).contains("ns-energy"));
        SweepManifest m = SweepManifest.read(dir.resolve("sweep.json"));
        assertEquals(List.of("neurosurgeon", "ns-energy"), m.spec().policies());
        assertEquals("energy", m.spec().variant("ns-energy").options().get("objective"));
    }

    @Test
    void aConfiguredPolicysErrorsNameTheFileLineAndKey() throws IOException {
        String base = """
                devices: 10
                policies:
                  - greedy
                  - name: ns-energy
                    policy: neurosurgeon
                    options: {objective: energy}
                """;
        Object[][] cases = {
                {base.replace("options:", "opts:"), ":6: policies[1].opts: unknown key"},
                {base.replace("objective: energy", "objectiv: energy"),
                        ":6: policies[1].options.objectiv: policy 'neurosurgeon' has no option 'objectiv'; its "
                                + "options: objective, energy_weight"},
                {base.replace("policy: neurosurgeon", "policy: neurosurgeom"),
                        ":5: policies[1].policy: unknown policy 'neurosurgeom'"},
                {base.replace("name: ns-energy", "name: greedy"), ":4: policies[1].name: 'greedy' is a registered"},
                {base.replace("objective: energy", "objective: speed"), ":6: policies[1].options: "},
        };
        for (Object[] c : cases) {
            Path spec = Files.writeString(tmp.resolve("bad.yaml"), (String) c[0]);
            Path dir = tmp.resolve("bad");
            MainTest.Result r = MainTest.offload("sweep", "--spec", spec.toString(), "--out", dir.toString());
            assertEquals(2, r.code(), c[0] + "\n" + r.err());
            assertTrue(r.err().contains(spec + (String) c[1]), c[1] + " in\n" + r.err());
            assertFalse(Files.exists(dir), dir + " should not exist");
        }
    }

    @Test
    void helpListsTheNewCommands() {
        for (String cmd : List.of("sweep", "report")) {
            MainTest.Result h = MainTest.offload(cmd, "--help");
            assertEquals(0, h.code(), cmd);
            assertTrue(h.out().contains("Usage: offload " + cmd), h.out());
        }
        MainTest.Result h = MainTest.offload("sweep", "--help");
        assertTrue(h.out().contains("95% confidence intervals"), h.out());
        assertTrue(MainTest.offload("--help").out().contains("sweep"), MainTest.offload("--help").out());
    }

    @Test
    void reportCommandRebuildsTheReport() throws IOException {
        Path dir = tmp.resolve("rep");
        assertEquals(0, sweep(dir, "--policies", "random", "--no-report", "--quiet").code());
        MainTest.Result r = MainTest.offload("report", dir.toString());
        assertEquals(0, r.code(), r.err());
        assertEquals("Report: " + dir.resolve("report.html") + System.lineSeparator(), r.out());
        assertTrue(Files.size(dir.resolve("report.html")) > 10_000,
                dir.resolve("report.html") + " has " + Files.size(dir.resolve("report.html")) + " bytes");

        r = MainTest.offload("report", tmp.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("no sweep.json"), r.err());
    }
}
