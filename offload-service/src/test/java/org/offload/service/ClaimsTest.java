package org.offload.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * With claims on ({@code state.claims_ttl_s}), placements count against their VM until telemetry confirms them:
 * least-utilised spreads a burst of tasks between two telemetry reports instead of herding them onto one VM, and a
 * report for the VM supersedes its claims.
 */
class ClaimsTest {
    @Test
    void placementsClaimTheirVmUntilTelemetryArrives() {
        ServiceConfig cfg = TestSupport.config().withClaimsTtlS(30);
        try (OffloadService s = TestSupport.start(cfg)) {
            Map<Integer, Integer> perVm = new HashMap<>();
            for (int i = 0; i < 40; i++) {
                int vm = TestSupport.call(s, "POST", "/v1/decisions", TestSupport.DEVICE_TOKEN,
                        "{\"application\":\"AUGMENTED_REALITY\",\"device\":" + i + "}").json().path("vm").asInt();
                perVm.merge(vm, 1, Integer::sum);
            }
            assertTrue(perVm.size() >= 20, "40 tasks went to only " + perVm.size() + " VMs: " + perVm);
            double claimed = s.engine().withState(st -> st.vmUtilization(0));
            assertTrue(claimed > 0, "vm:0 shows no claimed use");
            assertEquals(200, TestSupport.call(s, "POST", "/v1/telemetry", TestSupport.BOTH_TOKEN,
                    "{\"vms\":[{\"vm\":0,\"utilization_percent\":5}]}").status());
            assertEquals(5.0, s.engine().withState(st -> st.vmUtilization(0)), 1e-9, "the report supersedes the claims");
        }
        try (OffloadService s = TestSupport.start(TestSupport.config())) {
            for (int i = 0; i < 5; i++) {
                assertEquals(0, TestSupport.call(s, "POST", "/v1/decisions", TestSupport.DEVICE_TOKEN,
                        "{\"application\":\"AUGMENTED_REALITY\",\"device\":" + i + "}").json().path("vm").asInt(),
                        "without claims (the default) every decision sees the same reported state");
            }
        }
    }
}
