package org.offload.aigc;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.offload.engine.RandomStreams;
import org.offload.experiment.Estimate;
import org.offload.experiment.Range;
import org.offload.io.AtomicFiles;

/**
 * Evaluates one approach on an AIGC scenario ({@code offload run scenarios/aigc.yaml}): {@code episodes} episodes
 * with seeds derived from the scenario seed, then {@code summary.json} (mean and 95% CI of each metric over
 * episodes), {@code episodes.csv} (one row per episode) and {@code scenario.yaml} (the file as run, with its
 * overrides) in the output directory.
 */
public final class AigcRunner {
    /** The approaches {@link #policy} knows. */
    public static final List<String> POLICIES = List.copyOf(AigcPolicies.registry().entries().keySet());

    private AigcRunner() {
    }

    /** Seed of evaluation episode {@code k} of a run with master seed {@code seed}. */
    public static long episodeSeed(long seed, int k) {
        return RandomStreams.derive(seed, "aigc-run-episode", k);
    }

    /**
     * The named approach ({@link AigcPolicies}); learned ones need {@code checkpoint} (a directory from
     * {@code offload train aigc}) of the same agent and dimensions.
     */
    public static AigcPolicy policy(String name, AigcScenario s, Path checkpoint) {
        return AigcPolicies.registry().create(name, new AigcPolicyContext(s, checkpoint));
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

    /** A mean with its 95% interval over episodes, each to 6 significant digits, null where not finite. */
    record Interval(BigDecimal mean, BigDecimal ci95_low, BigDecimal ci95_high) {
        static Interval of(Estimate e) {
            return new Interval(num(e.mean()), num(e.ci95Low()), num(e.ci95High()));
        }
    }

    /** {@code summary.json} of an AIGC run (docs/schemas/aigc-summary.schema.json). */
    @JsonPropertyOrder({"kind", "scenario", "policy", "seed", "devices", "edge_servers", "models", "episodes",
            "slots_per_episode", "tasks"})
    record Summary(String kind, String scenario, String policy, long seed, int devices, int edge_servers, int models,
                   int episodes, int slots_per_episode, int tasks, Interval latency_s, Interval energy_j,
                   Interval completion_rate, Interval model_switches_per_episode, Interval cache_hit_ratio,
                   Interval reward, Interval local_share, Interval edge_share, Interval relay_share,
                   Interval cloud_share) {
    }

    private static final ObjectMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT)
            .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN).build();

    /** The summary of {@code eps}: each metric's mean and 95% interval in its range ({@link AigcSweep.Metric}). */
    static Summary summary(AigcScenario s, String policy, long seed, List<EpisodeStats> eps) {
        Interval[] v = new Interval[10];
        AigcSweep.Metric[] metrics = AigcSweep.Metric.values();
        for (int k = 0; k < v.length; k++) {
            AigcSweep.Metric m = metrics[k];
            v[k] = Interval.of(Estimate.of(eps.stream().mapToDouble(m::of).toArray(), m.range()));
        }
        return new Summary("aigc", s.name(), policy, seed, s.devices().count(), s.edge().servers(), s.modelCount(),
                eps.size(), s.slotsPerEpisode(), eps.stream().mapToInt(EpisodeStats::tasks).sum(), v[0], v[1], v[2],
                v[3], v[4], v[5], v[6], v[7], v[8], v[9]);
    }

    /** Writes summary.json, episodes.csv and scenario.yaml into {@code dir}. */
    public static void write(Path dir, AigcScenario s, String policy, long seed, List<EpisodeStats> eps,
                             String source, String scenarioText, List<String> overrides) throws IOException {
        Files.createDirectories(dir);
        AtomicFiles.writeString(dir.resolve("summary.json"),
                JSON.writeValueAsString(summary(s, policy, seed, eps)) + "\n");
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
        Estimate lat = Estimate.of(eps.stream().mapToDouble(EpisodeStats::latencyS).toArray(), Range.NON_NEGATIVE);
        Estimate en = Estimate.of(eps.stream().mapToDouble(EpisodeStats::energyJ).toArray(), Range.NON_NEGATIVE);
        Estimate cr = Estimate.of(eps.stream().mapToDouble(EpisodeStats::completion).toArray(), Range.FRACTION);
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

    private static BigDecimal num(double v) {
        return Double.isFinite(v) ? new BigDecimal(v, new MathContext(6)).stripTrailingZeros() : null;
    }

    private static String csv(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.6g", v) : "";
    }

}
