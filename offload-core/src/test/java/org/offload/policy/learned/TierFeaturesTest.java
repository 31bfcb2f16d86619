package org.offload.policy.learned;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.offload.TestScenarios;
import org.offload.model.Task;
import org.offload.policy.SystemView;
import org.offload.scenario.EdgeSpec;
import org.offload.scenario.LinkSpec;
import org.offload.scenario.NetworkSpec;
import org.offload.scenario.Range;
import org.offload.scenario.Scenario;
import org.offload.sim.OffloadSimulation;

/**
 * Pins the tier and VM feature vectors on a small example computed by hand, so a refactoring cannot silently change
 * what the networks (and the models trained on them) see.
 *
 * <p>Seed-003 infrastructure at time 0, nothing running: 3 sites x 8 edge VMs (2 cores x 10,000 MIPS, 8192 MB),
 * 4 cloud VMs (4 cores x 20,000 MIPS, 32,768 MB), devices with 1 core x 4000 MIPS and 2048 MB. Fixed link rates:
 * WLAN 80 Mbit/s, MAN 1600 Mbit/s + 5 ms, WAN 40 Mbit/s + 100 ms, so moving 1 MB (8 Mbit) takes 0.1 s over WLAN,
 * 0.01 s over MAN and 0.3 s over WAN. Its application claims 6% of an edge VM, 0.6% of a cloud VM and 25% of the
 * device.
 */
class TierFeaturesTest {
    /** Task: 3000 MI, 400 KB up, 200 KB down, sensitivity 0.6, 4 s maximum delay, 1500 MB, created at 0. */
    private static final Task TASK = new Task(0, 0, 0, 0, 3000, 400, 200, 0.6, 4, 1500);

    private static Scenario scenario() {
        Scenario s = TestScenarios.seed003(1, 1, "dl-tier");
        s = TestScenarios.withNetwork(s, new NetworkSpec(NetworkSpec.Model.SHARED, new LinkSpec(Range.of(80), 0),
                new LinkSpec(Range.of(1600), 0.005), new LinkSpec(Range.of(40), 0.1), 10, 10));
        return TestScenarios.withApplications(s,
                List.of(TestScenarios.app("A", 100, 5, 0, 0, 3000, 400, 200, 0.6, 4)));
    }

    @Test
    void featuresOfAnIdleSystemWithClaimsOfTheBatchMatchTheHandComputedExample() {
        Scenario scenario = scenario();
        SystemView view = OffloadSimulation.builder(scenario).build().view();
        int home = view.deviceSite(0);
        int other1 = home == 0 ? 1 : 0;
        int other2 = 3 - home - other1;
        int h0 = view.firstEdgeVm(home);
        PendingClaims pending = new PendingClaims();
        pending.ensure(view);
        // the batch has sent a task to the home site's first VM: 30% and 7000 MB, which leaves 1192 MB < 1500 MB
        pending.claimVm(h0, home, 30, 7000, 5000);
        // and one to the lower-indexed other site, so the best other site (remote edge) is the higher-indexed one
        pending.claimVm(view.firstEdgeVm(other1), other1, 50, 0, 0);
        // and half of the device's CPU: 50% + 25% still fits (C3), 1500 MB <= 2048 MB (C4)
        pending.claimDevice(0, 50, 0);

        TierFeatures f = new TierFeatures();
        f.observe(TASK, view, pending);
        assertEquals(home, f.site());
        assertEquals(other2, f.remoteSite());
        assertEquals(7, f.admittingCount(TierFeatures.LOCAL_EDGE));

        float[] expected = {
            3.0f, 0.4f, 0.2f, 0.6f, 4.0f, 1.5f,
            // local edge: mean u (30 + 7 x 0) / 8 %, largest free memory 8192 MB, largest free capacity
            // 2 x 10,000 MIPS, 8 Mbit / 0.1 s, 7 of 8 VMs admit
            0.0375f, 8.192f, 20f, 80f, 0.875f,
            // remote edge: idle; 8 Mbit / (0.1 + 0.01) s
            0f, 8.192f, 20f, 8 / 0.11f, 1f,
            // cloud: idle, 4 x 20,000 MIPS; 8 Mbit / (0.1 + 0.3) s
            0f, 32.768f, 80f, 20f, 1f,
            // device: has a CPU, 50% claimed, 4000 MIPS x (1 - 0.5), admits
            1f, 0.5f, 2f, 1f};
        assertArrayEquals(expected, f.features(), 1e-5f);
        assertEquals(TierFeatures.NAMES.size(), expected.length);

        float[] vmHome = {
            3.0f, 0.4f, 0.2f, 0.6f, 4.0f, 1.5f,
            // route local edge, 80 Mbit/s, 6% of a VM
            1f, 0f, 0f, 80f, 0.06f,
            // 30% claimed, one task pending, 2 cores of 10 GIPS, 8192 - 7000 MB free
            0.3f, 1f, 2f, 10f, 1.192f};
        assertArrayEquals(vmHome, f.vmFeatures(TierFeatures.LOCAL_EDGE, h0), 1e-5f);
        float[] vmCloud = {
            3.0f, 0.4f, 0.2f, 0.6f, 4.0f, 1.5f,
            0f, 0f, 1f, 20f, 0.006f,
            0f, 0f, 4f, 20f, 32.768f};
        assertArrayEquals(vmCloud, f.vmFeatures(TierFeatures.CLOUD, view.firstCloudVm()), 1e-5f);
        assertEquals(TierFeatures.VM_NAMES.size(), vmCloud.length);
    }

    @Test
    void aTierThatDoesNotExistHereIsZeroButFullyUtilised() {
        Scenario s = TestScenarios.withoutLocalCpu(scenario());
        EdgeSpec e = s.edge();
        // one site only: no remote edge
        s = TestScenarios.withEdge(s, new EdgeSpec(1, e.placement(), e.hostsPerSite(), e.vmsPerHost(), e.vm(),
                e.coverageM(), e.utilizationLimitPercent()));
        SystemView view = OffloadSimulation.builder(s).build().view();
        PendingClaims pending = new PendingClaims();
        pending.ensure(view);
        TierFeatures f = new TierFeatures();
        f.observe(TASK, view, pending);
        assertEquals(-1, f.remoteSite());
        assertFalse(f.available(TierFeatures.REMOTE_EDGE));
        assertFalse(f.available(TierFeatures.DEVICE));
        float[] x = f.features();
        int b = TierFeatures.tierBase(TierFeatures.REMOTE_EDGE);
        assertArrayEquals(new float[] {1, 0, 0, 0, 0}, Arrays.copyOfRange(x, b, b + 5));
        assertArrayEquals(new float[] {0, 0, 0, 0}, Arrays.copyOfRange(x, 21, 25));
        // the tiers that exist are unaffected: idle local edge, all admit
        assertArrayEquals(new float[] {0, 8.192f, 20f, 80f, 1}, Arrays.copyOfRange(x, 6, 11), 1e-5f);
    }
}
