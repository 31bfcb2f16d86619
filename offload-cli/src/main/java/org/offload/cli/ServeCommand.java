package org.offload.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import org.offload.io.AtomicFiles;
import org.offload.io.ScenarioLoader;
import org.offload.policy.PolicyRegistry;
import org.offload.registry.Capability;
import org.offload.scenario.Scenario;
import org.offload.service.OffloadService;
import org.offload.service.PolicyCatalog;
import org.offload.service.ServiceConfig;
import org.offload.service.ServiceConfigException;
import org.offload.service.ServiceConfigLoader;
import org.offload.service.Tokens;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code offload serve}: the live decision service (see docs/service.md). Runs until the process is stopped
 * (SIGTERM or Ctrl-C), then stops gracefully: readiness turns 503 and in-flight requests complete.
 */
@Command(name = "serve", sortOptions = false,
        description = {"Serve offloading decisions over HTTP (the live decision service).",
                "Tokens: --tokens FILE, auth.tokens_file in the config, or the OFFLOAD_TOKENS environment variable "
                        + "(lines 'NAME ROLES TOKEN [devices=LIST]', roles device, infra, admin, metrics)."})
final class ServeCommand implements Callable<Integer> {
    static final String TOKENS_ENV = "OFFLOAD_TOKENS";

    /** Services started by this JVM's serve commands (tests stop them with {@link #stopAll}). */
    private static final List<Running> RUNNING = new CopyOnWriteArrayList<>();

    private record Running(OffloadService service, CountDownLatch stopped, Thread hook) {
    }

    @Option(names = "--config", paramLabel = "FILE", description = "Service configuration YAML (docs/service.md).")
    Path config;

    @Option(names = "--scenario", paramLabel = "FILE",
            description = "Scenario whose infrastructure the service decides for (default: config, else the bundled"
                    + " default scenario).")
    Path scenario;

    @Option(names = "--policy", paramLabel = "NAME", description = "Active policy at start (default: config, else "
            + ServiceConfig.DEFAULT_POLICY + ").")
    String policy;

    @Option(names = "--model", paramLabel = "FILE", description = "Model file for a learned policy (dl-tier).")
    Path model;

    @Option(names = "--policy-option", paramLabel = "KEY=VALUE",
            description = "Option of the active policy at start (repeatable; 'offload policies' lists them).")
    List<String> policyOptions = new java.util.ArrayList<>();

    @Option(names = "--host", paramLabel = "ADDRESS", description = "Address to bind (default: config, else "
            + ServiceConfig.DEFAULT_HOST + ").")
    String host;

    @Option(names = "--port", paramLabel = "P", description = "TCP port, 0 = any free port (default: config, else "
            + ServiceConfig.DEFAULT_PORT + ").")
    Integer port;

    @Option(names = "--tokens", paramLabel = "FILE", description = "Bearer tokens file.")
    Path tokens;

    @Option(names = "--no-auth", description = "No authentication (every caller has every role); loopback only.")
    boolean noAuth;

    @Option(names = "--port-file", paramLabel = "FILE", description = "Write the port listened on to FILE.")
    Path portFile;

    @Option(names = "--hash-tokens", description = "Read 'NAME ROLES TOKEN' lines on standard input, print them "
            + "with the token replaced by its salted hash (for a tokens file), and exit.")
    boolean hashTokens;

