package org.offload.aigc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.offload.experiment.SweepSpecException;
import org.offload.experiment.engine.Outcome;
import org.offload.experiment.engine.RunListener;
import org.offload.experiment.engine.ThreadPoolRunExecutor;

/**
 * The AIGC study on the one sweep engine: every approach gives the same result alone as inside the sweep (the
 * anchors' ClimberBaselineTest check; a learning agent is evaluated alone from the checkpoint the sweep trained),
 * results do not depend on the number of threads, and an interrupted sweep resumes to the same tables.
 */
@Tag("slow")
class AigcSweepTest {
    @TempDir
    Path tmp;

    static final TrainConfig TINY = AigcTraining.defaults().with(Map.of("episodes", "2", "buffer", "200", "batch",
            "16", "hidden", "16", "update_every", "1", "warmup", "20", "eval_every", "0", "eval_episodes", "1"));

    static AigcSweep.Spec spec() {
        return new AigcSweep.Spec(List.of(2, 3), List.of(3), List.of("maddpg-mato", "random", "greedy", "greedy-cost"),
                2, 2, TINY, 5);
    }

    @Test
    void everyApproachGivesTheSameResultAloneAsInTheSweep() throws Exception {
        AigcScenario base = TestScenarios.small();
        AigcSweep.Result r = AigcSweep.run(base, spec(), tmp.resolve("a"), new ThreadPoolRunExecutor(2), false, false,
                new RunListener<>() { });
        assertEquals(0, r.failed(), r.engine().failures().toString());
        assertEquals(4 * 3 * 2, r.engine().outcomes().size(), "approaches x points (2, 3 models; 3 devices) x reps");
        int compared = 0;
        for (Outcome<AigcSweep.Run> o : r.engine().outcomes()) {
            AigcSweep.Run run = o.run();
            AigcScenario s = base.withModelCount(run.models()).withDevices(run.devices());
            Path cp = tmp.resolve("a").resolve(run.relativeDir()).resolve(AigcSweep.CHECKPOINT_DIR);
            AigcPolicy alone = AigcRunner.policy(run.policy(), s, Files.isDirectory(cp) ? cp : null);
            List<EpisodeStats> eps = new ArrayList<>();
            for (int k = 0; k < spec().evalEpisodes(); k++) {
                eps.add(EpisodeStats.run(new AigcEnv(s), alone, AigcSweep.evalSeed(spec().seed(), run.replication(), k)));
            }
            EpisodeStats mean = EpisodeStats.mean(eps);
            for (AigcSweep.Metric m : AigcSweep.Metric.values()) {
                if (m != AigcSweep.Metric.TRAIN_SECONDS) {
                    assertEquals(m.of(mean), o.value(m.ordinal()), 0.0, run + " " + m.column());
                }
            }
            compared++;
        }
        assertEquals(24, compared);
        assertTrue(Files.isRegularFile(tmp.resolve("a/runs/maddpg-mato/m2-d4/r1/checkpoint/checkpoint.properties")),
                "the trained checkpoint is kept with its run");

        AigcSweep.run(base, spec(), tmp.resolve("b"), new ThreadPoolRunExecutor(1), false, false,
                new RunListener<>() { });
        for (String f : List.of(AigcSweep.AGGREGATE_FILE)) {
            assertEquals(withoutTrainTime(tmp.resolve("a").resolve(f)), withoutTrainTime(tmp.resolve("b").resolve(f)),
                    f + " depends on the thread count");
        }

        Files.delete(tmp.resolve("b/runs/greedy/m3-d3/r0/summary.json"));
        SweepSpecException e = assertThrows(SweepSpecException.class, () -> AigcSweep.run(base, spec(),
                tmp.resolve("b"), new ThreadPoolRunExecutor(1), false, false, new RunListener<>() { }));
        assertTrue(e.getMessage().contains("--resume") && e.getMessage().contains("--force"), e.getMessage());
        AigcSweep.Result resumed = AigcSweep.run(base, spec(), tmp.resolve("b"), new ThreadPoolRunExecutor(1), true,
                false, new RunListener<>() { });
        assertEquals(1, resumed.engine().executed());
        assertEquals(withoutTrainTime(tmp.resolve("a").resolve(AigcSweep.AGGREGATE_FILE)),
                withoutTrainTime(tmp.resolve("b").resolve(AigcSweep.AGGREGATE_FILE)));
        Path html = AigcReport.write(tmp.resolve("b"), base, spec(), resumed.groups(), "test");
        String page = Files.readString(html);
        assertTrue(page.contains("claims, recomputed"), "claims table");
        assertTrue(Files.isRegularFile(tmp.resolve("b/charts/devices-latency_s.svg")), "vector charts");
    }

    /** The CSV's lines without its last column group (train_seconds, a wall time). */
    private static List<String> withoutTrainTime(Path csv) throws Exception {
        List<String> out = new ArrayList<>();
        for (String l : Files.readAllLines(csv)) {
            String[] cells = l.split(",", -1);
            out.add(String.join(",", java.util.Arrays.copyOf(cells, cells.length - 3)));
        }
        return out;
    }
}
