package org.offload.rl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.offload.io.ScenarioLoader;
import org.offload.metrics.SimulationResult;
import org.offload.scenario.Scenario;

/** Compiles and runs the agent example of docs/rl.md, and checks the document shows this exact code. */
class AgentExampleTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    static SimulationResult example() {
        // DOC-BEGIN
        Scenario scenario = new ScenarioLoader().loadDefault(List.of()).withDevices(100).withDuration(300, 30);
        OffloadEnv env = new OffloadEnv(EnvConfig.of(scenario));   // tier actions, outcome reward

        // An agent is anything that maps an observation and a mask to an action. This one is a rule: the
        // cloud (action 2) when the home edge site is more than 60% busy, else the home edge (action 0),
        // whichever is feasible, else reject (the last action, always feasible).
        int uHome = env.observationNames().indexOf("u_local_edge");
        float[] obs = env.reset(42);
        double total = 0;
        StepResult step;
        do {
            boolean[] mask = env.actionMask();
            int preferred = obs[uHome] > 0.6f ? 2 : 0;
            int action = mask[preferred] ? preferred : mask[2 - preferred] ? 2 - preferred : env.actionCount() - 1;
            step = env.step(action);
            total += step.reward();                // delayed: the outcomes of the tasks that ended in this step
            obs = step.observation();
        } while (!step.done());
        SimulationResult result = env.result();    // what 'offload run' would report for these decisions
        System.out.printf("%d decisions, mean reward %.3f, %.2f%% failed%n",
                env.steps(), total / env.steps(), 100 * result.overall().failureRate());
        // DOC-END
        return result;
    }

    @Test
    void exampleRuns() {
        SimulationResult r = example();
        assertEquals(OffloadEnv.POLICY_NAME, r.policy());
        assertTrue(r.overall().completed() > 0);
        assertEquals(0, r.perTier().get("local").tasks(), "the rule never runs tasks on the device");
    }

    @Test
    void docShowsThisCode() throws IOException {
        String source = Files.readString(Path.of("src/test/java/org/offload/rl/AgentExampleTest.java"));
        String body = source.substring(source.indexOf("// DOC-BEGIN") + "// DOC-BEGIN".length(),
                source.indexOf("        // DOC-END"));
        String snippet = body.lines().skip(1).map(l -> l.length() >= 8 ? l.substring(8) : l.strip())
                .reduce("", (a, b) -> a + b + "\n");
        String doc = Files.readString(ROOT.resolve("docs/rl.md"));
        assertTrue(doc.contains(snippet), "docs/rl.md must contain the example exactly as tested:\n" + snippet);
    }
}
