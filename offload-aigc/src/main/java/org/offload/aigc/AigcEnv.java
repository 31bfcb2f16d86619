package org.offload.aigc;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.offload.engine.RandomStreams;

/**
 * The AIGC offloading environment, slot-based as the paper's MDP, with a gym-style API:
 * <pre>{@code
 * AigcEnv env = new AigcEnv(new AigcScenarioLoader().loadDefault(List.of()));
 * AigcObservation obs = env.reset(42);
 * while (true) {
 *     AigcAction[] actions = policy.act(obs);          // one action per device
 *     StepResult r = env.step(actions);
 *     obs = r.observation();
 *     if (r.done()) break;
 * }
 * }</pre>
 *
 * <h2>One slot</h2>
 * Every device holds one task (type uniform over the models in use, size uniform in the type's range, deadline
 * uniform in the type's range). All devices act at once; then, with n_j the devices uploading through server
 * j's access point (edge-bound tasks to j, and cloud-bound tasks through their nearest server):
 * <ul>
 *   <li>uplink: Shannon rate {@code (B/n_j) log2(1 + p h_ij / (N0 B/n_j))}, {@code h = g0 d^-alpha} (times an
 *       exponential fading draw if enabled); time {@code lambda D / r}, energy {@code p t};</li>
 *   <li>edge: if server j caches the model (hit) the share runs at once; if not and the action asks for a
 *       download, the server downloads it from the cloud (switching delay {@code S/(R_ce/k) + S/R_load}, with k
 *       the downloads at that server in the slot, energy {@code P_dl S/R_ce} split among the tasks that waited
 *       for it); one download per (server, model) and slot serves every task that needs it. Compute time
 *       {@code lambda C / (F_j / k_j)} with k_j the shares computed at j. Latency {@code t_up + t_switch + t_exe};</li>
 *   <li>relay: a miss without download is forwarded by server j to the cloud, as a cloud task after the uplink;</li>
 *   <li>cloud: {@code t_up + lambda D/(R_ec/n_c) + lambda C/(F_c/n_c) + 2 t_prop}, n_c the slot's cloud shares;</li>
 *   <li>local: {@code (1-lambda) C / f_i}, energy {@code kappa f_i^2 (1-lambda) C}, in parallel with the remote
 *       share; the task's latency is the larger of the two, energy the sum.</li>
 * </ul>
 * After the slot, downloaded models enter the caches (LRU replacement, {@link ModelCache}), and the loads seen
 * in the next observation are this slot's. Reward of device i:
 * {@code -w_k (w_T T_i/T_max + w_E E_i/E_ref) - psi 1[T_i > T_max]}, mixed with the devices' mean by
 * {@code reward.shared_weight}.
 *
 * <p>Randomness comes from {@link RandomStreams} streams derived from the {@code reset} seed by name, so the
 * same seed and actions give the same episode. Not thread-safe; use one environment per thread.
 */
public final class AigcEnv {
    private final AigcScenario s;
    private final int n;
    private final int servers;
    private final int cloud;
    private final double[] serverX;
    private final double[] serverY;

    private SplittableRandom taskRandom;
    private SplittableRandom fadingRandom;
    private int slot;
    private boolean done = true;
    private double[] devX;
    private double[] devY;
    private double[] cpuGhz;
    private double[][] distance;
    private double[][] gain;
    private ModelCache[] caches;
    private int[] type;
    private double[] dataMb;
    private double[] deadline;
    private int[] edgeLoad;
    private int cloudLoad;
    private AigcObservation current;

    public AigcEnv(AigcScenario scenario) {
        this.s = scenario;
        this.n = scenario.devices().count();
        this.servers = scenario.edge().servers();
        this.cloud = servers;
        this.serverX = new double[servers];
        this.serverY = new double[servers];
        placeServers();
    }

    public AigcScenario scenario() {
        return s;
    }

    public int devices() {
        return n;
    }

    public int servers() {
        return servers;
    }

    /** Index of the cloud as an action target (= number of edge servers). */
    public int cloudTarget() {
        return cloud;
    }

    public double serverX(int j) {
        return serverX[j];
    }

    public double serverY(int j) {
        return serverY[j];
    }

    /** The model cache of server {@code j} (live; for inspection and tests). */
    public ModelCache cache(int j) {
        return caches[j];
    }

    /** The current observation (null before the first reset). */
    public AigcObservation observation() {
        return current;
    }

