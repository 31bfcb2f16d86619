package org.offload.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.offload.policy.builtin.BuiltInPolicies;
import org.offload.registry.Capability;
import org.openjdk.jmh.annotations.Param;

/** The decision benchmark's policies are those the registry marks as batching, after one simple baseline. */
class DecisionBenchmarkPoliciesTest {
    @Test
    void thePolicyParameterFollowsTheCapabilities() throws NoSuchFieldException {
        List<String> expected = new ArrayList<>(List.of("least-utilised"));
        expected.addAll(BuiltInPolicies.registry().names(Capability.BATCHES));
        Param p = DecisionBenchmark.class.getField("policy").getAnnotation(Param.class);
        assertEquals(expected, List.of(p.value()), "update DecisionBenchmark's @Param to the batching policies");
    }
}
