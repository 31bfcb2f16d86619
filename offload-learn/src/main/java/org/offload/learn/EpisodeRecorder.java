package org.offload.learn;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;

import org.offload.policy.OffloadPolicy;
import org.offload.policy.PolicyContext;
import org.offload.scenario.Scenario;

/**
 * What a dataset records from the episodes {@link DatasetGenerator} runs: {@link TierRecorder} ({@code tier.csv},
 * {@code vm.csv}) or {@link OutcomeRecorder} ({@code outcome.csv}).
 */
interface EpisodeRecorder extends Closeable {
    /** The files it writes, besides {@code episodes.csv} and {@code dataset.txt}. */
    List<String> files();

    /** Opens its files in {@code dir} and writes their headers. */
    void open(Path dir) throws IOException;

    /**
     * The behaviour policy of episode {@code e}, which records up to {@code quota} rows, each sampled decision with
     * probability {@code p} drawn from {@code random}; {@code behaviour} names it and {@code context} builds it.
     */
    OffloadPolicy start(int e, int quota, double p, SplittableRandom random, Scenario s, String behaviour,
                        PolicyContext context);

    /** Rows written so far to its main file. */
    int rows();

    /** Rows written so far to its second file (VM rows), or 0. */
    int secondaryRows();

    @Override
    void close();
}
