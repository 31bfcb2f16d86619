package org.offload.learn;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.offload.policy.ForwardingPolicy;
import org.offload.policy.OffloadPolicy;
import org.offload.policy.PolicyContext;
import org.offload.policy.TaskOutcome;
import org.offload.policy.learned.DlTierPolicy;
import org.offload.policy.learned.OutcomeFeatures;
import org.offload.policy.learned.TierFeatures;
import org.offload.scenario.Scenario;

/**
 * Records {@code outcome.csv} ({@link DatasetGenerator#generateOutcome}): the behaviour is Algorithm 1 with a
 * uniformly random tier ranking ({@code dl-tier}, {@code tier=random}, the bundled VM network), so that every class
 * that meets C2-C4 is tried in every kind of state. At sampled ranked decisions (two or more classes meet C2-C4) it
 * keeps the {@link OutcomeFeatures} of the class taken and, when the task ends, writes them with the realised
 * outcome and its cost ({@link OutcomeFeatures#cost}). Tasks that have not ended when the episode stops are dropped.
 */
final class OutcomeRecorder implements EpisodeRecorder {
    /** The behaviour's options: the tier network's ranking replaced by a random one. */
    static final Map<String, String> BEHAVIOUR_OPTIONS = Map.of("tier", "random");

    private final DatasetGenerator.Options options;
    private final Map<Long, Pending> pending = new HashMap<>();
    private final StringBuilder line = new StringBuilder(512);
    final int[] chosenCounts = new int[TierFeatures.TIERS];
    int failed;
    double costSum;
    private PrintWriter out;
    private int rows;
    private int episode;
    private int quota;
    private int taken;
    private double probability;
    private SplittableRandom random;

    /** Tasks of the episode that failed so far (any reason). */
    private long failuresSoFar;
    /** Total claimable share of the episode's edge and cloud VMs (percent of one VM, summed). */
    private double capacityShare;

    /**
     * A recorded decision waiting for its task to end: the failures of the episode so far and the share of a
     * server VM it claims (0 on the device).
     */
    private record Pending(double timeS, float[] x, int chosen, long failuresBefore, double share) {
    }

    OutcomeRecorder(DatasetGenerator.Options options) {
        this.options = options;
    }

    /** The outcome.csv column names. */
    static List<String> header() {
        List<String> h = new ArrayList<>(List.of("sample", "episode", "time_s"));
        h.addAll(OutcomeFeatures.NAMES);
        h.addAll(List.of("chosen", "completed", "service_time_s", "max_delay_s", "own_cost", "failures_during",
                "share", "cost"));
        return h;
    }

    @Override
    public List<String> files() {
        return List.of(DatasetGenerator.OUTCOME_FILE);
    }

    @Override
    public void open(Path dir) throws IOException {
        out = DatasetGenerator.writer(dir.resolve(DatasetGenerator.OUTCOME_FILE));
        out.println(String.join(",", header()));
    }

    @Override
    public void close() {
        if (out != null) {
            out.close();
        }
    }

    @Override
    public int rows() {
        return rows;
    }

    @Override
    public int secondaryRows() {
        return 0;
    }

    @Override
    public OffloadPolicy start(int e, int q, double p, SplittableRandom r, Scenario s, String behaviour,
                               PolicyContext context) {
        episode = e;
        quota = q;
        taken = 0;
        probability = p;
        random = r;
        pending.clear();
        failuresSoFar = 0;
        capacityShare = s.edge().sites() * s.edge().hostsPerSite() * s.edge().vmsPerHost()
                * s.edge().utilizationLimitPercent()
                + s.cloud().hosts() * s.cloud().vmsPerHost() * s.cloud().utilizationLimitPercent();
        Map<String, String> o = new LinkedHashMap<>(context.options());
        o.putAll(BEHAVIOUR_OPTIONS);
        DlTierPolicy policy = DlTierPolicy.create(new PolicyContext(s, context.random(), o),
                DlTierPolicy.TIER_EXPERT_RESOURCE);
        policy.observeTierChoices((task, f, chosen, waiting, batch) -> {
            if (taken < quota && f.timeLeftS() > 0 && task.createdS() >= options.warmupS()
                    && random.nextDouble() < probability) {
                float[] x = new float[OutcomeFeatures.NAMES.size()];
                OutcomeFeatures.fill(f, chosen, f.bestMeetingEstimateS(chosen), waiting, batch, x);
                var app = s.applications().get(task.app());
                double share = chosen == TierFeatures.DEVICE ? 0
                        : chosen == TierFeatures.CLOUD ? app.vmUtilizationCloud() : app.vmUtilizationEdge();
                taken++;
                pending.put(task.id(), new Pending(task.createdS(), x, chosen, failuresSoFar, share));
            }
        });
        return new ForwardingPolicy(policy) {
            @Override
            public void onTaskEnded(TaskOutcome outcome) {
                super.onTaskEnded(outcome);
                if (!outcome.completed()) {
                    failuresSoFar++;
                }
                Pending d = pending.remove(outcome.task().id());
                if (d != null) {
                    write(d, outcome);
                }
            }
        };
    }

    private void write(Pending d, TaskOutcome outcome) {
        double maxDelay = outcome.task().maxDelayS();
        double own = OutcomeFeatures.cost(outcome.completed(), outcome.serviceTimeS(), maxDelay);
        long during = failuresSoFar - d.failuresBefore() - (outcome.completed() ? 0 : 1);
        double cost = OutcomeFeatures.cost(own, during, d.share(), capacityShare);
        line.setLength(0);
        line.append(rows).append(',').append(episode).append(',').append(d.timeS());
        for (float v : d.x()) {
            line.append(',').append(v);
        }
        line.append(',').append(d.chosen()).append(',').append(outcome.completed() ? 1 : 0).append(',')
                .append(outcome.serviceTimeS()).append(',').append(maxDelay).append(',').append((float) own)
                .append(',').append(during).append(',').append(d.share()).append(',').append((float) cost);
        out.println(line);
        rows++;
        chosenCounts[d.chosen()]++;
        if (!outcome.completed()) {
            failed++;
        }
        costSum += cost;
    }
}