    private void placeServers() {
        if (s.edge().placement() == AigcScenario.Placement.LIST) {
            for (int j = 0; j < servers; j++) {
                serverX[j] = s.edge().positions().get(j)[0];
                serverY[j] = s.edge().positions().get(j)[1];
            }
            return;
        }
        int cols = (int) Math.ceil(Math.sqrt(servers));
        int rows = (int) Math.ceil(servers / (double) cols);
        for (int j = 0; j < servers; j++) {
            int r = j / cols;
            int c = j % cols;
            int inRow = r == rows - 1 ? servers - r * cols : cols;
            serverX[j] = s.areaWidthM() * (c + 0.5) / inRow;
            serverY[j] = s.areaHeightM() * (r + 0.5) / rows;
        }
    }

    /**
     * Starts an episode: devices get positions (uniform over the area) and CPU speeds, caches their initial
     * models, and each device its first task. Returns the first observation.
     */
    public AigcObservation reset(long seed) {
        RandomStreams streams = new RandomStreams(seed);
        SplittableRandom devRandom = streams.stream("aigc-devices", 0);
        taskRandom = streams.stream("aigc-tasks", 0);
        fadingRandom = streams.stream("aigc-fading", 0);
        devX = new double[n];
        devY = new double[n];
        cpuGhz = new double[n];
        distance = new double[n][servers];
        gain = new double[n][servers];
        AigcScenario.Radio radio = s.radio();
        for (int i = 0; i < n; i++) {
            devX[i] = devRandom.nextDouble() * s.areaWidthM();
            devY[i] = devRandom.nextDouble() * s.areaHeightM();
            cpuGhz[i] = uniform(devRandom, s.devices().cpuGhz().min(), s.devices().cpuGhz().max());
            for (int j = 0; j < servers; j++) {
                distance[i][j] = Math.hypot(devX[i] - serverX[j], devY[i] - serverY[j]);
                gain[i][j] = Formulas.channelGain(radio.g0(), distance[i][j], radio.pathLossExponent());
            }
        }
        caches = new ModelCache[servers];
        AigcScenario.Cache c = s.edge().cache();
        int m = s.modelCount();
        SplittableRandom cacheRandom = streams.stream("aigc-cache", 0);
        int next = 0;
        for (int j = 0; j < servers; j++) {
            caches[j] = new ModelCache(c.capacityModels(), c.capacityMb());
            int slots = c.capacityModels() > 0 ? Math.min(c.capacityModels(), m) : m;
            switch (c.initial()) {
                case EMPTY -> {
                }
                case ROUND_ROBIN -> {
                    for (int q = 0; q < slots; q++) {
                        int model = (next++) % m;
                        if (!caches[j].contains(model) && fitsWithoutEviction(caches[j], model)) {
                            caches[j].insert(model, sizeMb(model));
                        }
                    }
                }
                case RANDOM -> {
                    int[] perm = permutation(cacheRandom, m);
                    for (int q = 0; q < slots; q++) {
                        if (fitsWithoutEviction(caches[j], perm[q])) {
                            caches[j].insert(perm[q], sizeMb(perm[q]));
                        }
                    }
                }
                default -> throw new IllegalStateException();
            }
        }
        edgeLoad = new int[servers];
        cloudLoad = 0;
        type = new int[n];
        dataMb = new double[n];
        deadline = new double[n];
        slot = 0;
        done = false;
        drawTasks();
        current = observe();
        return current;
    }

    private boolean fitsWithoutEviction(ModelCache cache, int model) {
        AigcScenario.Cache c = s.edge().cache();
        return (c.capacityModels() == 0 || cache.size() < c.capacityModels())
                && (c.capacityMb() == 0 || cache.usedMb() + sizeMb(model) <= c.capacityMb());
    }

    private static int[] permutation(SplittableRandom r, int m) {
        int[] p = new int[m];
        for (int i = 0; i < m; i++) {
            p[i] = i;
        }
        for (int i = m - 1; i > 0; i--) {
            int k = r.nextInt(i + 1);
            int t = p[i];
            p[i] = p[k];
            p[k] = t;
        }
        return p;
    }

    private double sizeMb(int model) {
        return s.taskTypes().get(model).model().sizeMb();
    }

    private static double uniform(SplittableRandom r, double lo, double hi) {
        return lo == hi ? lo : lo + r.nextDouble() * (hi - lo);
    }