    @Mixin
    CommonOptions.Help help;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException, InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        if (hashTokens) {
            return hashTokens(out);
        }
        ServiceConfig cfg;
        ServiceConfigLoader.Loaded loaded = null;
        try {
            if (config != null) {
                loaded = new ServiceConfigLoader().load(config);
                cfg = loaded.config();
            } else {
                cfg = ServiceConfig.defaults();
            }
        } catch (ServiceConfigException e) {
            throw new UsageException(e.getMessage());
        }
        if (scenario != null) {
            cfg = cfg.withScenario(scenario);
        }
        if (policy != null || model != null || !policyOptions.isEmpty()) {
            java.util.Map<String, String> options = new java.util.LinkedHashMap<>(cfg.policy().options());
            for (String kv : policyOptions) {
                int eq = kv.indexOf('=');
                if (eq <= 0) {
                    throw new UsageException("--policy-option: expected KEY=VALUE, got '" + kv + "'");
                }
                options.put(kv.substring(0, eq).strip(), kv.substring(eq + 1).strip());
            }
            cfg = cfg.withPolicy(new ServiceConfig.PolicySpec(policy != null ? policy : cfg.policy().name(),
                    model != null ? model : cfg.model(), options));
        }
        if (host != null) {
            cfg = cfg.withHost(host);
        }
        if (port != null) {
            if (port < 0 || port > 65535) {
                throw new UsageException("--port must be in 0..65535, got " + port);
            }
            cfg = cfg.withPort(port);
        }
        if (tokens != null) {
            cfg = cfg.withTokensFile(tokens);
        }
        ScenarioLoader scenarios = new ScenarioLoader();
        Scenario base = cfg.scenario() == null ? scenarios.loadDefault(List.of()) : scenarios.load(cfg.scenario());
        Scenario sc;
        try {
            sc = loaded == null ? base : loaded.scenario(base);
        } catch (ServiceConfigException e) {
            throw new UsageException(e.getMessage());
        }
        Tokens t = null;
        String ignored = ignoredTokensWarning(noAuth, System.getenv(TOKENS_ENV));
        if (ignored != null) {
            spec.commandLine().getErr().println(ignored);
        }
        try {
            if (cfg.tokensFile() != null) {
                t = Tokens.load(cfg.tokensFile());
            } else if (System.getenv(TOKENS_ENV) != null && !noAuth) {
                t = Tokens.fromEnvironment(System.getenv(TOKENS_ENV), TOKENS_ENV);
            }
        } catch (ServiceConfigException e) {
            throw new UsageException(e.getMessage());
        }
        PolicyRegistry registry = Main.policyRegistry(spec);
        if (!registry.contains(cfg.policy().name())) {
            throw new UsageException(registry.unknownPolicy(cfg.policy().name()));
        }
        PolicyCatalog catalog = new PolicyCatalog(registry)
                .withModelPolicies(registry.names(Capability.TAKES_MODEL_FILE).toArray(String[]::new));
        OffloadService service;
        try {
            service = OffloadService.builder(cfg, sc).tokens(t).noAuth(noAuth && t == null).catalog(catalog).start();
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        for (String w : service.warnings()) {
            spec.commandLine().getErr().println("offload serve: " + w);
        }
        spec.commandLine().getErr().flush();
        CountDownLatch stopped = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            service.stop();
            stopped.countDown();
        }, "offload-serve-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        Running running = new Running(service, stopped, hook);
        RUNNING.add(running);
        if (portFile != null) {
            AtomicFiles.writeString(portFile, service.port() + "\n");
        }
        out.printf(Locale.ROOT, "offload serve: listening on %s (policy %s%s; scenario %s: %d sites, %d VMs, %d devices;"
                        + " %s)%n", service.baseUrl(), cfg.policy().name(), cfg.model() == null ? "" : ", model " + cfg.model(),
                sc.name(), sc.edge().sites(), sc.edge().vmCount() + sc.cloud().vmCount(), sc.devices().count(),
                t == null ? "NO AUTHENTICATION" : t.size() + " tokens");
        out.println("offload serve: stop with Ctrl-C or SIGTERM (graceful: in-flight requests complete)");
        out.flush();
        stopped.await();
        RUNNING.remove(running);
        return Main.OK;
    }

    /** The warning when {@code --no-auth} makes the service ignore {@code $OFFLOAD_TOKENS} (before: silently). */
    static String ignoredTokensWarning(boolean noAuth, String tokensEnv) {
        return noAuth && tokensEnv != null ? "offload serve: WARNING: " + TOKENS_ENV + " is set but --no-auth was "
                + "given: the tokens are ignored and every caller has every role" : null;
    }

    private int hashTokens(PrintWriter out) throws IOException {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        int n = 0;
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            String l = line.strip();
            if (l.isEmpty() || l.startsWith("#")) {
                continue;
            }
            try {
                // Parse (validates name, roles, token), then print the hashed form.
                Tokens.parse(l, "stdin");
            } catch (ServiceConfigException e) {
                throw new UsageException(e.getMessage().replace("stdin:1:", "stdin line " + (n + 1) + ":"));
            }
            String[] p = l.split("\\s+");
            if (p[2].startsWith("sha256:")) {
                out.println(l); // already hashed
                n++;
                continue;
            }
            Set<Tokens.Role> roles = EnumSet.noneOf(Tokens.Role.class);
            for (String r : p[1].split(",")) {
                roles.add(Tokens.Role.valueOf(r.toUpperCase(Locale.ROOT)));
            }
            out.println(Tokens.hashedLine(p[0], roles, p[2]) + (p.length > 3 ? " " + p[3] : ""));
            n++;
        }
        return Main.OK;
    }

    /** Stops every service this JVM's serve commands started (tests). */
    static void stopAll() {
        for (Running r : RUNNING) {
            try {
                Runtime.getRuntime().removeShutdownHook(r.hook());
            } catch (IllegalStateException ignored) {
                // already shutting down
            }
            r.service().stop();
            r.stopped().countDown();
        }
    }
}
