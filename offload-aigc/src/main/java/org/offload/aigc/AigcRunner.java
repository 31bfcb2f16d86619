package org.offload.aigc;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.offload.engine.RandomStreams;
import org.offload.experiment.Estimate;
import org.offload.io.AtomicFiles;

/**
 * Evaluates one approach on an AIGC scenario ({@code offload run scenarios/aigc.yaml}): {@code episodes} episodes
 * with seeds derived from the scenario seed, then {@code summary.json} (mean and 95% CI of each metric over
 * episodes), {@code episodes.csv} (one row per episode) and {@code scenario.yaml} (the file as run, with its
 * overrides) in the output directory.
 */
public final class AigcRunner {
    /** The approaches {@link #policy} knows. */
    public static final List<String> POLICIES = AigcSweep.ALL_POLICIES;

    private AigcRunner() {
    }

    /** Seed of evaluation episode {@code k} of a run with master seed {@code seed}. */
    public static long episodeSeed(long seed, int k) {
        return RandomStreams.derive(seed, "aigc-run-episode", k);
    }

    /** The hand-made approach {@code name} on {@code s}, or null if {@code name} is a learning agent. */
    public static AigcPolicy heuristic(String name, AigcScenario s) {
        return switch (name) {
            case "random" -> new RandomPolicy();
            case "greedy" -> new GreedyPolicy();
            case "greedy-cost" -> new GreedyCostPolicy(s);
            case "greedy-cost-nodl" -> GreedyCostPolicy.withoutDownloads(s);
            case "greedy-prefetch" -> new PrefetchPolicy(s);
            default -> null;
        };
    }

    /**
     * The named approach; a learning agent runs the checkpoint in {@code checkpoint} (a directory from
     * {@code offload train aigc}) or, when that is null, the checkpoint bundled for the scenario's name and
     * dimensions ({@link Checkpoint#bundled}). A checkpoint of another agent or other dimensions is an
     * {@link IllegalArgumentException} naming both.
     */
    public static AigcPolicy policy(String name, AigcScenario s, Path checkpoint) throws IOException {
        AigcPolicy h = heuristic(name, s);
        if (h != null) {
            return h;
        }
        if (!POLICIES.contains(name)) {
            throw new IllegalArgumentException("unknown AIGC policy '" + name + "'; known: "
                    + String.join(", ", POLICIES));
        }
        AgentKind kind = AgentKind.byId(name);
        if (checkpoint == null) {
            return Checkpoint.bundled(s, kind).policy();
        }
        Checkpoint cp = Checkpoint.load(checkpoint);
        if (cp.kind() != kind) {
            throw new IllegalArgumentException(checkpoint + " holds a " + cp.kind().id() + " agent, not " + name);
        }
        try {
            cp.requireCompatible(s);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(checkpoint + ": " + e.getMessage(), e);
        }
        return cp.policy();
    }

    /** Runs {@code episodes} evaluation episodes. */
    public static List<EpisodeStats> run(AigcScenario s, AigcPolicy policy, int episodes, long seed) {
        AigcEnv env = new AigcEnv(s);
        List<EpisodeStats> out = new ArrayList<>();
        for (int k = 0; k < episodes; k++) {
            out.add(EpisodeStats.run(env, policy, episodeSeed(seed, k)));
        }
        return out;
    }