    private void drawTasks() {
        int m = s.modelCount();
        for (int i = 0; i < n; i++) {
            type[i] = taskRandom.nextInt(m);
            AigcScenario.TaskType t = s.taskTypes().get(type[i]);
            dataMb[i] = uniform(taskRandom, t.dataMb().min(), t.dataMb().max());
            deadline[i] = uniform(taskRandom, t.deadlineS().min(), t.deadlineS().max());
        }
    }

    private AigcObservation observe() {
        double[] cpb = new double[n];
        double[][] rate = new double[n][servers];
        AigcScenario.Radio radio = s.radio();
        double b = radio.bandwidthMhz() * 1e6;
        for (int i = 0; i < n; i++) {
            cpb[i] = s.taskTypes().get(type[i]).cyclesPerBit();
            for (int j = 0; j < servers; j++) {
                rate[i][j] = Formulas.shannonRateBps(b, s.devices().transmitW(), gain[i][j], radio.noiseWPerHz())
                        / 1e6;
            }
        }
        boolean[][] cached = new boolean[servers][s.modelCount()];
        for (int j = 0; j < servers; j++) {
            for (int m : caches[j].models()) {
                if (m < s.modelCount()) {
                    cached[j][m] = true;
                }
            }
        }
        return new AigcObservation(s, slot, type, dataMb, cpb, deadline, cpuGhz, devX, devY, distance, rate,
                edgeLoad, cloudLoad, cached);
    }

    private int nearest(int i) {
        int best = 0;
        for (int j = 1; j < servers; j++) {
            if (distance[i][j] < distance[i][best]) {
                best = j;
            }
        }
        return best;
    }

