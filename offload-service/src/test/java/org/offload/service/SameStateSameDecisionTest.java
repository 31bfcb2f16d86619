package org.offload.service;

import org.offload.service.state.Telemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.offload.engine.RandomStreams;
import org.offload.model.Decision;
import org.offload.model.Task;
import org.offload.policy.OffloadPolicy;
import org.offload.policy.PolicyContext;
import org.offload.policy.builtin.BuiltInPolicies;
import org.offload.scenario.Scenario;

/**
 * Same state, same decision: the service, fed a telemetry state over HTTP, answers every task exactly as the same
 * policy called in-process on a {@link ServiceState} holding the same telemetry — for every registered policy,
 * stateful ones included (both instances see the same sequence of tasks), over many random tasks and states; a VM
 * chosen for a device out of coverage is answered local (or infeasible without a device CPU), as the filter does.
 */
class SameStateSameDecisionTest {
    @Test
    void serviceAnswersAsTheInProcessPolicyForEveryPolicy() {
        Scenario sc = TestSupport.scenario();
        TestSupport.ManualClock clock = new TestSupport.ManualClock();
        clock.now = 100;
        PolicyCatalog catalog = new PolicyCatalog(BuiltInPolicies.registry());
        SplittableRandom r = new SplittableRandom(6);
        int compared = 0;
        try (OffloadService s = OffloadService.builder(TestSupport.config(), sc).tokens(TestSupport.tokens())
                .clock(clock).start()) {
            // One direct state, fed every message the service gets (reports persist until they expire).
            ServiceState direct = new ServiceState(sc, s.config().telemetryMaxAgeS());
            for (String policy : catalog.registry().entries().keySet()) {
                // A fresh state for each policy: the same telemetry into the service and into a direct ServiceState.
                String telemetry = StateJson.randomTelemetry(sc, r);
                assertEquals(200, TestSupport.call(s, "POST", "/v1/telemetry", TestSupport.BOTH_TOKEN, telemetry).status());
                direct.apply(new Requests(sc).telemetry(Fields.parse(telemetry.getBytes())), clock.now);
                direct.at(clock.now);
                // Swapping builds a fresh instance in the service; the direct one is built the same way.
                TestSupport.Reply swap = TestSupport.call(s, "PUT", "/v1/policy", TestSupport.ADMIN_TOKEN,
                        "{\"policy\":\"" + policy + "\"}");
                assertEquals(200, swap.status(), swap.body());
                OffloadPolicy p = catalog.create(policy, null,
                        new PolicyContext(sc, new RandomStreams(sc.seed()).stream("policy", 0)));
                for (int i = 0; i < 150; i++) {
                    String body = StateJson.randomTask(sc, r, 1000L * compared + i, null);
                    JsonNode req = Fields.parse(body.getBytes());
                    Requests.TaskRequest tr = new Requests(sc).task(req, Constraints.NONE, 0, clock.now);
                    TestSupport.Reply reply = TestSupport.call(s, "POST", "/v1/decisions", TestSupport.DEVICE_TOKEN, body);
                    assertEquals(200, reply.status(), reply.body());
                    direct.overrideSite(tr.site() == Telemetry.DeviceReport.SITE_UNSET ? -1 : tr.task().device(), tr.site());
                    Decision d = p.decide(tr.task(), direct);
                    String want = expected(d);
                    if (want.startsWith("edge") || want.startsWith("cloud")) {
                        // The filter's coverage rule: a device out of coverage cannot reach a VM.
                        if (direct.deviceSite(tr.task().device()) < 0) {
                            want = direct.deviceCanCompute(tr.task().device()) ? "local" : "infeasible";
                        }
                    }
                    direct.overrideSite(-1, 0);
                    assertEquals(want, actual(reply.json()), policy + " on " + body);
                    compared++;
                }
            }
        }
        assertTrue(compared >= 8 * 150, "compared = " + compared + ", 8 * 150 = " + (8 * 150));
    }

    private static String expected(Decision d) {
        if (d == null || d.isReject()) {
            return "rejected";
        }
        if (d.isDefer()) {
            return "deferred";
        }
        return d.tier().key() + (d.vm() >= 0 ? " " + d.vm() : "");
    }

    private static String actual(JsonNode a) {
        String o = a.path("outcome").asText();
        if (!o.equals("placed")) {
            return o;
        }
        return a.path("tier").asText() + (a.has("vm") ? " " + a.path("vm").asInt() : "");
    }

}
