package org.offload.sim;

import java.util.List;
import java.util.Map;

import org.offload.freshness.AgeOfInformation;
import org.offload.freshness.FreshnessMetrics;
import org.offload.scenario.ApplicationSpec;
import org.offload.scenario.Scenario;
import org.offload.workload.TaskGenerator;

/**
 * The life cycle's part for status-update applications: each device running one is a source; its newest update in
 * flight is kept so that, with {@code superseded: drop}, a newer update ends it, and each completed update is
 * reported to the {@link AgeOfInformation} accounting. {@link #NONE} stands in when no application is one, so the
 * simulator's other paths are unchanged.
 */
final class StatusUpdates {
    /** For scenarios without status-update applications: does nothing, measures nothing. */
    static final StatusUpdates NONE = new StatusUpdates();

    private final List<ApplicationSpec> apps;
    private final AgeOfInformation age;
    private final Job[] newest;

    private StatusUpdates() {
        apps = List.of();
        age = null;
        newest = null;
    }

    private StatusUpdates(Scenario scenario, TaskGenerator generator) {
        apps = scenario.applications();
        int devices = scenario.devices().count();
        int[] appOf = new int[devices];
        for (int d = 0; d < devices; d++) {
            int a = generator.applicationOf(d);
            appOf[d] = apps.get(a).isStatusUpdate() ? a : -1;
        }
        age = new AgeOfInformation(scenario.applicationNames(), appOf, scenario.warmupS(), scenario.durationS());
        newest = new Job[devices];
    }

    /** The accounting for {@code scenario}, or {@link #NONE} when none of its applications is a status update. */
    static StatusUpdates of(Scenario scenario, TaskGenerator generator) {
        boolean any = scenario.applications().stream().anyMatch(ApplicationSpec::isStatusUpdate);
        return any ? new StatusUpdates(scenario, generator) : NONE;
    }

    /**
     * A new job was generated; returns its source's older update still in flight that it supersedes (to be ended
     * by the caller), or null.
     */
    Job generated(Job job) {
        if (age == null || !age.isSource(job.task.device())) {
            return null;
        }
        int d = job.task.device();
        Job older = newest[d];
        newest[d] = job;
        if (older != null && !older.ended && apps.get(job.task.app()).statusUpdate().dropsSuperseded()) {
            age.superseded(d, older.task.createdS());
            return older;
        }
        return null;
    }

    /** A job ended at {@code nowS}; a completed update refreshes its source. */
    void ended(Job job, boolean completed, double nowS) {
        int d = job.task.device();
        if (age == null || !age.isSource(d)) {
            return;
        }
        if (newest[d] == job) {
            newest[d] = null;
        }
        if (completed) {
            age.delivered(d, job.task.createdS(), nowS);
        }
    }

    /** Per status-update application, its sources' Age of Information; empty for {@link #NONE}. */
    Map<String, FreshnessMetrics> metrics() {
        return age == null ? Map.of() : age.metrics();
    }
}