    /** Applies one action per device, advances one slot and returns the outcome. */
    public StepResult step(AigcAction[] actions) {
        if (done) {
            throw new IllegalStateException(current == null ? "call reset first" : "the episode is over; call reset");
        }
        if (actions.length != n) {
            throw new IllegalArgumentException("expected " + n + " actions, got " + actions.length);
        }
        AigcScenario.Radio radio = s.radio();
        AigcScenario.Cloud cl = s.cloud();
        double p = s.devices().transmitW();

        // 1. Classify each remote share: EDGE (hit or with download), RELAY, CLOUD; count contention.
        SlotOutcome.Where[] where = new SlotOutcome.Where[n];
        int[] ap = new int[n];
        boolean[] hit = new boolean[n];
        boolean[] waits = new boolean[n];
        int[] uplinkUsers = new int[servers];
        int[] edgeShares = new int[servers];
        int cloudShares = 0;
        Map<Long, List<Integer>> downloads = new HashMap<>();
        int hits = 0;
        int misses = 0;
        for (int i = 0; i < n; i++) {
            AigcAction a = actions[i];
            if (a.target() > cloud) {
                throw new IllegalArgumentException("device " + i + ": target " + a.target() + " > cloud (" + cloud
                        + ")");
            }
            if (a.ratio() <= 0) {
                where[i] = SlotOutcome.Where.LOCAL;
                continue;
            }
            if (a.target() == cloud) {
                where[i] = SlotOutcome.Where.CLOUD;
                ap[i] = nearest(i);
                cloudShares++;
            } else {
                int j = a.target();
                ap[i] = j;
                int model = type[i];
                if (caches[j].lookup(model)) {
                    hit[i] = true;
                    hits++;
                    where[i] = SlotOutcome.Where.EDGE;
                    edgeShares[j]++;
                } else {
                    misses++;
                    if (a.download()) {
                        where[i] = SlotOutcome.Where.EDGE;
                        waits[i] = true;
                        edgeShares[j]++;
                        downloads.computeIfAbsent((long) j * 1_000_003L + model, k -> new ArrayList<>()).add(i);
                    } else {
                        where[i] = SlotOutcome.Where.RELAY;
                        cloudShares++;
                    }
                }
            }
            uplinkUsers[ap[i]]++;
        }
        int[] downloadsAt = new int[servers];
        for (long key : downloads.keySet()) {
            downloadsAt[(int) (key / 1_000_003L)]++;
        }

        // 2. Latency and energy per device.
        double bandwidth = radio.bandwidthMhz() * 1e6;
        double noise = radio.noiseWPerHz();
        double[] switchWait = new double[n];
        double[] switchEnergy = new double[n];
        double switchEnergyTotal = 0;
        List<Long> keys = new ArrayList<>(downloads.keySet());
        keys.sort(null);
        for (long key : keys) {
            int j = (int) (key / 1_000_003L);
            int model = (int) (key % 1_000_003L);
            double bits = Formulas.mbToBits(sizeMb(model));
            double rate = cl.cloudToEdgeMbps() * 1e6 / downloadsAt[j];
            double delay = Formulas.switchDelayS(bits, rate, s.edge().loadRateMbps() * 1e6);
            double energy = Formulas.switchEnergyJ(s.edge().downloadPowerW(), bits, cl.cloudToEdgeMbps() * 1e6);
            switchEnergyTotal += energy;
            List<Integer> users = downloads.get(key);
            for (int i : users) {
                switchWait[i] = delay;
                switchEnergy[i] = energy / users.size();
            }
        }
        AigcScenario.Reward rw = s.reward();
        List<SlotOutcome> outcomes = new ArrayList<>(n);
        double[] own = new double[n];
        for (int i = 0; i < n; i++) {
            AigcAction a = actions[i];
            AigcScenario.TaskType t = s.taskTypes().get(type[i]);
            double bits = Formulas.mbToBits(dataMb[i]);
            double cycles = t.cyclesPerBit() * bits;
            double lambda = where[i] == SlotOutcome.Where.LOCAL ? 0 : a.ratio();
            double f = cpuGhz[i] * 1e9;
            double localS = (1 - lambda) * cycles / f;
            double energy = Formulas.computeEnergyJ(s.devices().kappa(), f, (1 - lambda) * cycles);
            double remoteS = 0;
            if (where[i] != SlotOutcome.Where.LOCAL) {
                int j = ap[i];
                double share = bandwidth / uplinkUsers[j];
                double h = gain[i][j];
                if (radio.fading() == AigcScenario.Fading.RAYLEIGH) {
                    h *= -Math.log(1 - fadingRandom.nextDouble());
                }
                double rate = Formulas.shannonRateBps(share, p, h, noise);
                double up = lambda * bits / rate;
                energy += Formulas.transmitEnergyJ(p, up);
                if (where[i] == SlotOutcome.Where.EDGE) {
                    double exe = lambda * cycles / (s.edge().cpuGhz() * 1e9 / edgeShares[j]);
                    remoteS = up + switchWait[i] + exe;
                    energy += switchEnergy[i];
                } else {
                    double wan = lambda * bits / (cl.edgeToCloudMbps() * 1e6 / cloudShares);
                    double exe = lambda * cycles / (cl.cpuGhz() * 1e9 / cloudShares);
                    remoteS = up + wan + exe + 2 * cl.propagationS();
                }
            }
            double latency = Math.max(localS, remoteS);
            boolean met = latency <= deadline[i];
            own[i] = -t.weight() * (rw.latencyWeight() * latency / deadline[i] + rw.energyWeight() * energy
                    / rw.energyRefJ()) - (met ? 0 : rw.deadlinePenalty());
            outcomes.add(new SlotOutcome(i, type[i], a.target(), lambda, where[i], hit[i], waits[i], latency, localS,
                    remoteS, energy, deadline[i], met, 0));
        }
        double mean = Arrays.stream(own).average().orElse(0);
        double[] rewards = new double[n];
        for (int i = 0; i < n; i++) {
            rewards[i] = (1 - rw.sharedWeight()) * own[i] + rw.sharedWeight() * mean;
            SlotOutcome o = outcomes.get(i);
            outcomes.set(i, new SlotOutcome(o.device(), o.type(), o.target(), o.ratio(), o.where(), o.cacheHit(),
                    o.switched(), o.latencyS(), o.localS(), o.remoteS(), o.energyJ(), o.deadlineS(), o.deadlineMet(),
                    rewards[i]));
        }

        // 3. Caches take the downloaded models (in key order), loads roll over, new tasks arrive.
        for (long key : keys) {
            int j = (int) (key / 1_000_003L);
            int model = (int) (key % 1_000_003L);
            caches[j].insert(model, sizeMb(model));
        }
        edgeLoad = edgeShares;
        cloudLoad = cloudShares;
        StepResult.Info info = new StepResult.Info(slot, outcomes, keys.size(), hits, misses, switchEnergyTotal);
        slot++;
        done = slot >= s.slotsPerEpisode();
        drawTasks();
        current = observe();
        return new StepResult(current, rewards, done, info);
    }
}
