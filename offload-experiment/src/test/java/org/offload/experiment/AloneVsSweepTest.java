package org.offload.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.offload.io.SummaryJson;
import org.offload.policy.builtin.BuiltInPolicies;
import org.offload.scenario.Scenario;
import org.offload.sim.OffloadSimulation;

/**
 * The simulator anchors' check (Caffeine's ClimberBaselineTest): every built-in policy gives the same result alone
 * as inside a sweep. Each policy runs once on its own, with the scenario, device count and seed of a sweep run, and
 * its summary must equal that run's {@code summary.json} to the byte (wall-time lines aside). The sweep runs all
 * policies at once on two threads, so state leaking between policies or threads would show here.
 */
class AloneVsSweepTest {
    @TempDir
    Path tmp;

    @Test
    void everyBuiltInPolicyGivesTheSameResultAloneAsInASweep() throws Exception {
        List<String> policies = new ArrayList<>(BuiltInPolicies.registry().entries().keySet());
        SweepSpec spec = new SweepSpec(null, List.of("duration_s=60", "warmup_s=10"), List.of(40), policies, 2, 11,
                2);
        SweepResult r = SweepRunner.builder(spec, tmp).build().run();
        assertEquals(List.of(), r.failures());
        ScenarioSource source = ScenarioSource.read(null);
        DesStudy study = new DesStudy(spec, source, BuiltInPolicies.registry());
        int compared = 0;
        for (RunPoint p : spec.points()) {
            if (p.replication() != 1) {
                continue;
            }
            Scenario alone = source.parse(List.of("duration_s=60", "warmup_s=10")).withDevices(p.devices())
                    .withPolicy(p.policy()).withSeed(p.seed());
            assertEquals(source.parse(study.overrides(p)), alone, "the sweep's scenario is the scenario alone");
            String expected = withoutWallTime(SummaryJson.toText(OffloadSimulation.builder(alone).build().run()));
            String inSweep = withoutWallTime(Files.readString(tmp.resolve(p.relativeDir()).resolve(SummaryJson.FILE_NAME)));
            assertEquals(expected, inSweep, p.policy() + ": alone and in the sweep differ");
            compared++;
        }
        assertEquals(policies.size(), compared);
        assertTrue(compared >= 16, "every built-in policy: " + compared);
    }

    private static String withoutWallTime(String json) {
        return String.join("\n", json.lines().filter(l -> !l.contains("\"wall_time_s\"")
                && !l.contains("\"tasks_per_wall_second\"")).toList());
    }
}
