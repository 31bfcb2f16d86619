package org.offload.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.offload.TestScenarios;
import org.offload.metrics.TaskRecord;
import org.offload.model.FailureReason;
import org.offload.model.Tier;
import org.offload.scenario.ApplicationSpec;
import org.offload.scenario.NetworkSpec;
import org.offload.scenario.PowerSpec;
import org.offload.scenario.Scenario;

/**
 * Device energy: compute_w * work / device MIPS for local work, transmit_w and receive_w times WLAN air time
 * for offloaded work; the reported total is the sum over the measured tasks.
 */
class EnergyTest {
    @ParameterizedTest(name = "{0}, {1}, {2}, mobile={3}")
    @CsvSource({"greedy, TIME_SHARED, SHARED, false", "random, FCFS, MM1, true", "random, FCFS, ECS, true", "local-only, FCFS, SHARED, false",
            "edge-only, TIME_SHARED, SHARED, true", "cloud-only, FCFS, MM1, false"})
    void totalIsTheSumOverMeasuredTasks(String policy, Scenario.Scheduling scheduling, NetworkSpec.Model network,
                                        boolean mobile) {
        Recorder.Run run = Recorder.run(TestScenarios.seed003(150, 4, policy, scheduling, network, mobile));
        double sum = 0;
        double[] perDevice = new double[150];
        for (TaskRecord t : run.records()) {
            if (t.measured()) {
                sum += t.energyJ();
                perDevice[t.device()] += t.energyJ();
            }
        }
        assertTrue(sum > 0, "sum = " + sum);
        assertEquals(sum, run.result().deviceEnergyTotalJ(), 1e-9 * sum);
        assertEquals(sum / 150, run.result().deviceEnergyMeanPerDeviceJ(), 1e-9 * sum / 150);
        assertEquals(sum, run.result().overall().energyJ(), 1e-9 * sum);
    }

    @ParameterizedTest
    @CsvSource({"TIME_SHARED", "FCFS"})
    void localTaskEnergyIsComputePowerTimesLengthOverDeviceMips(Scenario.Scheduling scheduling) {
        Scenario s = TestScenarios.withFixedSizes(TestScenarios.seed003(200, 5, "local-only", scheduling,
                NetworkSpec.Model.SHARED, false));
        Recorder.Run run = Recorder.run(s);
        PowerSpec power = s.devices().power();
        double mips = s.devices().cpu().mips();
        Map<String, ApplicationSpec> apps = new HashMap<>();
        s.applications().forEach(a -> apps.put(a.name(), a));
        int completed = 0;
        int partial = 0;
        for (TaskRecord t : run.records()) {
            assertEquals(Tier.LOCAL, t.tier());
            double full = power.computeW() * apps.get(t.app()).lengthMi() / mips;
            if (t.completed()) {
                completed++;
                assertEquals(full, t.energyJ(), 1e-9 * full, t.toString());
            } else if (t.failure() == FailureReason.VM_CAPACITY) {
                assertEquals(0.0, t.energyJ(), "never ran: " + t);
            } else {
                assertTrue(t.energyJ() >= 0 && t.energyJ() < full, "partly run: " + t);
                if (t.energyJ() > 0) {
                    partial++;
                }
            }
        }
        assertTrue(completed > 1000, "completed local tasks: " + completed);
        assertTrue(partial > 0, "some tasks were cut off by their deadline");
    }

    /**
     * Edge-only with static devices runs at the device's own site, and the seed-003 WLAN has no propagation
     * delay: a completed task's upload and download times are its WLAN air times.
     */
    @Test
    void offloadedTaskEnergyIsRadioPowerTimesWlanAirTime() {
        Scenario s = TestScenarios.seed003(200, 6, "edge-only");
        assertEquals(0.0, s.network().wlan().propagationS());
        Recorder.Run run = Recorder.run(s);
        PowerSpec power = s.devices().power();
        int checked = 0;
        for (TaskRecord t : run.records()) {
            if (t.completed()) {
                double e = power.transmitW() * t.uploadS() + power.receiveW() * t.downloadS();
                assertEquals(e, t.energyJ(), 1e-9 * Math.max(1, e), t.toString());
                checked++;
            } else if (t.failure() == FailureReason.DEADLINE) {
                assertTrue(t.energyJ() <= power.transmitW() * t.serviceTimeS() + 1e-9, t.toString());
            }
        }
        assertTrue(checked > 1000, "checked = " + checked);
    }
}
