package org.offload.cli;

import java.io.PrintWriter;
import java.net.URI;
import java.util.Locale;
import java.util.Map;
import org.offload.metrics.SimulationResult;
import org.offload.policy.PolicyRegistry;
import org.offload.scenario.Scenario;
import org.offload.service.RemotePolicy;
import org.offload.sim.OffloadSimulation;

/**
 * {@code offload run --remote URL}: the simulation asks a running decision service for each decision and sends it
 * telemetry (see {@link RemotePolicy}); afterwards the same scenario runs in-process with the service's active
 * policy, and the overhead (wall time, round trips) and the difference in results are reported.
 */
final class RemoteRun {
    private final URI url;
    private final RemotePolicy policy;
    private final String activePolicy;
    private final double intervalMs;

    private RemoteRun(URI url, RemotePolicy policy, String activePolicy, double intervalMs) {
        this.url = url;
        this.policy = policy;
        this.activePolicy = activePolicy;
        this.intervalMs = intervalMs;
    }

    /** Connects, checks that the service runs the same scenario, and asks for its active policy. */
    static RemoteRun connect(String remote, String token, double intervalMs, Scenario scenario) {
        URI u;
        try {
            u = URI.create(remote.endsWith("/") ? remote.substring(0, remote.length() - 1) : remote);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--remote: not a URL: " + remote);
        }
        if (u.getScheme() == null || !(u.getScheme().equals("http") || u.getScheme().equals("https"))
                || u.getHost() == null) {
            throw new UsageException("--remote: expected http://HOST:PORT or https://HOST:PORT, got " + remote);
        }
        if (!(intervalMs >= 0)) {
            throw new UsageException("--telemetry-interval-ms must be >= 0, got " + intervalMs);
        }
        String t = token != null ? token : System.getenv("OFFLOAD_TOKEN");
        RemotePolicy p = new RemotePolicy(u, t, intervalMs / 1000, scenario);
        try {
            p.checkScenario();
            return new RemoteRun(u, p, p.activePolicy(), intervalMs);
        } catch (IllegalStateException e) {
            throw new UsageException("--remote: " + e.getMessage());
        }
    }

    /** A {@code --policy} other than the service's is a usage error: the service decides with its own policy. */
    void requirePolicy(String requested) {
        if (requested != null && !requested.equals(activePolicy)) {
            throw new UsageException("--policy " + requested + ": with --remote the service decides with its own "
                    + "policy '" + activePolicy + "'; leave out --policy, or switch the service's policy first "
                    + "(PUT /v1/policy with an admin token)");
        }
    }

    String policyName() {
        return "remote:" + activePolicy;
    }

    RemotePolicy policy() {
        return policy;
    }

    /** Runs the scenario in-process with the service's policy and prints the comparison. */
    void report(PrintWriter out, Scenario scenario, PolicyRegistry registry, Map<String, String> options,
                SimulationResult remote) {
        out.printf(Locale.ROOT, "Remote            %s, policy %s, telemetry at most every %s ms of simulated time%n",
                url, activePolicy, plain(intervalMs));
        long n = Math.max(1, policy.decisions());
        out.printf(Locale.ROOT, "Remote calls      %d decisions (mean round trip %.3f ms), %d telemetry posts "
                        + "(mean %.3f ms)%n", policy.decisions(), 1e3 * policy.decisionSeconds() / n,
                policy.telemetryPosts(), 1e3 * policy.telemetrySeconds() / Math.max(1, policy.telemetryPosts()));
        if (!registry.contains(activePolicy)) {
            out.println("In-process        (policy " + activePolicy + " is not in this build's registry; no comparison)");
            return;
        }
        SimulationResult local = OffloadSimulation.builder(scenario.withPolicy(activePolicy)).registry(registry)
                .policyOptions(options).build().run();
        double perTask = remote.tasksGeneratedTotal() > 0
                ? 1e3 * (remote.wallTimeS() - local.wallTimeS()) / remote.tasksGeneratedTotal() : 0;
        out.printf(Locale.ROOT, "Overhead          wall %.3f s remote vs %.3f s in-process (%.0fx), +%.3f ms per task%n",
                remote.wallTimeS(), local.wallTimeS(), local.wallTimeS() > 0 ? remote.wallTimeS() / local.wallTimeS() : 0,
                perTask);
        out.printf(Locale.ROOT, "In-process run    mean service time %.4f s (remote %.4f s), failed %.2f %% (remote %.2f %%)"
                        + "%s%n", local.overall().serviceTimeS().mean(), remote.overall().serviceTimeS().mean(),
                100 * local.overall().failureRate(), 100 * remote.overall().failureRate(),
                local.overall().completed() == remote.overall().completed()
                        && local.overall().serviceTimeS().mean() == remote.overall().serviceTimeS().mean()
                        ? "; identical" : "");
    }

    private static String plain(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }
}
