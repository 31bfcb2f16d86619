package org.offload.cli;

import java.io.IOException;
import java.net.URI;
import java.util.concurrent.Callable;
import org.offload.service.LoadTest;
import org.offload.service.SlowClients;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code offload loadtest}: open-loop load on a decision service running on this machine (loopback only), with
 * latency percentiles corrected for coordinated omission.
 */
@Command(name = "loadtest", sortOptions = false,
        description = {"Open-loop load on POST /v1/decisions of a decision service on this machine (loopback only).",
                "Latency is measured from each request's due time (coordinated omission corrected)."})
final class LoadtestCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "URL", description = "Service base URL, e.g. http://127.0.0.1:8080.")
    String url;

    @Parameters(index = "1..*", paramLabel = "MORE_URLS", description = "Further replicas of the same service: "
            + "connections are spread over all URLs round-robin (each replica gets about 1/n of the load).")
    java.util.List<String> moreUrls = new java.util.ArrayList<>();

    @Option(names = "--rate", required = true, paramLabel = "R", description = "Requests per second (at most "
            + "200000).")
    double rate;

    @Option(names = "--duration", required = true, paramLabel = "S", description = "Measured seconds (warm-up "
            + "included, at most 600).")
    double duration;

    @Option(names = "--warmup", paramLabel = "S", defaultValue = "2",
            description = "Unmeasured seconds at the same rate first (default: ${DEFAULT-VALUE}).")
    double warmup;

    @Option(names = "--token", paramLabel = "TOKEN",
            description = "Bearer token with the device role (default: the OFFLOAD_TOKEN environment variable).")
    String token;

    @Option(names = "--connections", paramLabel = "N", defaultValue = "16",
            description = "Keep-alive connections, one sender thread each (default: ${DEFAULT-VALUE}).")
    int connections;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1", description = "Seed of the random tasks.")
    long seed;

    @Option(names = "--healthz", description = "Load GET /healthz instead: the cost of the HTTP stack alone.")
    boolean healthz;

    @Option(names = "--stall-bodies", paramLabel = "N", defaultValue = "0",
            description = "Meanwhile hold N connections that send a decision's headers and one body byte, then "
                    + "nothing (reopened when closed; needs --token).")
    int stallBodies;

    @Option(names = "--drip-headers", paramLabel = "N", defaultValue = "0",
            description = "Meanwhile hold N connections that send one header line every --drip-interval seconds and"
                    + " never end the request head (reopened when closed).")
    int dripHeaders;

    @Option(names = "--drip-interval", paramLabel = "S", defaultValue = "2",
            description = "Seconds between two header lines of a dripping connection (default: ${DEFAULT-VALUE}).")
    double dripInterval;

    @Option(names = "--slow-from", paramLabel = "ADDRESS", defaultValue = "127.0.0.2",
            description = "Loopback address the slow connections come from (default: ${DEFAULT-VALUE}).")
    String slowFrom;

    @Option(names = "--slow-addresses", paramLabel = "N", defaultValue = "1",
            description = "Spread the slow connections over N loopback addresses counting up from --slow-from "
                    + "(default: ${DEFAULT-VALUE}).")
    int slowAddresses;

    @Mixin
    CommonOptions.Help help;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        URI u;
        try {
            u = URI.create(url.endsWith("/") ? url.substring(0, url.length() - 1) : url);
        } catch (IllegalArgumentException e) {
            throw new UsageException("not a URL: " + url);
        }
        java.util.List<URI> others = new java.util.ArrayList<>();
        for (String m : moreUrls) {
            try {
                others.add(URI.create(m.endsWith("/") ? m.substring(0, m.length() - 1) : m));
            } catch (IllegalArgumentException e) {
                throw new UsageException("not a URL: " + m);
            }
        }
        String t = token != null ? token : System.getenv("OFFLOAD_TOKEN");
        LoadTest.Options o = new LoadTest.Options(u, rate, duration, warmup, t, connections, seed, healthz);
        try {
            LoadTest.validate(o);
            for (URI other : others) {
                LoadTest.validate(new LoadTest.Options(other, rate, duration, warmup, t, connections, seed, healthz));
            }
            if (!others.isEmpty() && (stallBodies > 0 || dripHeaders > 0)) {
                throw new IllegalArgumentException("slow clients (--stall-bodies, --drip-headers) target one URL");
            }
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        java.io.PrintWriter out = spec.commandLine().getOut();
        LoadTest.Result r;
        if (stallBodies > 0 || dripHeaders > 0) {
            SlowClients.Options slow;
            try {
                java.net.InetAddress target = java.net.InetAddress.getByName(u.getHost().replaceAll("^\\[|]$", ""));
                slow = new SlowClients.Options(new java.net.InetSocketAddress(target, u.getPort() < 0 ? 80 : u.getPort()),
                        java.net.InetAddress.getByName(slowFrom), slowAddresses, t, stallBodies, dripHeaders, dripInterval);
            } catch (IllegalArgumentException | java.net.UnknownHostException e) {
                throw new UsageException(e.getMessage());
            }
            r = LoadTest.runUnderSlowClients(o, slow, out);
        } else {
            r = LoadTest.run(o, others);
            if (!others.isEmpty()) {
                out.println("spread over " + (1 + others.size()) + " URLs: " + u + " " + others.stream()
                        .map(URI::toString).collect(java.util.stream.Collectors.joining(" ")));
            }
        }
        LoadTest.print(r, out);
        return Main.OK;
    }
}
