package org.offload.aigc;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
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
 * Every device holds one task (type drawn by the scenario's popularity, {@link TaskMix}; size uniform in the
 * type's range, deadline uniform in the type's range). All devices act at once; then ({@link SlotModel}), with
 * n_j the devices uploading through server j's access point (edge-bound tasks to j, and cloud-bound tasks through
 * their nearest server):
 * <ul>
 *   <li>uplink: Shannon rate {@code (B/n_j) log2(1 + p h_ij / (N0 B/n_j))}, {@code h = g0 d^-alpha} (times an
 *       exponential fading draw if enabled); time {@code lambda D / r}, energy {@code p t};</li>
 *   <li>edge: if server j caches the model (hit) the share runs at once; if not and the action asks for a
 *       download, the server downloads it from the cloud (switching delay {@code S/(R_ce/k) + S/R_load}, with k
 *       the downloads at that server in the slot, energy {@code P_dl S/R_ce} split among the tasks that waited
 *       for it); one download per (server, model) and slot serves every task that needs it. Compute time
 *       {@code lambda C / (F_j / k_j)} with k_j the shares computed at j, or with FIFO queueing one share at a
 *       time at F_j after the work left from earlier slots. Latency {@code t_up + t_switch + t_exe}; energy adds
 *       {@code kappa_j F_j^2 lambda C} when {@code edge.compute_kappa} is set;</li>
 *   <li>relay: a miss without download is forwarded by server j to the cloud, as a cloud task after the uplink;</li>
 *   <li>cloud: {@code t_up + lambda D/(R_ec/n_c) + lambda C/(F_c/n_c) + 2 t_prop}, n_c the slot's cloud shares;</li>
 *   <li>local: {@code (1-lambda) C / f_i}, energy {@code kappa f_i^2 (1-lambda) C}, in parallel with the remote
 *       share; the task's latency is the larger of the two, energy the sum.</li>
 * </ul>
 * After the slot, downloaded models enter the caches (LRU replacement, {@link ModelCache}), and the loads seen
 * in the next observation are this slot's. Reward of device i:
 * {@code -w_k (w_T T_i/T_max + w_E E_i/E_ref) - psi 1[T_i > T_max]}, shared among the devices as
 * {@code reward.sharing} says ({@link AigcScenario.Sharing}).
 *
 * <p>Randomness comes from {@link RandomStreams} streams derived from the {@code reset} seed by name, so the
 * same seed and actions give the same episode. Not thread-safe; use one environment per thread.
 */
public final class AigcEnv {
    /** Weight of the latest slot in the recent demand of each model ({@link AigcObservation#demand}). */
    public static final double DEMAND_WEIGHT = 0.2;

    private final AigcScenario s;
    private final int n;
    private final int servers;
    private final double[] serverX;
    private final double[] serverY;
    private final SlotModel physics;
    private final TaskMix mix;

    private SplittableRandom taskRandom;
    private SplittableRandom fadingRandom;
    private int slot;
    private boolean done = true;
    private double[] devX;
    private double[] devY;
    private double[] cpuGhz;
    private double[][] distance;
    private double[][] gain;
    private double[][] rateMbps;
    private int[] nearest;
    private int[] devicesPerAp;
    private ModelCache[] caches;
    private int[] type;
    private double[] dataMb;
    private double[] deadline;
    private int[] edgeLoad;
    private int cloudLoad;
    private int[] uplinkUsers;
    private double[] serverBacklog;
    private double[] deviceBacklog;
    private double[] demand;
    private AigcAction[] lastAction;
    private AigcObservation current;

