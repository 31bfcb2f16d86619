package org.offload.service;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;
import org.offload.service.state.StateUnavailableException;

/**
 * What every endpoint goes through, in order: in-flight accounting, refusal while stopping, authentication and
 * role ({@link AuthFilter}), the identity's rate limit, the body's headers (content type, declared length), the
 * body itself (read asynchronously, without a thread, by a {@link BodyReader} within the {@link BodyBudget}),
 * then the endpoint; errors become the one JSON error shape, and every request is counted in the metrics.
 */
final class RequestPipeline {
    /** An endpoint: handles the request, returns the status written. */
    @FunctionalInterface
    interface Endpoint {
        int handle(Context ctx, Tokens.Identity who, byte[] body) throws Exception;
    }

    /** Hook for failed admin calls: audited with what failed. */
    @FunctionalInterface
    interface FailureAudit {
        void failed(int endpoint, Context ctx, Tokens.Identity who, int status, String message);
    }

    private final ServiceConfig.Limits limits;
    private final AuthFilter auth;
    private final BodyBudget budget;
    private final ServiceMetrics metrics;
    private final FailureAudit audit;
    private final LongSupplier nanos;
    private final AtomicInteger inFlight = new AtomicInteger();
    private volatile boolean refusing;
    private volatile boolean closeConnections;

    RequestPipeline(ServiceConfig.Limits limits, AuthFilter auth, BodyBudget budget, ServiceMetrics metrics,
                    FailureAudit audit, LongSupplier nanos) {
        this.limits = limits;
        this.auth = auth;
        this.budget = budget;
        this.metrics = metrics;
        this.audit = audit;
        this.nanos = nanos;
    }

    int inFlight() {
        return inFlight.get();
    }

    /** While draining: answers carry {@code Connection: close}, moving keep-alive clients elsewhere. */
    void closeConnections() {
        closeConnections = true;
    }

    /** While stopping: new work gets 503 (the probes and metrics still answer). */
    void refuse() {
        refusing = true;
    }

    /**
     * An endpoint's handler. {@code role} is the role needed ({@code null}: any valid token when
     * {@code authenticated}, nobody's when not); {@code readBody}: the endpoint takes a JSON body.
     */
    Handler route(int endpoint, Tokens.Role role, boolean authenticated, boolean readBody, Endpoint body) {
        return ctx -> {
            long t0 = nanos.getAsLong();
            long deadline = System.nanoTime() + Math.round(limits.bodyTimeoutS() * 1e9);
            inFlight.incrementAndGet();
            Tokens.Identity caller = null;
            long length;
            try {
                if (closeConnections) {
                    ctx.header("Connection", "close");
                }
                refuseWhileStopping(ctx, endpoint);
                caller = authenticated ? auth.authenticate(ctx, endpoint, role) : AuthFilter.ANONYMOUS;
                if (authenticated && endpoint != ServiceMetrics.DECISIONS) {
                    auth.rateLimit(ctx, endpoint, caller); // decisions: per device, once the body names it
                }
                length = readBody ? checkBody(ctx) : 0;
            } catch (Exception e) {
                answer(ctx, endpoint, caller, t0, e, null, null);
                return;
            }
            Tokens.Identity who = caller;
            if (!readBody) {
                answer(ctx, endpoint, who, t0, null, () -> body.handle(ctx, who, null), null);
                return;
            }
            ctx.future(() -> {
                BodyReader r = null;
                try {
                    r = new BodyReader(ctx.req().getInputStream(), length, limits.maxBodyBytes(), deadline,
                            limits.bodyTimeoutS(), budget, who.name());
                    BodyReader reader = r;
                    r.in.setReadListener(r);
                    return r.done.handle((bytes, failure) -> {
                        answer(ctx, endpoint, who, t0, failure, () -> body.handle(ctx, who, bytes), reader);
                        return null;
                    });
                } catch (Exception e) {
                    answer(ctx, endpoint, who, t0, e, null, r);
                    return CompletableFuture.completedFuture(null);
                }
            });
        };
    }

    /**
     * Answers one request, once: runs {@code work} unless {@code failure} (reading the body, admitting the
     * request) already decided the answer; errors become JSON (4xx for the client's, 500 for ours, without
     * details); then the accounting and the body's release.
     */
    private void answer(Context ctx, int endpoint, Tokens.Identity who, long t0, Throwable failure,
                        Callable<Integer> work, BodyReader reader) {
        int status;
        String field = null;
        String message = null;
        try {
            if (failure != null) {
                throw failure instanceof CompletionException && failure.getCause() != null ? failure.getCause()
                        : failure;
            }
            status = work.call();
        } catch (BadRequestException e) {
            status = e.status();
            field = e.field();
            message = e.getMessage();
        } catch (StateUnavailableException e) {
            status = 503; // Redis is down or restarting: the client may ask again, the service recovers by itself
            message = e.getMessage();
        } catch (Throwable e) {
            status = 500;
            message = "internal error (request id " + ctx.attribute(HttpErrors.REQUEST_ID) + ")";
            System.err.println("offload-service: internal error in " + ServiceMetrics.ENDPOINTS[endpoint]
                    + " (request id " + ctx.attribute(HttpErrors.REQUEST_ID) + "): " + e);
        }
        try {
            if (message != null) {
                if (who != null) { // refused authentications are audited by the AuthFilter
                    audit.failed(endpoint, ctx, who, status, message); // before the answer: the log follows the calls
                }
                if (status == 408 || status == 413 || (status == 503 && reader != null)) {
                    ctx.header("Connection", "close"); // the rest of the body is not read
                }
                HttpErrors.error(ctx.req(), ctx.res(), status, field, message);
            }
        } finally {
            if (reader != null) {
                reader.release();
            }
            inFlight.decrementAndGet();
            metrics.request(endpoint, status, nanos.getAsLong() - t0);
        }
    }

    private void refuseWhileStopping(Context ctx, int endpoint) {
        if (refusing && endpoint != ServiceMetrics.HEALTHZ && endpoint != ServiceMetrics.READYZ
                && endpoint != ServiceMetrics.METRICS) {
            ctx.header("Connection", "close");
            throw new BadRequestException(503, null, "the service is shutting down");
        }
    }

    /** Checks a body's headers before it is read: the content type (415), a declared length over the limit (413). */
    private long checkBody(Context ctx) {
        String ct = ctx.req().getContentType();
        if (!isJson(ct)) {
            throw new BadRequestException(415, null, "Content-Type must be " + HttpErrors.JSON_TYPE
                    + " (optionally with charset=utf-8), got " + (ct == null ? "none" : "'" + Requests.clip(ct) + "'"));
        }
        long length = ctx.req().getContentLengthLong();
        if (length > limits.maxBodyBytes()) {
            ctx.header("Connection", "close");
            throw new BadRequestException(413, null, "body of " + length + " bytes exceeds the limit of "
                    + limits.maxBodyBytes() + " (limits.max_body_bytes)");
        }
        return length;
    }

    /** {@code application/json}, alone or with parameters of which only {@code charset=utf-8} is allowed. */
    static boolean isJson(String contentType) {
        if (contentType == null) {
            return false;
        }
        String[] parts = contentType.split(";");
        if (!parts[0].strip().equalsIgnoreCase(HttpErrors.JSON_TYPE)) {
            return false;
        }
        for (int i = 1; i < parts.length; i++) {
            String p = parts[i].strip().toLowerCase(Locale.ROOT).replace("\"", "");
            if (!p.equals("charset=utf-8")) {
                return false;
            }
        }
        return true;
    }
}
