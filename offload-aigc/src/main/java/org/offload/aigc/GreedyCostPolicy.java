package org.offload.aigc;

import java.util.HashMap;
import java.util.Map;

/**
 * A stronger heuristic than the paper's Greedy, from the specs' interpretation of "greedy" (not one of the
 * paper's baselines; reported beside them so that the learned agents are compared with a good hand-made rule):
 * devices decide one after another; each picks, among every target, the ratios {0, 0.1, ..., 1} and download
 * or not, the action with the best estimated reward given the contention of the devices that decided before it
 * in the slot (uplink sharing, edge CPU sharing or FIFO queue, cloud sharing, downloads already triggered) and the
 * work the servers and the device have left from earlier slots. The estimate uses the environment's own formulas
 * without fading. It is myopic: a download is chosen only when it pays off for the current task.
 *
 * <p>{@link #withoutDownloads} never downloads (the reference that shows what downloading is worth);
 * {@link PrefetchPolicy} adds a credit for downloads of models in demand.
 */
public class GreedyCostPolicy implements AigcPolicy {
    private static final int RATIO_STEPS = 10;
    final AigcScenario s;
    private final boolean downloads;

    public GreedyCostPolicy(AigcScenario scenario) {
        this(scenario, true);
    }

    GreedyCostPolicy(AigcScenario scenario, boolean downloads) {
        this.s = scenario;
        this.downloads = downloads;
    }

    /** Greedy-cost that never downloads a model (a miss is relayed to the cloud). */
    public static GreedyCostPolicy withoutDownloads(AigcScenario scenario) {
        return new GreedyCostPolicy(scenario, false) {
            @Override
            public String name() {
                return "greedy-cost-nodl";
            }
        };
    }

    @Override
    public String name() {
        return "greedy-cost";
    }

    /** The contention of the devices that have decided so far in a slot. */
    static final class Slot {
        final int[] uplink;
        final int[] edge;
        /** Work (seconds at the server's full speed) queued at each server by earlier devices (FIFO). */
        final double[] queued;
        int cloud;
        final Map<Long, Integer> downloads = new HashMap<>();
        final int[] downloadsAt;

        Slot(int servers) {
            uplink = new int[servers];
            edge = new int[servers];
            queued = new double[servers];
            downloadsAt = new int[servers];
        }
    }

    @Override
    public AigcAction[] act(AigcObservation obs) {
        int n = obs.devices();
        Slot slot = new Slot(obs.servers());
        AigcAction[] out = new AigcAction[n];
        for (int i = 0; i < n; i++) {
            out[i] = choose(obs, i, slot);
            commit(obs, i, out[i], slot);
        }
        return out;
    }

    /** The action with the lowest {@link #score} for device {@code i}. */
    AigcAction choose(AigcObservation obs, int i, Slot slot) {
        int servers = obs.servers();
        double bestCost = Double.POSITIVE_INFINITY;
        AigcAction best = AigcAction.local();
        for (int target = 0; target <= servers; target++) {
            for (int dl = 0; dl < (downloads ? 2 : 1); dl++) {
                boolean download = dl == 1;
                if (download && (target == servers || obs.cached(target, obs.type(i)))) {
                    continue;
                }
                for (int r = 0; r <= RATIO_STEPS; r++) {
                    if (r == 0 && (target > 0 || download)) {
                        continue;
                    }
                    AigcAction a = new AigcAction(target, r / (double) RATIO_STEPS, download);
                    double cost = score(obs, i, a, slot);
                    if (cost < bestCost) {
                        bestCost = cost;
                        best = a;
                    }
                }
            }
        }
        return best;
    }

    /** What {@link #choose} minimises: the estimated cost; subclasses add to it. */
    double score(AigcObservation obs, int i, AigcAction a, Slot slot) {
        return cost(obs, i, a, slot, false);
    }

    private void commit(AigcObservation obs, int i, AigcAction a, Slot slot) {
        if (a.ratio() <= 0) {
            return;
        }
        int servers = obs.servers();
        if (a.target() == servers) {
            slot.uplink[obs.nearestServer(i)]++;
            slot.cloud++;
            return;
        }
        int j = a.target();
        slot.uplink[j]++;
        if (obs.cached(j, obs.type(i)) || a.download()) {
            slot.edge[j]++;
            slot.queued[j] += a.ratio() * obs.cycles(i) / (s.edge().cpuGhz() * 1e9);
            if (!obs.cached(j, obs.type(i))) {
                long key = SlotModel.downloadKey(j, obs.type(i));
                if (slot.downloads.merge(key, 1, Integer::sum) == 1) {
                    slot.downloadsAt[j]++;
                }
            }
        } else {
            slot.cloud++;
        }
    }

    /**
     * Negative estimated reward of {@code a} for device {@code i} given the earlier devices' contention;
     * {@code assumeCached} prices an edge share as a hit (what a prefetched model would give).
     */
    double cost(AigcObservation obs, int i, AigcAction a, Slot slot, boolean assumeCached) {
        AigcScenario.TaskType t = s.taskTypes().get(obs.type(i));
        double bits = Formulas.mbToBits(obs.dataMb(i));
        double cycles = t.cyclesPerBit() * bits;
        double lambda = a.ratio();
        double f = obs.cpuGhz(i) * 1e9;
        double work = (1 - lambda) * cycles / f;
        boolean fifo = s.queueing().fifo();
        double localS = fifo && work > 0 ? obs.deviceBacklogS(i) + work : work;
        double energy = Formulas.computeEnergyJ(s.devices().kappa(), f, (1 - lambda) * cycles);
        double remoteS = 0;
        int servers = obs.servers();
        if (lambda > 0) {
            int j = a.target() == servers ? obs.nearestServer(i) : a.target();
            AigcScenario.Radio radio = s.radio();
            double gain = Formulas.channelGain(radio.g0(), obs.distanceM(i, j), radio.pathLossExponent());
            double rate = Formulas.shannonRateBps(radio.bandwidthMhz() * 1e6 / (slot.uplink[j] + 1),
                    s.devices().transmitW(), gain, radio.noiseWPerHz());
            double up = lambda * bits / rate;
            energy += Formulas.transmitEnergyJ(s.devices().transmitW(), up);
            boolean hit = a.target() < servers && (assumeCached || obs.cached(j, obs.type(i)));
            if (a.target() < servers && (hit || a.download())) {
                double wait = 0;
                if (!hit) {
                    long key = SlotModel.downloadKey(j, obs.type(i));
                    int users = slot.downloads.getOrDefault(key, 0);
                    int concurrent = slot.downloadsAt[j] + (users == 0 ? 1 : 0);
                    double size = Formulas.mbToBits(t.model().sizeMb());
                    wait = Formulas.switchDelayS(size, s.cloud().cloudToEdgeMbps() * 1e6 / concurrent,
                            s.edge().loadRateMbps() * 1e6);
                    energy += Formulas.switchEnergyJ(s.edge().downloadPowerW(), size, s.cloud().cloudToEdgeMbps()
                            * 1e6) / (users + 1);
                }
                double hz = s.edge().cpuGhz() * 1e9;
                if (fifo) {
                    double start = Math.max(up + wait, obs.serverBacklogS(j) + slot.queued[j]);
                    remoteS = start + lambda * cycles / hz;
                } else {
                    remoteS = up + wait + lambda * cycles / (hz / (slot.edge[j] + 1));
                }
                energy += Formulas.computeEnergyJ(s.edge().computeKappa(), hz, lambda * cycles);
            } else {
                int k = slot.cloud + 1;
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