    public AigcEnv(AigcScenario scenario) {
        this.s = scenario;
        this.n = scenario.devices().count();
        this.servers = scenario.edge().servers();
        this.serverX = new double[servers];
        this.serverY = new double[servers];
        this.physics = new SlotModel(scenario);
        this.mix = new TaskMix(scenario);
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
        return servers;
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

    /** This slot's probability of each model (the popularity; not part of the observation; for oracles, tests). */
    public double[] popularity() {
        return mix.probabilities();
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
        taskRandom = streams.stream("aigc-tasks", 0);
        fadingRandom = streams.stream("aigc-fading", 0);
        placeDevices(streams.stream("aigc-devices", 0));
        fillCaches(streams.stream("aigc-cache", 0));
        mix.reset(streams.stream("aigc-popularity", 0));
        edgeLoad = new int[servers];
        cloudLoad = 0;
        uplinkUsers = new int[servers];
        serverBacklog = new double[servers];
        deviceBacklog = new double[n];
        lastAction = new AigcAction[n];
        demand = new double[s.modelCount()];
        Arrays.fill(demand, 1.0 / s.modelCount());
        type = new int[n];
        dataMb = new double[n];
        deadline = new double[n];
        slot = 0;
        done = false;
        drawTasks();
        current = observe();
        return current;
    }

    private void placeDevices(SplittableRandom devRandom) {
        devX = new double[n];
        devY = new double[n];
        cpuGhz = new double[n];
        distance = new double[n][servers];
        gain = new double[n][servers];
        rateMbps = new double[n][servers];
        nearest = new int[n];
        devicesPerAp = new int[servers];
        AigcScenario.Radio radio = s.radio();
        double b = radio.bandwidthMhz() * 1e6;
        for (int i = 0; i < n; i++) {
            devX[i] = devRandom.nextDouble() * s.areaWidthM();
            devY[i] = devRandom.nextDouble() * s.areaHeightM();
            cpuGhz[i] = uniform(devRandom, s.devices().cpuGhz().min(), s.devices().cpuGhz().max());
            for (int j = 0; j < servers; j++) {
                distance[i][j] = Math.hypot(devX[i] - serverX[j], devY[i] - serverY[j]);
                gain[i][j] = Formulas.channelGain(radio.g0(), distance[i][j], radio.pathLossExponent());
                rateMbps[i][j] = Formulas.shannonRateBps(b, s.devices().transmitW(), gain[i][j],
                        radio.noiseWPerHz()) / 1e6;
                if (distance[i][j] < distance[i][nearest[i]]) {
                    nearest[i] = j;
                }
            }
            devicesPerAp[nearest[i]]++;
        }
    }

    private void fillCaches(SplittableRandom cacheRandom) {
        caches = new ModelCache[servers];
        AigcScenario.Cache c = s.edge().cache();
        int m = s.modelCount();
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
                    int[] perm = TaskMix.permutation(cacheRandom, m);
                    for (int q = 0; q < slots; q++) {
                        if (fitsWithoutEviction(caches[j], perm[q])) {
                            caches[j].insert(perm[q], sizeMb(perm[q]));
                        }
                    }
                }
                default -> throw new IllegalStateException();
            }
        }
    }

    private boolean fitsWithoutEviction(ModelCache cache, int model) {
        AigcScenario.Cache c = s.edge().cache();
        return (c.capacityModels() == 0 || cache.size() < c.capacityModels())
                && (c.capacityMb() == 0 || cache.usedMb() + sizeMb(model) <= c.capacityMb());
    }

    private double sizeMb(int model) {
        return s.taskTypes().get(model).model().sizeMb();
    }

    private static double uniform(SplittableRandom r, double lo, double hi) {
        return lo == hi ? lo : lo + r.nextDouble() * (hi - lo);
    }

    /** New tasks for every device, and the recent demand updated with them. */
    private void drawTasks() {
        mix.startSlot(slot);
        int m = s.modelCount();
        double[] share = new double[m];
        for (int i = 0; i < n; i++) {
            type[i] = mix.draw(taskRandom);
            AigcScenario.TaskType t = s.taskTypes().get(type[i]);
            dataMb[i] = uniform(taskRandom, t.dataMb().min(), t.dataMb().max());
            deadline[i] = uniform(taskRandom, t.deadlineS().min(), t.deadlineS().max());
            share[type[i]] += 1.0 / n;
        }
        for (int k = 0; k < m; k++) {
            demand[k] = (1 - DEMAND_WEIGHT) * demand[k] + DEMAND_WEIGHT * share[k];
        }
    }

    private AigcObservation observe() {
        double[] cpb = new double[n];
        for (int i = 0; i < n; i++) {
            cpb[i] = s.taskTypes().get(type[i]).cyclesPerBit();
        }
        AigcObservation.Devices devices = new AigcObservation.Devices(type.clone(), dataMb.clone(), cpb,
                deadline.clone(), cpuGhz, devX, devY, distance, rateMbps, deviceBacklog.clone(), lastAction.clone());
        AigcObservation.Servers srv = new AigcObservation.Servers(edgeLoad.clone(), cloudLoad, uplinkUsers.clone(),
                serverBacklog.clone(), cachedBitmap(), devicesPerAp, demand.clone());
        return new AigcObservation(s, slot, devices, srv);
    }

    private boolean[][] cachedBitmap() {
        boolean[][] cached = new boolean[servers][s.modelCount()];
        for (int j = 0; j < servers; j++) {
            for (int m : caches[j].models()) {
                if (m < s.modelCount()) {
                    cached[j][m] = true;
                }
            }
        }
        return cached;
    }

    /**
     * Applies one action per device and advances one slot: the slot's physics ({@link SlotModel}), the rewards'
     * sharing, then the commit (caches, loads, queues) and the next slot's tasks.
     */
    public StepResult step(AigcAction[] actions) {
        checkStep(actions);
        SlotModel.State state = state(drawFading());
        SlotModel.Result slotResult = physics.evaluate(state, actions);
        double[] rewards = share(state, actions, slotResult);
        StepResult.Info info = commit(actions, slotResult, rewards);
        advance();
        return new StepResult(current, rewards, done, info);
    }

    private void checkStep(AigcAction[] actions) {
        if (done) {
            throw new IllegalStateException(current == null ? "call reset first" : "the episode is over; call reset");
        }
        if (actions.length != n) {
            throw new IllegalArgumentException("expected " + n + " actions, got " + actions.length);
        }
    }

    /** One small-scale fading multiplier per device for this slot (Exp(1) power gain; 1 without fading). */
    private double[] drawFading() {
        double[] h = new double[n];
        Arrays.fill(h, 1.0);
        if (s.radio().fading() == AigcScenario.Fading.RAYLEIGH) {
            for (int i = 0; i < n; i++) {
                h[i] = -Math.log(1 - fadingRandom.nextDouble());
            }
        }
        return h;
    }

    private SlotModel.State state(double[] fading) {
        return new SlotModel.State(gain, nearest, cpuGhz, type, dataMb, deadline, cachedBitmap(), serverBacklog,
                deviceBacklog, fading);
    }

    /**
     * The reward each device learns from. MIXED: {@code (1 - w) r_i + w mean(r)}; COOPERATIVE: {@code mean(r)};
     * DIFFERENCE: the team's gain from device i's action over running its task locally, the slot evaluated again
     * with only that action changed, divided by N.
     */
    private double[] share(SlotModel.State state, AigcAction[] actions, SlotModel.Result r) {
        double[] own = r.own;
        double[] rewards = new double[n];
        AigcScenario.Reward rw = s.reward();
        switch (rw.sharing()) {
            case MIXED -> {
                double mean = Arrays.stream(own).average().orElse(0);
                for (int i = 0; i < n; i++) {
                    rewards[i] = (1 - rw.sharedWeight()) * own[i] + rw.sharedWeight() * mean;
                }
            }
            case COOPERATIVE -> Arrays.fill(rewards, Arrays.stream(own).average().orElse(0));
            case DIFFERENCE -> {
                double team = r.teamReward();
                for (int i = 0; i < n; i++) {
                    AigcAction[] without = actions.clone();
                    without[i] = AigcAction.local();
                    rewards[i] = (team - physics.evaluate(state, without).teamReward()) / n;
                }
            }
            default -> throw new IllegalStateException();
        }
        return rewards;
    }

    /**
     * Makes the slot happen: each edge-bound share looks its model up (a hit refreshes the model's recency), the
     * downloaded models enter the caches (in server, model order; LRU eviction), and the loads, uplink users,
     * queues and last actions roll over to the next observation.
     */
    private StepResult.Info commit(AigcAction[] actions, SlotModel.Result r, double[] rewards) {
        List<SlotOutcome> outcomes = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            AigcAction a = actions[i];
            if (r.where[i] == SlotOutcome.Where.EDGE || r.where[i] == SlotOutcome.Where.RELAY) {
                caches[a.target()].lookup(type[i]);
            }
            outcomes.add(new SlotOutcome(i, type[i], a.target(), r.lambda[i], r.where[i], r.hit[i], r.waits[i],
                    r.latency[i], r.localS[i], r.remoteS[i], r.energy[i], deadline[i], r.met[i], r.own[i],
                    rewards[i]));
        }
        for (long key : r.downloads.keySet()) {
            int model = SlotModel.keyModel(key);
            caches[SlotModel.keyServer(key)].insert(model, sizeMb(model));
        }
        edgeLoad = r.edgeShares;
        cloudLoad = r.cloudShares;
        uplinkUsers = r.uplinkUsers;
        serverBacklog = r.serverBacklogS;
        deviceBacklog = r.deviceBacklogS;
        lastAction = actions.clone();
        return new StepResult.Info(slot, outcomes, r.downloads.size(), r.hits, r.misses, r.switchEnergyTotal);
    }

    /** The next slot: its number, whether the episode is over, new tasks and the observation. */
    private void advance() {
        slot++;
        done = slot >= s.slotsPerEpisode();
        drawTasks();
        current = observe();
    }
}
