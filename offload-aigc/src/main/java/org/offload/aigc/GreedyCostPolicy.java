package org.offload.aigc;

import java.util.HashMap;
import java.util.Map;

/**
 * A stronger heuristic than the paper's Greedy, from the specs' interpretation of "greedy" (not one of the
 * paper's baselines; reported beside them so that the learned agents are compared with a good hand-made rule):
 * devices decide one after another; each picks, among every target, the ratios {0, 0.1, ..., 1} and download
 * or not, the action with the best estimated reward given the contention of the devices that decided before it
 * in the slot (uplink sharing, edge and cloud CPU sharing, downloads already triggered). The estimate uses the
 * environment's own formulas without fading. It is myopic: a download is chosen only when it pays off for the
 * current task.
 */
public final class GreedyCostPolicy implements AigcPolicy {
    private static final int RATIO_STEPS = 10;
    private final AigcScenario s;

    public GreedyCostPolicy(AigcScenario scenario) {
        this.s = scenario;
    }

    @Override
    public String name() {
        return "greedy-cost";
    }

    @Override
    public AigcAction[] act(AigcObservation obs) {
        int n = obs.devices();
        int servers = obs.servers();
        int[] uplink = new int[servers];
        int[] edge = new int[servers];
        int[] cloudCount = {0};
        Map<Long, Integer> downloads = new HashMap<>();
        int[] downloadsAt = new int[servers];
        AigcAction[] out = new AigcAction[n];
        for (int i = 0; i < n; i++) {
            double bestCost = Double.POSITIVE_INFINITY;
            AigcAction best = AigcAction.local();
            for (int target = 0; target <= servers; target++) {
                for (int dl = 0; dl < 2; dl++) {
                    boolean download = dl == 1;
                    if (download && (target == servers || obs.cached(target, obs.type(i)))) {
                        continue;
                    }
                    for (int r = 0; r <= RATIO_STEPS; r++) {
                        if (r == 0 && (target > 0 || download)) {
                            continue;
                        }
                        double ratio = r / (double) RATIO_STEPS;
                        AigcAction a = new AigcAction(target, ratio, download);
                        double cost = cost(obs, i, a, uplink, edge, cloudCount[0], downloads, downloadsAt);
                        if (cost < bestCost) {
                            bestCost = cost;
                            best = a;
                        }
                    }
                }
            }
            out[i] = best;
            commit(obs, i, best, uplink, edge, cloudCount, downloads, downloadsAt);
        }
        return out;
    }

    private void commit(AigcObservation obs, int i, AigcAction a, int[] uplink, int[] edge, int[] cloudCount,
                        Map<Long, Integer> downloads, int[] downloadsAt) {
        if (a.ratio() <= 0) {
            return;
        }
        int servers = obs.servers();
        if (a.target() == servers) {
            uplink[obs.nearestServer(i)]++;
            cloudCount[0]++;
            return;
        }
        int j = a.target();
        uplink[j]++;
        if (obs.cached(j, obs.type(i))) {
            edge[j]++;
        } else if (a.download()) {
            edge[j]++;
            long key = (long) j * 1_000_003L + obs.type(i);
            if (downloads.merge(key, 1, Integer::sum) == 1) {
                downloadsAt[j]++;
            }
        } else {
            cloudCount[0]++;
        }
    }

    /** Negative estimated reward of {@code a} for device {@code i} given the earlier devices' contention. */
    private double cost(AigcObservation obs, int i, AigcAction a, int[] uplink, int[] edge, int cloudCount,
                        Map<Long, Integer> downloads, int[] downloadsAt) {
        AigcScenario.TaskType t = s.taskTypes().get(obs.type(i));
        double bits = Formulas.mbToBits(obs.dataMb(i));
        double cycles = t.cyclesPerBit() * bits;
        double lambda = a.ratio();
        double f = obs.cpuGhz(i) * 1e9;
        double localS = (1 - lambda) * cycles / f;
        double energy = Formulas.computeEnergyJ(s.devices().kappa(), f, (1 - lambda) * cycles);
        double remoteS = 0;
        int servers = obs.servers();
        if (lambda > 0) {
            int j = a.target() == servers ? obs.nearestServer(i) : a.target();
            AigcScenario.Radio radio = s.radio();
            double gain = Formulas.channelGain(radio.g0(), obs.distanceM(i, j), radio.pathLossExponent());
            double rate = Formulas.shannonRateBps(radio.bandwidthMhz() * 1e6 / (uplink[j] + 1),
                    s.devices().transmitW(), gain, radio.noiseWPerHz());
            double up = lambda * bits / rate;
            energy += Formulas.transmitEnergyJ(s.devices().transmitW(), up);
            boolean hit = a.target() < servers && obs.cached(j, obs.type(i));
            if (a.target() < servers && (hit || a.download())) {
                double wait = 0;
                if (!hit) {
                    long key = (long) j * 1_000_003L + obs.type(i);
                    int users = downloads.getOrDefault(key, 0);
                    int concurrent = downloadsAt[j] + (users == 0 ? 1 : 0);
                    double size = Formulas.mbToBits(t.model().sizeMb());
                    wait = Formulas.switchDelayS(size, s.cloud().cloudToEdgeMbps() * 1e6 / concurrent,
                            s.edge().loadRateMbps() * 1e6);
                    energy += Formulas.switchEnergyJ(s.edge().downloadPowerW(), size, s.cloud().cloudToEdgeMbps()
                            * 1e6) / (users + 1);
                }
                remoteS = up + wait + lambda * cycles / (s.edge().cpuGhz() * 1e9 / (edge[j] + 1));
            } else {
                int k = cloudCount + 1;
                remoteS = up + lambda * bits / (s.cloud().edgeToCloudMbps() * 1e6 / k)
                        + lambda * cycles / (s.cloud().cpuGhz() * 1e9 / k) + 2 * s.cloud().propagationS();
            }
        }
        double latency = Math.max(localS, remoteS);
        AigcScenario.Reward rw = s.reward();
        double deadline = obs.deadlineS(i);
        return t.weight() * (rw.latencyWeight() * latency / deadline + rw.energyWeight() * energy / rw.energyRefJ())
                + (latency <= deadline ? 0 : rw.deadlinePenalty());
    }
}
