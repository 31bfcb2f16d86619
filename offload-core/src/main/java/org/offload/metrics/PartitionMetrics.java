package org.offload.metrics;

import java.util.Collections;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What partitioned runs add to a result (issue 19), only for scenarios with {@code partial} or {@code dnn}
 * applications: how the policy divided the measured tasks it ran, and the data every measured task moved.
 *
 * @param dnnSplitPoints      measured {@code dnn} tasks the policy ran, by the number of layers run on the device
 *                            (0 = full offloading, the layer count = local)
 * @param partialLocalShares  measured {@code partial} tasks the policy ran, by their device share λ rounded to a
 *                            tenth (0 = full offloading, 1 = local)
 * @param uploadedKb          KB measured tasks of every kind uploaded (input, its share, or a split's activation),
 *                            counted once the upload reached the access point
 * @param downloadedKb        KB of results that reached their device
 * @param dag                 the workflow tasks' block, null unless the scenario has a {@code dag} application
 */
public record PartitionMetrics(SortedMap<Integer, Long> dnnSplitPoints, SortedMap<Double, Long> partialLocalShares,
                               double uploadedKb, double downloadedKb, DagMetrics dag) {
    public PartitionMetrics {
        dnnSplitPoints = Collections.unmodifiableSortedMap(new TreeMap<>(dnnSplitPoints));
        partialLocalShares = Collections.unmodifiableSortedMap(new TreeMap<>(partialLocalShares));
    }

    /** Without workflow tasks. */
    public PartitionMetrics(SortedMap<Integer, Long> dnnSplitPoints, SortedMap<Double, Long> partialLocalShares,
                            double uploadedKb, double downloadedKb) {
        this(dnnSplitPoints, partialLocalShares, uploadedKb, downloadedKb, null);
    }
}
