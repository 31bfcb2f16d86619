package org.offload.aigc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The system model's formulas against values computed by hand. */
class FormulasTest {
    @Test
    void shannonRate() {
        // B = 1 MHz, p = 0.2 W, h = 1e-9, N0 = 1e-20 W/Hz: SNR = 0.2e-9 / 1e-14 = 20,000; r = 1e6 log2(20,001).
        assertEquals(14_287_784.5125, Formulas.shannonRateBps(1e6, 0.2, 1e-9, 1e-20), 1e-3);
        // Twice the bandwidth: SNR halves, r = 2e6 log2(10,001).
        assertEquals(26_575_713.2837, Formulas.shannonRateBps(2e6, 0.2, 1e-9, 1e-20), 1e-3);
    }

    @Test
    void channelGainAndUnits() {
        assertEquals(1e-9, Formulas.channelGain(1e-3, 100, 3), 1e-24);
        assertEquals(1e-3, Formulas.channelGain(1e-3, 0.2, 3), 1e-18); // clamped to 1 m
        AigcScenario.Radio r = new AigcScenario.Radio(10, -174, 30, 3, AigcScenario.Fading.NONE);
        assertEquals(1e-3, r.g0(), 1e-15);
        assertEquals(3.981e-21, r.noiseWPerHz(), 1e-24);
        assertEquals(8e6, Formulas.mbToBits(1), 0);
    }

    @Test
    void energies() {
        // kappa f^2 C: 1e-27 * (1e9)^2 * 2e9 = 2 J.
        assertEquals(2.0, Formulas.computeEnergyJ(1e-27, 1e9, 2e9), 1e-12);
        assertEquals(0.1, Formulas.transmitEnergyJ(0.2, 0.5), 1e-15);
        // 120 MB = 960 Mbit: 960/500 = 1.92 s download + 960/16,000 = 0.06 s load; energy 2 W * 1.92 s.
        assertEquals(1.98, Formulas.switchDelayS(960e6, 500e6, 16e9), 1e-12);
        assertEquals(1.92, Formulas.switchDelayS(960e6, 500e6, 0), 1e-12);
        assertEquals(3.84, Formulas.switchEnergyJ(2, 960e6, 500e6), 1e-12);
    }

    @Test
    void environmentAppliesTheFormulas() {
        AigcScenario s = TestScenarios.small("devices.count=1", "devices.cpu_ghz=1", "model_count=1");
        AigcEnv env = new AigcEnv(s);
        AigcObservation obs = env.reset(3);
        double bits = obs.dataMb(0) * 8e6;
        double cycles = 300 * bits;
        // Fully local: T = C/f, E = kappa f^2 C.
        StepResult r = env.step(new AigcAction[] {AigcAction.local()});
        SlotOutcome o = r.info().outcomes().get(0);
        assertEquals(cycles / 1e9, o.latencyS(), 1e-9);
        assertEquals(1e-27 * 1e18 * cycles, o.energyJ(), 1e-9);
        // Fully to the cloud through the nearest server: uplink with the whole bandwidth, WAN, cloud CPU, 2 x 50 ms.
        obs = r.observation();
        bits = obs.dataMb(0) * 8e6;
        cycles = 300 * bits;
        int j = obs.nearestServer(0);
        double h = Formulas.channelGain(1e-3, obs.distanceM(0, j), 3);
        double rate = Formulas.shannonRateBps(10e6, 0.2, h, s.radio().noiseWPerHz());
        assertEquals(rate / 1e6, obs.rateMbps(0, j), 1e-9);
        double up = bits / rate;
        r = env.step(new AigcAction[] {new AigcAction(env.cloudTarget(), 1.0, false)});
        o = r.info().outcomes().get(0);
        assertEquals(SlotOutcome.Where.CLOUD, o.where());
        assertEquals(up + bits / 100e6 + cycles / 40e9 + 0.1, o.latencyS(), 1e-9);
        assertEquals(0.2 * up, o.energyJ(), 1e-12);
        // Reward: -(0.5 T/Tmax + 0.5 E/5), no penalty when the deadline is met.
        assertEquals(-(0.5 * o.latencyS() / o.deadlineS() + 0.5 * o.energyJ() / 5), r.rewards()[0], 1e-12);
    }

    @Test
    void partialOffloadingRunsBothSharesInParallel() {
        AigcScenario s = TestScenarios.small("devices.count=1", "devices.cpu_ghz=1", "model_count=1");
        AigcEnv env = new AigcEnv(s);
        AigcObservation obs = env.reset(5);
        int j = 0;
        boolean cached = obs.cached(j, obs.type(0));
        StepResult r = env.step(new AigcAction[] {new AigcAction(j, 0.25, false)});
        SlotOutcome o = r.info().outcomes().get(0);
        double bits = obs.dataMb(0) * 8e6;
        double cycles = 300 * bits;
        assertEquals(0.75 * cycles / 1e9, o.localS(), 1e-9);
        assertEquals(Math.max(o.localS(), o.remoteS()), o.latencyS(), 0);
        assertEquals(cached ? SlotOutcome.Where.EDGE : SlotOutcome.Where.RELAY, o.where());
        double rate = Formulas.shannonRateBps(10e6, 0.2, Formulas.channelGain(1e-3, obs.distanceM(0, j), 3),
                s.radio().noiseWPerHz());
        double up = 0.25 * bits / rate;
        double remote = cached ? up + 0.25 * cycles / 7e9 : up + 0.25 * bits / 100e6 + 0.25 * cycles / 40e9 + 0.1;
        assertEquals(remote, o.remoteS(), 1e-9);
        assertEquals(1e-27 * 1e18 * 0.75 * cycles + 0.2 * up, o.energyJ(), 1e-9);
    }

    @Test
    void edgeComputeEnergyIsCountedWhenSet() {
        // One model, cached at server 0 (round-robin fill): the whole task to server 0 is a hit.
        for (double kappa : new double[] {0, 1e-28}) {
            AigcScenario s = TestScenarios.small("devices.count=1", "devices.cpu_ghz=1", "model_count=1",
                    "edge.compute_kappa=" + kappa);
            AigcEnv env = new AigcEnv(s);
            AigcObservation obs = env.reset(5);
            double bits = obs.dataMb(0) * 8e6;
            double cycles = 300 * bits;
            double rate = Formulas.shannonRateBps(10e6, 0.2, Formulas.channelGain(1e-3, obs.distanceM(0, 0), 3),
                    s.radio().noiseWPerHz());
            SlotOutcome o = env.step(new AigcAction[] {new AigcAction(0, 1.0, false)}).info().outcomes().get(0);
            assertEquals(SlotOutcome.Where.EDGE, o.where());
            // E = p t_up + kappa_e F_j^2 C (the paper's eq. 10 counts the edge's computation): 7 GHz, C cycles.
            assertEquals(0.2 * bits / rate + kappa * 49e18 * cycles, o.energyJ(), 1e-9);
        }
    }
}
