package org.offload.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.offload.TestScenarios;
import org.offload.model.Decision;
import org.offload.policy.builtin.BuiltInPolicies;
import org.offload.scenario.Scenario;

class PolicyRegistryTest {
    private static final Scenario SCENARIO = TestScenarios.seed003(10, 1, "greedy");

    private static PolicyContext with(Map<String, String> options) {
        return new PolicyContext(SCENARIO, new SplittableRandom(1), options);
    }

    @Test
    void anOptionThePolicyDoesNotTakeIsAnErrorNamingTheOnesItDoes() {
        PolicyRegistry r = BuiltInPolicies.registry();
        PolicyOptionException e = assertThrows(PolicyOptionException.class,
                () -> r.create("dl-tier", with(Map.of("batch_window", "0.2"))));
        assertEquals("policy 'dl-tier' has no option 'batch_window'; its options: model, batch_window_s, order, tier, vm,"
                + " overflow, deadline",
                e.getMessage());
        e = assertThrows(PolicyOptionException.class, () -> r.create("greedy", with(Map.of("v", "1"))));
        assertEquals("policy 'greedy' has no option 'v'; it takes none", e.getMessage());
        assertEquals(0.2, r.create("dl-tier", with(Map.of("batch_window_s", "0.2"))).batchWindowS());
    }

    @Test
    void badOptionValuesArePolicyOptionErrors() {
        PolicyRegistry r = BuiltInPolicies.registry();
        for (Map<String, String> bad : List.of(Map.of("batch_window_s", "-1"), Map.of("batch_window_s", "soon"),
                Map.of("order", "sideways"))) {
            PolicyOptionException e = assertThrows(PolicyOptionException.class, () -> r.create("dl-tier", with(bad)));
            assertTrue(e.getMessage().startsWith("policy option " + bad.keySet().iterator().next() + ":"),
                    e.getMessage());
        }
        PolicyOptionException e = assertThrows(PolicyOptionException.class,
                () -> r.create("accuracy-aware", with(Map.of("a_min", "2"))));
        assertTrue(e.getMessage().contains("0 <= a_min <= 1"), e.getMessage());
    }

    @Test
    void userPoliciesDeclareTheirOptionsInOrder() {
        PolicyRegistry r = BuiltInPolicies.registry().register("mine", "test policy",
                PolicyRegistry.options("b", "second letter", "a", "first letter"), c -> (t, v) -> Decision.LOCAL);
        assertEquals(List.of("b", "a"), List.copyOf(r.entries().get("mine").options().keySet()));
        r.create("mine", with(Map.of("a", "1")));
        assertThrows(IllegalArgumentException.class, () -> PolicyRegistry.options("a", "x", "a", "y"));
        assertThrows(IllegalArgumentException.class, () -> r.register("mine", "again", c -> (t, v) -> Decision.LOCAL));
    }
}
