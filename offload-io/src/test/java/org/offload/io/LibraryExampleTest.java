package org.offload.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.offload.metrics.SimulationResult;
import org.offload.model.Decision;
import org.offload.model.Tier;
import org.offload.policy.OffloadPolicy;
import org.offload.policy.PolicyRegistry;
import org.offload.policy.Vms;
import org.offload.policy.builtin.BuiltInPolicies;
import org.offload.scenario.Scenario;
import org.offload.sim.OffloadSimulation;

/** Compiles and runs the library example of the README, and checks the README shows this exact code. */
class LibraryExampleTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    static SimulationResult example(Path scenarioFile) {
        // README-BEGIN
        Scenario scenario = new ScenarioLoader().load(scenarioFile)
                .withDevices(300)
                .withDuration(600, 60)
                .withSeed(7);

        // A policy is one method: offload to the device's own edge site unless it is busy, else the cloud.
        OffloadPolicy ownSiteFirst = (task, view) -> {
            int site = view.deviceSite(task.device());
            if (site >= 0 && view.siteUtilization(site) < 80) {
                return Decision.edge(Vms.leastUtilisedAtDeviceSite(view, task));
            }
            return Decision.cloud(Vms.leastUtilisedCloud(view, task));
        };

        // Register it next to the built-in policies and run the scenario with it.
        PolicyRegistry registry = BuiltInPolicies.registry()
                .register("own-site-first", "own edge site below 80% utilisation, else cloud", ctx -> ownSiteFirst);
        SimulationResult result = OffloadSimulation.builder(scenario.withPolicy("own-site-first"))
                .registry(registry)
                .build()
                .run();

        System.out.printf("%d tasks, mean service time %.3f s, %.2f%% failed, edge VMs %.1f%% busy%n",
                result.overall().generated(), result.overall().serviceTimeS().mean(),
                100 * result.overall().failureRate(), result.vmUtilization().edge());
        // README-END
        return result;
    }

    @Test
    void exampleRunsAndUsesItsPolicy() {
        SimulationResult r = example(ROOT.resolve("scenarios/default.yaml"));
        assertEquals("own-site-first", r.policy());
        assertEquals(300, r.devices());
        assertTrue(r.overall().completed() > 0, "r.overall().completed() = " + r.overall().completed());
        assertEquals(0, r.perTier().get(Tier.LOCAL.key()).tasks());
        assertTrue(r.perTier().get(Tier.EDGE.key()).tasks() > 0,
                "r.perTier().get(Tier.EDGE.key()).tasks() = " + r.perTier().get(Tier.EDGE.key()).tasks());
    }

    @Test
    void readmeShowsThisCode() throws IOException {
        String source = Files.readString(Path.of("src/test/java/org/offload/io/LibraryExampleTest.java"));
        String body = source.substring(source.indexOf("// README-BEGIN") + "// README-BEGIN".length(),
                source.indexOf("        // README-END"));
        String snippet = body.lines().skip(1).map(l -> l.length() >= 8 ? l.substring(8) : l.strip())
                .reduce("", (a, b) -> a + b + "\n");
        String readme = Files.readString(ROOT.resolve("README.md"));
        assertTrue(readme.contains(snippet), "README.md must contain the example exactly as tested:\n" + snippet);
    }
}
