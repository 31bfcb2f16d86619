package org.offload.aigc;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The physics of one slot as a pure function of the state the slot starts from and the devices' actions: where
 * each device's remote share runs, the model downloads it triggers, each part's latency, the energy and each
 * device's own reward. {@link AigcEnv#step} applies it and then commits the result (caches, queues, loads);
 * difference rewards evaluate it again with one device's action replaced, which is why it has no side effects.
 *
 * <p>The phases of a slot, one method each: {@link #classify} (hit, download or relay; contention counts),
 * {@link #switching} (download delay and energy), {@link #uplink}, {@link #edge} and {@link #cloud} (remote
 * shares), {@link #local} (the device's own share) and {@link #price} (latency, deadline, reward). The formulas
 * are those of docs/aigc.md and {@link Formulas}.
 */
final class SlotModel {
    /** Key of a (server, model) download; sorting the keys orders downloads by server, then model. */
    static long downloadKey(int server, int model) {
        return (long) server * 1_000_003L + model;
    }

    static int keyServer(long key) {
        return (int) (key / 1_000_003L);
    }

    static int keyModel(long key) {
        return (int) (key % 1_000_003L);
    }

    /**
     * The state a slot starts from: per device its channel gains, nearest server, CPU, task (type, input size,
     * deadline) and work left from earlier slots (FIFO); per server its cache contents and work left; this slot's
     * fading multipliers (1 without fading).
     */
    record State(double[][] gain, int[] nearest, double[] cpuGhz, int[] type, double[] dataMb, double[] deadlineS,
                 boolean[][] cached, double[] serverBacklogS, double[] deviceBacklogS, double[] fading) {
    }

    /** What a slot does; arrays are indexed by device unless named per server. */
    static final class Result {
        final SlotOutcome.Where[] where;
        /** The access point (edge server) each remote share is uploaded through. */
        final int[] ap;
        final boolean[] hit;
        final boolean[] waits;
        /** Per server: devices uploading through its access point. */
        final int[] uplinkUsers;
        /** Per server: shares it computes. */
        final int[] edgeShares;
        int cloudShares;
        int hits;
        int misses;
        /** Devices waiting for each (server, model) download, by {@link #downloadKey}. */
        final TreeMap<Long, List<Integer>> downloads = new TreeMap<>();
        final double[] switchWait;
        final double[] switchEnergy;
        double switchEnergyTotal;
        final double[] upS;
        final double[] remoteS;
        final double[] localS;
        final double[] lambda;
        final double[] energy;
        final double[] latency;
        final boolean[] met;
        final double[] own;
        /** Work left at each server and device when the slot ends (FIFO; zeros otherwise). */
        final double[] serverBacklogS;
        final double[] deviceBacklogS;

        Result(int n, int servers) {
            where = new SlotOutcome.Where[n];
            ap = new int[n];
            hit = new boolean[n];
            waits = new boolean[n];
            uplinkUsers = new int[servers];
            edgeShares = new int[servers];
            switchWait = new double[n];
            switchEnergy = new double[n];
            upS = new double[n];
            remoteS = new double[n];
            localS = new double[n];
            lambda = new double[n];
            energy = new double[n];
            latency = new double[n];
            met = new boolean[n];
            own = new double[n];
            serverBacklogS = new double[servers];
            deviceBacklogS = new double[n];
        }

        /** Sum of the devices' own rewards. */
        double teamReward() {
            double sum = 0;
            for (double r : own) {
                sum += r;
            }
            return sum;
        }
    }

    private final AigcScenario s;
    private final int n;
    private final int servers;
    private final int cloud;

    SlotModel(AigcScenario scenario) {
        this.s = scenario;
        this.n = scenario.devices().count();
        this.servers = scenario.edge().servers();
        this.cloud = servers;
    }

    /** Evaluates the slot; changes nothing. */
    Result evaluate(State st, AigcAction[] actions) {
        Result r = new Result(n, servers);
        classify(st, actions, r);
        switching(r);
        uplink(st, r);
        edge(st, r);
        cloud(st, r);
        local(st, r);
        price(st, r);
        return r;
    }

    /**
     * Where each remote share goes: a share for edge server j is a hit if j caches the task's model, waits for a
     * download if it does not and the action asks for one, and is relayed to the cloud otherwise; the counts of
     * uplink users per access point, shares per server and cloud shares follow.
     */
    private void classify(State st, AigcAction[] actions, Result r) {
        for (int i = 0; i < n; i++) {
            AigcAction a = actions[i];
            if (a.target() > cloud) {
                throw new IllegalArgumentException("device " + i + ": target " + a.target() + " > cloud (" + cloud
                        + ")");
            }
            if (a.ratio() <= 0) {
                r.where[i] = SlotOutcome.Where.LOCAL;
                continue;
            }
            r.lambda[i] = a.ratio();
            if (a.target() == cloud) {
                r.where[i] = SlotOutcome.Where.CLOUD;
                r.ap[i] = st.nearest()[i];
                r.cloudShares++;
            } else {
                int j = a.target();
                r.ap[i] = j;
                int model = st.type()[i];
                if (st.cached()[j][model]) {
                    r.hit[i] = true;
                    r.hits++;
                    r.where[i] = SlotOutcome.Where.EDGE;
                    r.edgeShares[j]++;
                } else {
                    r.misses++;
                    if (a.download()) {
                        r.where[i] = SlotOutcome.Where.EDGE;
                        r.waits[i] = true;
                        r.edgeShares[j]++;
                        r.downloads.computeIfAbsent(downloadKey(j, model), k -> new ArrayList<>()).add(i);
                    } else {
                        r.where[i] = SlotOutcome.Where.RELAY;
                        r.cloudShares++;
                    }
                }
            }
            r.uplinkUsers[r.ap[i]]++;
        }
    }

    /**
     * Model downloads: the q_j downloads at server j share its backhaul (rate R_ce / q_j); each waiting share
     * waits for the whole switching delay and carries an equal part of the download's energy.
     */
    private void switching(Result r) {
        AigcScenario.Cloud cl = s.cloud();
        int[] downloadsAt = new int[servers];
        for (long key : r.downloads.keySet()) {
            downloadsAt[keyServer(key)]++;
        }
        for (Map.Entry<Long, List<Integer>> e : r.downloads.entrySet()) {
            int j = keyServer(e.getKey());
            double bits = Formulas.mbToBits(sizeMb(keyModel(e.getKey())));
            double rate = cl.cloudToEdgeMbps() * 1e6 / downloadsAt[j];
            double delay = Formulas.switchDelayS(bits, rate, s.edge().loadRateMbps() * 1e6);
            double energy = Formulas.switchEnergyJ(s.edge().downloadPowerW(), bits, cl.cloudToEdgeMbps() * 1e6);
            r.switchEnergyTotal += energy;
            List<Integer> users = e.getValue();
            for (int i : users) {
                r.switchWait[i] = delay;
                r.switchEnergy[i] = energy / users.size();
            }
        }
    }

    /** Shannon uplink of each remote share, the access point's bandwidth split equally among its users. */
    private void uplink(State st, Result r) {
        AigcScenario.Radio radio = s.radio();
        double bandwidth = radio.bandwidthMhz() * 1e6;
        double p = s.devices().transmitW();
        for (int i = 0; i < n; i++) {
            if (r.where[i] == SlotOutcome.Where.LOCAL) {
                continue;
            }
            int j = r.ap[i];
            double share = bandwidth / r.uplinkUsers[j];
            double h = st.gain()[i][j] * st.fading()[i];
            double rate = Formulas.shannonRateBps(share, p, h, radio.noiseWPerHz());
            r.upS[i] = r.lambda[i] * bits(st, i) / rate;
        }
    }

    /**
     * Edge shares. SHARED: each runs at {@code F_j / k_j}, the server's CPU split among the slot's k_j shares.
     * FIFO: one at a time at {@code F_j}, in the order they are ready (uploaded and, if waiting, downloaded; ties
     * by device), after the server's work left from earlier slots.
     */
    private void edge(State st, Result r) {
        double f = s.edge().cpuGhz() * 1e9;
        if (!s.queueing().fifo()) {
            for (int i = 0; i < n; i++) {
                if (r.where[i] == SlotOutcome.Where.EDGE) {
                    double exe = r.lambda[i] * cycles(st, i) / (f / r.edgeShares[r.ap[i]]);
                    r.remoteS[i] = r.upS[i] + r.switchWait[i] + exe;
                }
            }
            return;
        }
        double slot = s.queueing().slotS();
        for (int j = 0; j < servers; j++) {
            List<Integer> queue = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                if (r.where[i] == SlotOutcome.Where.EDGE && r.ap[i] == j) {
                    queue.add(i);
                }
            }
            queue.sort((a, b) -> {
                int c = Double.compare(r.upS[a] + r.switchWait[a], r.upS[b] + r.switchWait[b]);
                return c != 0 ? c : Integer.compare(a, b);
            });
            double free = st.serverBacklogS()[j];
            for (int i : queue) {
                double start = Math.max(r.upS[i] + r.switchWait[i], free);
                free = start + r.lambda[i] * cycles(st, i) / f;
                r.remoteS[i] = free;
            }
            r.serverBacklogS[j] = Math.max(0, free - slot);
        }
    }

    /**
     * Cloud and relayed shares: after the uplink, the edge-to-cloud link and the cloud CPU are each split equally
     * among the slot's n_c cloud-bound shares, plus the propagation delay both ways.
     */
    private void cloud(State st, Result r) {
        AigcScenario.Cloud cl = s.cloud();
        for (int i = 0; i < n; i++) {
            if (r.where[i] == SlotOutcome.Where.CLOUD || r.where[i] == SlotOutcome.Where.RELAY) {
                double wan = r.lambda[i] * bits(st, i) / (cl.edgeToCloudMbps() * 1e6 / r.cloudShares);
                double exe = r.lambda[i] * cycles(st, i) / (cl.cpuGhz() * 1e9 / r.cloudShares);
                r.remoteS[i] = r.upS[i] + wan + exe + 2 * cl.propagationS();
            }
        }
    }

    /** The device's own share {@code (1 - lambda) C / f_i}, after its work left from earlier slots (FIFO). */
    private void local(State st, Result r) {
        boolean fifo = s.queueing().fifo();
        for (int i = 0; i < n; i++) {
            double work = (1 - r.lambda[i]) * cycles(st, i) / (st.cpuGhz()[i] * 1e9);
            if (!fifo) {
                r.localS[i] = work;
                continue;
            }
            double backlog = st.deviceBacklogS()[i];
            r.localS[i] = work > 0 ? backlog + work : 0;
            r.deviceBacklogS[i] = Math.max(0, backlog + work - s.queueing().slotS());
        }
    }

    /**
     * Latency (the larger of the local and remote parts, which run in parallel), energy (local computing, uplink,
     * this share's part of a download, edge computing), whether the deadline was met, and the own reward
     * {@code -w_k (w_T T/T_max + w_E E/E_ref) - psi 1[T > T_max]}.
     */
    private void price(State st, Result r) {
        AigcScenario.Reward rw = s.reward();
        double edgeHz = s.edge().cpuGhz() * 1e9;
        for (int i = 0; i < n; i++) {
            AigcScenario.TaskType t = s.taskTypes().get(st.type()[i]);
            double cycles = cycles(st, i);
            double lambda = r.lambda[i];
            double f = st.cpuGhz()[i] * 1e9;
            double energy = Formulas.computeEnergyJ(s.devices().kappa(), f, (1 - lambda) * cycles);
            if (r.where[i] != SlotOutcome.Where.LOCAL) {
                energy += Formulas.transmitEnergyJ(s.devices().transmitW(), r.upS[i]);
                if (r.where[i] == SlotOutcome.Where.EDGE) {
                    energy += r.switchEnergy[i];
                    if (s.edge().computeKappa() > 0) {
                        energy += Formulas.computeEnergyJ(s.edge().computeKappa(), edgeHz, lambda * cycles);
                    }
                }
            }
            double latency = Math.max(r.localS[i], r.remoteS[i]);
            double deadline = st.deadlineS()[i];
            r.energy[i] = energy;
            r.latency[i] = latency;
            r.met[i] = latency <= deadline;
            r.own[i] = -t.weight() * (rw.latencyWeight() * latency / deadline + rw.energyWeight() * energy
                    / rw.energyRefJ()) - (r.met[i] ? 0 : rw.deadlinePenalty());
        }
    }

    private double bits(State st, int i) {
        return Formulas.mbToBits(st.dataMb()[i]);
    }

    private double cycles(State st, int i) {
        return s.taskTypes().get(st.type()[i]).cyclesPerBit() * bits(st, i);
    }

    private double sizeMb(int model) {
        return s.taskTypes().get(model).model().sizeMb();
    }
}
