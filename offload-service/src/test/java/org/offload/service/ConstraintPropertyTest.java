package org.offload.service;

import org.offload.service.state.Telemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.offload.io.ScenarioLoader;
import org.offload.model.Task;
import org.offload.model.Tier;
import org.offload.policy.builtin.BuiltInPolicies;
import org.offload.scenario.Scenario;

/**
 * A decision never violates a constraint, whatever the policy, the constraints, the state and the task; and
 * "infeasible" is answered only when no option satisfies them. Checked against an independent implementation of
 * the constraint semantics.
 */
class ConstraintPropertyTest {
    private static final Scenario WITH_CPU = TestSupport.scenario();
    private static final Scenario WITHOUT_CPU = new ScenarioLoader().loadDefault(List.of("devices.count=40",
            "devices.cpu=none", "edge.sites=2"));
    private static final List<String> POLICIES = new ArrayList<>(BuiltInPolicies.registry().entries().keySet());

    @Property(tries = 80)
    void decisionsNeverViolateConstraints(@ForAll @LongRange(min = 1, max = Long.MAX_VALUE / 2) long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        Scenario sc = r.nextBoolean() ? WITH_CPU : WITHOUT_CPU;
        Constraints c = randomConstraints(sc, r);
        String policy = POLICIES.get(r.nextInt(POLICIES.size()));
        TestSupport.ManualClock clock = new TestSupport.ManualClock();
        clock.now = 50;
        DecisionEngine engine = new DecisionEngine(sc, new PolicyCatalog(BuiltInPolicies.registry()), c, 30, clock,
                policy, null);
        engine.apply(engine.requests().telemetry(Fields.parse(StateJson.randomTelemetry(sc, r).getBytes())));
        List<String> classes = new ArrayList<>(c.dataClasses().keySet());
        for (int i = 0; i < 40; i++) {
            String dc = classes.isEmpty() || r.nextInt(4) == 0 ? null : classes.get(r.nextInt(classes.size()));
            String body = StateJson.randomTask(sc, r, i, dc);
            Requests.TaskRequest tr = engine.requests().task(Fields.parse(body.getBytes()), c, i, clock.now);
            DecisionEngine.Answer a = engine.decide(tr.task(), tr.dataClass(), tr.site());
            Constraints.DataClass dataClass = dc == null ? null : c.dataClasses().get(dc);
            List<NodeSelector> allowed = c.allowedNodes().get(sc.applications().get(tr.task().app()).name());
            engine.withState(view -> {
                if (tr.site() != Telemetry.DeviceReport.SITE_UNSET) {
                    view.overrideSite(tr.task().device(), tr.site());
                }
                try {
                    check(view, tr.task(), dataClass, allowed, a, policy + " " + body + " " + c);
                } finally {
                    view.overrideSite(-1, 0);
                }
                return null;
            });
        }
    }

    private static void check(ServiceState view, Task task, Constraints.DataClass dc, List<NodeSelector> allowed,
                              DecisionEngine.Answer a, String context) {
        switch (a.outcome()) {
            case "placed" -> {
                int option = a.tier() == Tier.LOCAL ? -1 : a.vm();
                assertTrue(satisfies(view, task, dc, allowed, option), "placed on a violating node: " + a + " " + context);
                assertTrue(option < 0 || view.deviceSite(task.device()) >= 0,
                        "placed on a VM the device cannot reach: " + a + " " + context);
                if (a.violation() == null) {
                    assertNull(a.policyChoice());
                } else {
                    assertNotNull(a.policyChoice());
                }
            }
            case "infeasible" -> {
                assertNotNull(a.reason());
                for (int o = -1; o < view.vmCount(); o++) {
                    boolean structural = o < 0 ? view.deviceCanCompute(task.device()) : view.deviceSite(task.device()) >= 0;
                    assertTrue(!structural || !satisfies(view, task, dc, allowed, o),
                            "infeasible although option " + o + " is feasible: " + a + " " + context);
                }
            }
            case "rejected", "deferred" -> assertEquals(null, a.tier());
            default -> throw new AssertionError("unknown outcome " + a.outcome());
        }
    }

    /** The constraint semantics, written independently of {@link ConstraintFilter}. */
    private static boolean satisfies(ServiceState view, Task task, Constraints.DataClass dc, List<NodeSelector> allowed,
                                     int o) {
        int firstCloud = view.firstCloudVm();
        Tier tier = o < 0 ? Tier.LOCAL : o < firstCloud ? Tier.EDGE : Tier.CLOUD;
        if (dc != null && !dc.keepOn().contains(tier)) {
            return false;
        }
        if (allowed != null) {
            boolean any = false;
            for (NodeSelector s : allowed) {
                any |= switch (s.kind()) {
                    case LOCAL -> o < 0;
                    case EDGE -> tier == Tier.EDGE;
                    case CLOUD -> tier == Tier.CLOUD;
                    case SITE -> tier == Tier.EDGE && o / view.edgeVmsPerSite() == s.index();
                    case VM -> o == s.index();
                };
            }
            if (!any) {
                return false;
            }
        }
        return dc == null || dc.maxLatencyS() == Double.POSITIVE_INFINITY
                || view.estimateServiceTimeS(task, o) <= dc.maxLatencyS();
    }

    static Constraints randomConstraints(Scenario sc, SplittableRandom r) {
        Map<String, Constraints.DataClass> classes = new LinkedHashMap<>();
        int n = r.nextInt(4);
        for (int i = 0; i < n; i++) {
            Set<Tier> keep = EnumSet.noneOf(Tier.class);
            for (Tier t : Tier.values()) {
                if (r.nextInt(3) > 0) {
                    keep.add(t);
                }
            }
            if (keep.isEmpty()) {
                keep.add(Tier.values()[r.nextInt(3)]);
            }
            double slo = r.nextBoolean() ? Double.POSITIVE_INFINITY : 0.05 + 5 * r.nextDouble();
            classes.put("class" + i, new Constraints.DataClass("class" + i, keep, slo));
        }
        Map<String, List<NodeSelector>> apps = new LinkedHashMap<>();
        int vms = sc.edge().vmCount() + sc.cloud().vmCount();
        for (String app : sc.applicationNames()) {
            if (r.nextBoolean()) {
                continue;
            }
            List<NodeSelector> sel = new ArrayList<>();
            int k = 1 + r.nextInt(3);
            for (int j = 0; j < k; j++) {
                sel.add(switch (r.nextInt(5)) {
                    case 0 -> NodeSelector.parse("local");
                    case 1 -> NodeSelector.parse("edge");
                    case 2 -> NodeSelector.parse("cloud");
                    case 3 -> NodeSelector.parse("site:" + r.nextInt(sc.edge().sites()));
                    default -> NodeSelector.parse("vm:" + r.nextInt(vms));
                });
            }
            apps.put(app, sel);
        }
        return new Constraints(classes, apps);
    }
}
