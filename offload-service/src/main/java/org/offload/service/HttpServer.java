package org.offload.service;

import io.javalin.Javalin;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.EnumSet;
import java.util.concurrent.ThreadLocalRandom;

import org.eclipse.jetty.server.ConnectionLimit;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.servlet.FilterHolder;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The HTTP server: Javalin on Jetty with the service's connector (TLS 1.2/1.3 from a PKCS12 keystore when
 * configured), the {@link ConnectionGuard} (header deadline, per-address cap) and Jetty's connection limit, the
 * JSON error handler, a request filter (request ids; method-override headers refused) and the routes.
 */
final class HttpServer {
    static final String REQUEST_ID_HEADER = "X-Request-Id";
    /** Headers some frameworks honour to change a request's method; the service refuses them (audit truthfulness). */
    static final String[] METHOD_OVERRIDES = {"X-HTTP-Method-Override", "X-HTTP-Method", "X-Method-Override"};
    private static final java.util.regex.Pattern REQUEST_ID = java.util.regex.Pattern.compile("[A-Za-z0-9._:-]{1,64}");

    private final Javalin app;
    private final SslContextFactory.Server ssl;

    HttpServer(ServiceConfig config, ConnectionGuard guard, RequestPipeline pipeline, Routes routes,
               ServiceMetrics metrics) {
        ServiceConfig.Tls tls = config.tls();
        this.ssl = tls == null ? null : sslFactory(tls);
        this.app = Javalin.create(cfg -> {
            cfg.showJavalinBanner = false;
            cfg.startupWatcherEnabled = false;
            cfg.http.maxRequestSize = config.maxBodyBytes();
            cfg.http.prefer405over404 = true;
            cfg.http.disableCompression();
            cfg.jetty.threadPool = new QueuedThreadPool(64, 4, 60_000);
            cfg.jetty.modifyServer(server -> server.setErrorHandler(new HttpErrors.JsonErrorHandler()));
            cfg.jetty.modifyServletContextHandler(h -> {
                h.setErrorHandler(new HttpErrors.JsonErrorHandler());
                h.addFilter(new FilterHolder(requestFilter(metrics)), "/*", EnumSet.of(DispatcherType.REQUEST));
            });
            cfg.jetty.addConnector((server, http) -> {
                ServerConnector c;
                if (ssl != null) {
                    http.addCustomizer(new SecureRequestCustomizer(false));
                    c = new ServerConnector(server, new SslConnectionFactory(ssl, "http/1.1"),
                            new HttpConnectionFactory(http));
                } else {
                    c = new ServerConnector(server, new HttpConnectionFactory(http));
                }
                // From a request's headers to its answer (idle keep-alive connections: the header deadline): a
                // body that pauses this long fails its read with a timeout, answered 408.
                http.setIdleTimeout(Math.round(config.bodyTimeoutS() * 1000));
                c.setHost(config.host());
                c.setPort(config.port());
                c.setAcceptQueueSize(1024);
                c.addBean(guard);
                server.addBean(new ConnectionLimit(config.limits().maxConnections(), c));
                return c;
            });
            cfg.router.mount(r -> {
                r.post("/v1/decisions", pipeline.route(ServiceMetrics.DECISIONS, Tokens.Role.DEVICE, true, true,
                        routes::decisions));
                r.post("/v1/telemetry", pipeline.route(ServiceMetrics.TELEMETRY, Tokens.Role.DEVICE, true, true,
                        routes::telemetry));
                r.get("/v1/policies", pipeline.route(ServiceMetrics.POLICIES, null, true, false, routes::policies));
                r.put("/v1/policy", pipeline.route(ServiceMetrics.POLICY, Tokens.Role.ADMIN, true, true,
                        routes::policy));
                r.post("/v1/reload", pipeline.route(ServiceMetrics.RELOAD, Tokens.Role.ADMIN, true, false,
                        routes::reload));
                r.get(ServiceConfig.LIVENESS_PATH, pipeline.route(ServiceMetrics.HEALTHZ, null, false, false,
                        routes::healthz));
                r.get(ServiceConfig.READINESS_PATH, pipeline.route(ServiceMetrics.READYZ, null, false, false,
                        routes::readyz));
                boolean metricsToken = config.metricsAuth() == ServiceConfig.MetricsAuth.TOKEN;
                r.get("/metrics", pipeline.route(ServiceMetrics.METRICS, metricsToken ? Tokens.Role.METRICS : null,
                        metricsToken, false, routes::metrics));
                r.error(404, ctx -> routes.notFound(ctx, 404));
                r.error(405, ctx -> routes.notFound(ctx, 405));
            });
        });
    }

    private static SslContextFactory.Server sslFactory(ServiceConfig.Tls tls) {
        SslContextFactory.Server f = new SslContextFactory.Server();
        f.setKeyStorePath(tls.keystore().toAbsolutePath().toString());
        f.setKeyStorePassword(tls.password());
        f.setKeyStoreType("PKCS12");
        f.setIncludeProtocols("TLSv1.3", "TLSv1.2");
        return f;
    }

    /**
     * Gives every request an id (the client's {@code X-Request-Id} when it is a short token of safe characters,
     * else a new one), returned in the answer's header and written in error bodies and audit lines; and refuses
     * method-override headers with 400, before Javalin would honour them.
     */
    private static Filter requestFilter(ServiceMetrics metrics) {
        return (request, response, chain) -> {
            HttpServletRequest req = (HttpServletRequest) request;
            HttpServletResponse res = (HttpServletResponse) response;
            String id = req.getHeader(REQUEST_ID_HEADER);
            if (id == null || !REQUEST_ID.matcher(id).matches()) {
                id = Long.toHexString(ThreadLocalRandom.current().nextLong() | Long.MIN_VALUE);
            }
            req.setAttribute(HttpErrors.REQUEST_ID, id);
            res.setHeader(REQUEST_ID_HEADER, id);
            for (String h : METHOD_OVERRIDES) {
                if (req.getHeader(h) != null) {
                    metrics.request(ServiceMetrics.endpoint(req.getRequestURI()), 400, 0);
                    HttpErrors.error(req, res, 400, null, h + " is not accepted: send the request with its own "
                            + "method");
                    return;
                }
            }
            chain.doFilter(request, response);
        };
    }

    void start(String host, int port) {
        app.start(host, port);
    }

    int port() {
        return app.port();
    }

    /** Reloads the keystore (and its password); no-op without TLS. */
    void reloadTls(ServiceConfig.Tls tls) throws Exception {
        if (ssl != null) {
            ssl.reload(f -> {
                f.setKeyStorePath(tls.keystore().toAbsolutePath().toString());
                f.setKeyStorePassword(tls.password());
            });
        }
    }

    void stop() {
        app.jettyServer().server().setStopTimeout(0);
        app.stop();
    }
}