    /** Writes summary.json, episodes.csv and scenario.yaml into {@code dir}. */
    public static void write(Path dir, AigcScenario s, String policy, long seed, List<EpisodeStats> eps,
                             String source, String scenarioText, List<String> overrides) throws IOException {
        Files.createDirectories(dir);
        StringBuilder j = new StringBuilder();
        j.append("{\n  \"kind\": \"aigc\",\n  \"scenario\": \"").append(json(s.name())).append("\",\n");
        j.append("  \"policy\": \"").append(json(policy)).append("\",\n");
        j.append("  \"seed\": ").append(seed).append(",\n");
        j.append("  \"devices\": ").append(s.devices().count()).append(",\n");
        j.append("  \"edge_servers\": ").append(s.edge().servers()).append(",\n");
        j.append("  \"models\": ").append(s.modelCount()).append(",\n");
        j.append("  \"episodes\": ").append(eps.size()).append(",\n");
        j.append("  \"slots_per_episode\": ").append(s.slotsPerEpisode()).append(",\n");
        j.append("  \"tasks\": ").append(eps.stream().mapToInt(EpisodeStats::tasks).sum()).append(",\n");
        String[] names = {"latency_s", "energy_j", "completion_rate", "model_switches_per_episode",
                "cache_hit_ratio", "reward", "local_share", "edge_share", "relay_share", "cloud_share"};
        for (int k = 0; k < names.length; k++) {
            final int m = k;
            Estimate e = Estimate.of(eps.stream().mapToDouble(st -> value(st, m)).toArray());
            j.append("  \"").append(names[k]).append("\": {\"mean\": ").append(num(e.mean()))
                    .append(", \"ci95_low\": ").append(num(e.ci95Low())).append(", \"ci95_high\": ")
                    .append(num(e.ci95High())).append("}").append(k < names.length - 1 ? ",\n" : "\n");
        }
        j.append("}\n");
        AtomicFiles.writeString(dir.resolve("summary.json"), j.toString());
        AtomicFiles.write(dir.resolve("episodes.csv"), w -> {
            w.write("episode,seed,tasks,latency_s,energy_j,completion_rate,model_switches,cache_hit_ratio,reward,"
                    + "local_share,edge_share,relay_share,cloud_share\n");
            for (int k = 0; k < eps.size(); k++) {
                EpisodeStats e = eps.get(k);
                w.write(String.format(Locale.ROOT, "%d,%d,%d,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s%n", k, episodeSeed(seed, k),
                        e.tasks(), csv(e.latencyS()), csv(e.energyJ()), csv(e.completion()), csv(e.switches()),
                        csv(e.hitRatio()), csv(e.reward()), csv(e.localShare()), csv(e.edgeShare()),
                        csv(e.relayShare()), csv(e.cloudShare())));
            }
        });
        StringBuilder y = new StringBuilder("# Scenario as run by offload (source: ").append(source).append(")\n");
        for (String o : overrides) {
            y.append("# override: ").append(o).append('\n');
        }
        y.append(scenarioText);
        AtomicFiles.writeString(dir.resolve("scenario.yaml"), y.toString());
    }

    /** A few lines for the console. */
    public static String table(AigcScenario s, String policy, long seed, List<EpisodeStats> eps, String dir) {
        EpisodeStats m = EpisodeStats.mean(eps);
        Estimate lat = Estimate.of(eps.stream().mapToDouble(EpisodeStats::latencyS).toArray());
        Estimate en = Estimate.of(eps.stream().mapToDouble(EpisodeStats::energyJ).toArray());
        Estimate cr = Estimate.of(eps.stream().mapToDouble(EpisodeStats::completion).toArray());
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "Scenario          %s (AIGC, slot-based)%n", s.name()));
        b.append(String.format(Locale.ROOT, "Policy            %s%n", policy));
        b.append(String.format(Locale.ROOT, "Seed              %d%n", seed));
        b.append(String.format(Locale.ROOT, "Setup             %d devices, %d edge servers, %d models; %d episodes x %d"
                + " slots%n", s.devices().count(), s.edge().servers(), s.modelCount(), eps.size(), s.slotsPerEpisode()));
        b.append(String.format(Locale.ROOT, "Latency           mean %.3f s  (95%% CI %.3f-%.3f)%n", lat.mean(),
                lat.ci95Low(), lat.ci95High()));
        b.append(String.format(Locale.ROOT, "Energy            mean %.3f J per task  (95%% CI %.3f-%.3f)%n", en.mean(),
                en.ci95Low(), en.ci95High()));
        b.append(String.format(Locale.ROOT, "Completion        %.2f %% of tasks met their deadline  (95%% CI %.2f-%.2f)%n",
                100 * cr.mean(), 100 * cr.ci95Low(), 100 * cr.ci95High()));
        b.append(String.format(Locale.ROOT, "Model switches    %.1f per episode; cache hit ratio %.1f %%%n", m.switches(),
                100 * m.hitRatio()));
        b.append(String.format(Locale.ROOT, "Where             local %.1f %%, edge %.1f %%, relayed %.1f %%, cloud %.1f %%%n",
                100 * m.localShare(), 100 * m.edgeShare(), 100 * m.relayShare(), 100 * m.cloudShare()));
        b.append(String.format(Locale.ROOT, "Reward            %.4f per device and slot%n", m.reward()));
        b.append(String.format(Locale.ROOT, "Output            %s%n", dir));
        return b.toString();
    }

    private static double value(EpisodeStats s, int k) {
        return switch (k) {
            case 0 -> s.latencyS();
            case 1 -> s.energyJ();
            case 2 -> s.completion();
            case 3 -> s.switches();
            case 4 -> s.hitRatio();
            case 5 -> s.reward();
            case 6 -> s.localShare();
            case 7 -> s.edgeShare();
            case 8 -> s.relayShare();
            default -> s.cloudShare();
        };
    }

    private static String num(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.6g", v) : "null";
    }

    private static String csv(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.6g", v) : "";
    }

    private static String json(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
