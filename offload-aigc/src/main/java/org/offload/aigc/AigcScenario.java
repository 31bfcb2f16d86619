package org.offload.aigc;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.offload.scenario.Range;
import org.offload.scenario.ScenarioException;

/**
 * A validated AIGC offloading scenario (seed 002): devices, edge servers with model caches, a cloud, a radio
 * model, the task types with their generative models, and the reward. Read by {@link AigcScenarioLoader} from a
 * YAML file whose top level says {@code kind: aigc}; {@code scenarios/aigc.yaml} documents every key. Units
 * are those of the file: GHz, MB (10^6 bytes), Mbit/s, MHz, metres, seconds, watts, joules.
 *
 * <p>Constructors check ranges and throw {@link ScenarioException} naming the offending key, which the loader
 * turns into a {@code file:line: key: problem} message.
 */
public record AigcScenario(String name, long seed, int slotsPerEpisode, double areaWidthM, double areaHeightM,
                           int modelCount, Devices devices, Edge edge, Cloud cloud, Radio radio, Reward reward,
                           List<TaskType> taskTypes, Popularity popularity, Queueing queueing) implements Serializable {
    public AigcScenario {
        if (slotsPerEpisode < 1) {
            throw new ScenarioException("slots_per_episode", "must be an integer >= 1, got " + slotsPerEpisode);
        }
        positive("area_m", areaWidthM);
        positive("area_m", areaHeightM);
        if (taskTypes.isEmpty()) {
            throw new ScenarioException("task_types", "must list at least one task type");
        }
        if (modelCount < 1 || modelCount > taskTypes.size()) {
            throw new ScenarioException("model_count", "must be between 1 and the number of task_types ("
                    + taskTypes.size() + "), got " + modelCount);
        }
        Set<String> names = new HashSet<>();
        Set<String> models = new HashSet<>();
        for (int i = 0; i < taskTypes.size(); i++) {
            if (!names.add(taskTypes.get(i).name())) {
                throw new ScenarioException("task_types[" + i + "].name", "duplicate name '"
                        + taskTypes.get(i).name() + "'");
            }
            if (!models.add(taskTypes.get(i).model().name())) {
                throw new ScenarioException("task_types[" + i + "].model.name", "duplicate model '"
                        + taskTypes.get(i).model().name() + "'; each task type needs its own generative model");
            }
        }
        if (edge.cache().capacityMb() > 0) {
            for (int i = 0; i < modelCount; i++) {
                if (taskTypes.get(i).model().sizeMb() > edge.cache().capacityMb()) {
                    throw new ScenarioException("task_types[" + i + "].model.size_mb", "model larger than"
                            + " edge.cache.capacity_mb (" + edge.cache().capacityMb() + ")");
                }
            }
        }
        taskTypes = List.copyOf(taskTypes);
    }

    /** Today's defaults for the optional blocks: uniform popularity, per-slot CPU sharing without carry-over. */
    public AigcScenario(String name, long seed, int slotsPerEpisode, double areaWidthM, double areaHeightM,
                        int modelCount, Devices devices, Edge edge, Cloud cloud, Radio radio, Reward reward,
                        List<TaskType> taskTypes) {
        this(name, seed, slotsPerEpisode, areaWidthM, areaHeightM, modelCount, devices, edge, cloud, radio, reward,
                taskTypes, Popularity.UNIFORM, Queueing.SHARED);
    }

    /** The task types in use: the first {@link #modelCount()} of {@link #taskTypes()}. */
    public List<TaskType> activeTypes() {
        return taskTypes.subList(0, modelCount);
    }

    /** The same scenario with {@code n} devices. */
    public AigcScenario withDevices(int n) {
        return new AigcScenario(name, seed, slotsPerEpisode, areaWidthM, areaHeightM, modelCount,
                new Devices(n, devices.cpuGhz(), devices.kappa(), devices.transmitW()), edge, cloud, radio, reward,
                taskTypes, popularity, queueing);
    }

    /** The same scenario with the first {@code m} task types (and models) in use. */
    public AigcScenario withModelCount(int m) {
        return new AigcScenario(name, seed, slotsPerEpisode, areaWidthM, areaHeightM, m, devices, edge, cloud, radio,
                reward, taskTypes, popularity, queueing);
    }

    /** The same scenario with {@code slots} slots per episode. */
    public AigcScenario withSlots(int slots) {
        return new AigcScenario(name, seed, slots, areaWidthM, areaHeightM, modelCount, devices, edge, cloud, radio,
                reward, taskTypes, popularity, queueing);
    }

    /** End devices: count, CPU frequency range (drawn per device per episode), chip constant, transmit power. */
    public record Devices(int count, Range cpuGhz, double kappa, double transmitW) implements Serializable {
        public Devices {
            if (count < 1) {
                throw new ScenarioException("count", "must be an integer >= 1, got " + count);
            }
            positive("cpu_ghz", cpuGhz.min());
            positive("kappa", kappa);
            positive("transmit_w", transmitW);
        }
    }

    /** Where the edge servers stand. */
    public enum Placement { GRID, LIST }

    /** How a full cache makes room. */
    public enum Replacement { LRU }

    /** Which models the caches hold at the start of an episode. */
    public enum InitialCache { ROUND_ROBIN, EMPTY, RANDOM }

    /**
     * Edge servers: count, CPU, positions ({@code positions} has one {x, y} per server when placement is LIST),
     * the model cache, the rate at which a downloaded model is loaded into accelerator memory (0 = not modelled),
     * the power drawn while downloading a model, and the effective switched capacitance of a server's CPU
     * ({@code computeKappa}: a share of C cycles at F_j costs {@code computeKappa F_j^2 C} joules, the paper's
     * edge computation energy, eq. 10; 0 = not counted).
     */
    public record Edge(int servers, double cpuGhz, Placement placement, List<double[]> positions, Cache cache,
                       double loadRateMbps, double downloadPowerW, double computeKappa) implements Serializable {
        public Edge {
            if (servers < 1) {
                throw new ScenarioException("servers", "must be an integer >= 1, got " + servers);
            }
            positive("cpu_ghz", cpuGhz);
            if (placement == Placement.LIST && positions.size() != servers) {
                throw new ScenarioException("positions", "must list " + servers + " positions (one per server), got "
                        + positions.size());
            }
            nonNegative("load_rate_mbps", loadRateMbps);
            nonNegative("download_power_w", downloadPowerW);
            nonNegative("compute_kappa", computeKappa);
            positions = List.copyOf(new ArrayList<>(positions));
        }
    }

    /** A per-server model cache: at most {@code capacityModels} models and {@code capacityMb} MB (0 = no limit). */
    public record Cache(int capacityModels, double capacityMb, Replacement replacement, InitialCache initial)
            implements Serializable {
        public Cache {
            if (capacityModels < 0) {
                throw new ScenarioException("capacity_models", "must be an integer >= 0, got " + capacityModels);
            }
            nonNegative("capacity_mb", capacityMb);
            if (capacityModels == 0 && capacityMb == 0) {
                throw new ScenarioException("capacity_models", "set capacity_models or capacity_mb (both are 0, so"
                        + " the cache would be unlimited and no model would ever be switched)");
            }
        }
    }

    /**
     * The cloud: CPU (shared equally among the slot's cloud tasks), the edge-to-cloud rate for task data
     * (shared equally), the cloud-to-edge rate for model downloads, and the one-way propagation delay.
     */
    public record Cloud(double cpuGhz, double edgeToCloudMbps, double cloudToEdgeMbps, double propagationS)
            implements Serializable {
        public Cloud {
            positive("cpu_ghz", cpuGhz);
            positive("edge_to_cloud_mbps", edgeToCloudMbps);
            positive("cloud_to_edge_mbps", cloudToEdgeMbps);
            nonNegative("propagation_s", propagationS);
        }
    }

    /** Small-scale fading on the uplink. */
    public enum Fading { NONE, RAYLEIGH }

    /**
     * The wireless uplink: bandwidth of each edge server's access point (shared equally among the devices
     * uploading to it in a slot), noise spectral density, path gain at 1 m (as a loss in dB), path-loss exponent
     * and fading.
     */
    public record Radio(double bandwidthMhz, double noiseDbmPerHz, double pathLossDbAt1m, double pathLossExponent,
                       Fading fading) implements Serializable {
        public Radio {
            positive("bandwidth_mhz", bandwidthMhz);
            nonNegative("path_loss_db_at_1m", pathLossDbAt1m);
            positive("path_loss_exponent", pathLossExponent);
        }

        /** Noise power spectral density in W/Hz. */
        public double noiseWPerHz() {
            return Math.pow(10, noiseDbmPerHz / 10) / 1000;
        }

        /** Linear path gain at 1 m (g0). */
        public double g0() {
            return Math.pow(10, -pathLossDbAt1m / 10);
        }
    }

    /** How the devices' own rewards are turned into the reward each device learns from. */
    public enum Sharing {
        /** {@code (1 - sharedWeight) r_i + sharedWeight mean(r)}. */
        MIXED,
        /** Every device gets {@code mean(r)} (fully cooperative; the same as MIXED with sharedWeight 1). */
        COOPERATIVE,
        /**
         * Difference rewards (Wolpert and Tumer): {@code sum(r) - sum(r | a_i := local)}, the team's gain from
         * device i's action over running its task locally with the others' actions unchanged, divided by N.
         */
        DIFFERENCE
    }

    /**
     * The reward of device i in a slot: {@code -w_k (w_T T/T_max + w_E E/E_ref) - psi 1[T > T_max]}, shared among
     * the devices as {@code sharing} says ({@link Sharing}; {@code sharedWeight}: 0 = own reward, 1 = fully
     * shared, for MIXED).
     */
    public record Reward(double latencyWeight, double energyWeight, double energyRefJ, double deadlinePenalty,
                         double sharedWeight, Sharing sharing) implements Serializable {
        public Reward {
            within("latency_weight", latencyWeight, 0, 1);
            within("energy_weight", energyWeight, 0, 1);
            if (Math.abs(latencyWeight + energyWeight - 1) > 1e-9) {
                throw new ScenarioException("energy_weight", "latency_weight + energy_weight must be 1, got "
                        + (latencyWeight + energyWeight));
            }
            positive("energy_ref_j", energyRefJ);
            nonNegative("deadline_penalty", deadlinePenalty);
            within("shared_weight", sharedWeight, 0, 1);
        }
    }

    /** How task types (models) are drawn. */
    public enum Distribution { UNIFORM, ZIPF }

    /**
     * Task-type popularity: UNIFORM over the models in use, or ZIPF, where the model of popularity rank k (1-based)
     * is drawn with probability proportional to {@code k^-zipfExponent}. The ranking is a random permutation drawn
     * at the start of the episode and drawn afresh every {@code driftEverySlots} slots (0 = never), so that the
     * hot models change during an episode.
     */
    public record Popularity(Distribution distribution, double zipfExponent, int driftEverySlots)
            implements Serializable {
        /** Every model in use equally likely, for the whole episode (the paper: "a uniform distribution"). */
        public static final Popularity UNIFORM = new Popularity(Distribution.UNIFORM, 0, 0);

        public Popularity {
            nonNegative("zipf_exponent", zipfExponent);
            if (driftEverySlots < 0) {
                throw new ScenarioException("drift_every_slots", "must be an integer >= 0, got " + driftEverySlots);
            }
        }
    }

    /** How the processors serve the work of a slot. */
    public enum Discipline {
        /**
         * Each slot on its own: a server's CPU is shared equally among the shares it computes in the slot, a
         * device's CPU runs its own local share, and nothing carries over to the next slot.
         */
        SHARED,
        /**
         * First-in-first-out queues at each edge server and each device (the paper's FIFO principle): shares are
         * served one at a time in the order they are ready, after the work left over from earlier slots; the slot
         * lasts {@code slotS} seconds, and unfinished work carries over to the next slot.
         */
        FIFO
    }

    /** How the edge servers' and devices' CPUs serve work ({@link Discipline}) and the slot length for FIFO. */
    public record Queueing(Discipline discipline, double slotS) implements Serializable {
        /** Today's default: per-slot sharing, no carry-over. */
        public static final Queueing SHARED = new Queueing(Discipline.SHARED, 0);

        public Queueing {
            if (discipline == Discipline.FIFO) {
                positive("slot_s", slotS);
            } else {
                nonNegative("slot_s", slotS);
            }
        }

        public boolean fifo() {
            return discipline == Discipline.FIFO;
        }
    }

    /** A generative model: name and size. */
    public record Model(String name, double sizeMb) implements Serializable {
        public Model {
            positive("size_mb", sizeMb);
        }
    }

    /**
     * An AIGC task type: the model it needs, its input size range (drawn per task), computational density, the
     * deadline and the weight of its cost in the reward.
     */
    public record TaskType(String name, Model model, Range dataMb, double cyclesPerBit, Range deadlineS,
                           double weight) implements Serializable {
        public TaskType {
            positive("data_mb", dataMb.min());
            positive("cycles_per_bit", cyclesPerBit);
            positive("deadline_s", deadlineS.min());
            positive("weight", weight);
        }
    }

    static void positive(String key, double v) {
        if (!(v > 0) || Double.isInfinite(v)) {
            throw new ScenarioException(key, "must be a number > 0, got " + v);
        }
    }

    static void nonNegative(String key, double v) {
        if (!(v >= 0) || Double.isInfinite(v)) {
            throw new ScenarioException(key, "must be a number >= 0, got " + v);
        }
    }

    static void within(String key, double v, double lo, double hi) {
        if (!(v >= lo && v <= hi)) {
            throw new ScenarioException(key, "must be between " + lo + " and " + hi + ", got " + v);
        }
    }
}
