package org.offload.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.SplittableRandom;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.offload.TestScenarios;
import org.offload.engine.RandomStreams;
import org.offload.metrics.SimulationResult;
import org.offload.model.Decision;
import org.offload.model.Task;
import org.offload.policy.OffloadPolicy;
import org.offload.policy.PolicyContext;
import org.offload.policy.builtin.BuiltInPolicies;
import org.offload.scenario.Scenario;

/** Decisions supplied from outside the event loop give what the same policy gives inside it. */
class DecisionLoopTest {
    @ParameterizedTest
    @ValueSource(strings = {"greedy", "least-utilised", "random", "local-only", "network-aware"})
    void aPolicyAskedThroughTheLoopGivesTheSameRunAsRun(String policy) {
        Scenario s = TestScenarios.seed003(120, 5, policy);
        Recorder.Run plain = Recorder.run(s);

        Recorder rec = new Recorder();
        DecisionLoop loop = OffloadSimulation.builder(s).policy(policy, null).externalDecisions().taskListener(rec)
                .build().decisionLoop();
        // the same policy instance the builder would create: same context, same random stream
        OffloadPolicy p = BuiltInPolicies.registry().create(policy,
                new PolicyContext(s, new RandomStreams(s.seed()).stream("policy", 0), Map.of()));
        int asked = 0;
        for (Task t = loop.next(); t != null; t = loop.next()) {
            loop.decide(p.decide(t, loop.view()));
            asked++;
        }
        SimulationResult viaLoop = loop.result();
        assertEquals(TestScenarios.withoutWallClock(plain.result()), TestScenarios.withoutWallClock(viaLoop));
        assertEquals(plain.records(), rec.records, "task records, in end order");
        assertEquals(viaLoop.tasksGeneratedTotal(), asked, "one decision per generated task");
        assertTrue(asked > 100, "asked " + asked);
    }

    @Test
    void misuseIsACleanError() {
        Scenario s = TestScenarios.seed003(20, 3, "greedy");
        assertThrows(IllegalStateException.class, () -> OffloadSimulation.builder(s).build().decisionLoop());
        OffloadSimulation ext = OffloadSimulation.builder(s).externalDecisions().build();
        IllegalStateException run = assertThrows(IllegalStateException.class, ext::run);
        assertTrue(run.getMessage().contains("decisionLoop"), run.getMessage());

        DecisionLoop loop = OffloadSimulation.builder(s).externalDecisions().build().decisionLoop();
        assertThrows(IllegalStateException.class, () -> loop.decide(Decision.LOCAL), "nothing pending yet");
        assertThrows(IllegalStateException.class, loop::result);
        Task t = loop.next();
        assertEquals(t, loop.pending());
        assertThrows(IllegalStateException.class, loop::next, "previous task not decided");
        assertThrows(IllegalArgumentException.class, () -> loop.decide(Decision.DEFER));
        int cloud = loop.view().firstCloudVm();
        IllegalArgumentException wrongTier = assertThrows(IllegalArgumentException.class,
                () -> loop.decide(Decision.edge(cloud)));
        assertTrue(wrongTier.getMessage().contains("not a edge VM"), wrongTier.getMessage());
        loop.decide(Decision.REJECT);
        SplittableRandom r = new SplittableRandom(1);
        for (Task x = loop.next(); x != null; x = loop.next()) {
            loop.decide(r.nextBoolean() ? Decision.LOCAL : Decision.REJECT);
        }
        assertNull(loop.next(), "an ended loop stays ended");
        assertThrows(IllegalStateException.class, () -> loop.decide(Decision.LOCAL));
        SimulationResult res = loop.result();
        assertEquals("external", res.policy());
        assertTrue(res.overall().generated() > 0);
    }
}
