package org.offload.service;

import io.javalin.http.Context;
import java.util.EnumSet;

import org.offload.service.state.RateLimitBuckets;

/**
 * Who is calling: checks the bearer token ({@link Tokens}, constant time) and the role an endpoint needs, and
 * applies the rate limits. Refused authentications are limited per client address ({@code auth-fail:ADDRESS}):
 * beyond {@code limits.auth_fail_rate_per_s} they get 429 instead of 401, and are neither audited one by one nor
 * checked against the tokens, so a flood of bad tokens costs little and writes little. Valid callers are limited
 * per device for decisions ({@code device:NAME/DEVICE}, so devices sharing a fleet token do not share one bucket)
 * and per identity for the rest. The tokens can be replaced at run time ({@link #tokens(Tokens)}: key rotation).
 */
final class AuthFilter {
    /** Every role: the caller when the service runs without authentication. */
    static final Tokens.Identity ANONYMOUS = new Tokens.Identity("anonymous", EnumSet.allOf(Tokens.Role.class));

    /** What a refused call is: counted in metrics by client, audited for admin endpoints. */
    interface Refusals {
        /** A refused call: {@code client} is the identity name or, without a valid token, the address. */
        void refused(int endpoint, Context ctx, Tokens.Identity who, String client, int status);
    }

    private final RateLimitBuckets buckets;
    private final ServiceConfig.Limits limits;
    private final Refusals refusals;
    private volatile Tokens tokens;

    AuthFilter(Tokens tokens, RateLimitBuckets buckets, ServiceConfig.Limits limits, Refusals refusals) {
        this.tokens = tokens;
        this.buckets = buckets;
        this.limits = limits;
        this.refusals = refusals;
    }

    boolean enabled() {
        return tokens != null;
    }

    Tokens tokens() {
        return tokens;
    }

    /** Replaces the tokens (reload); requests already authenticated keep their identity. */
    void tokens(Tokens t) {
        if (tokens == null || t == null) {
            throw new IllegalStateException("tokens can be replaced, not switched on or off");
        }
        this.tokens = t;
    }

    /**
     * The caller of {@code endpoint}, which needs {@code role} (null: any valid token). Throws 401 (no or an
     * unknown token), 429 (too many refused authentications from this address) or 403 (a valid token without
     * the role).
     */
    Tokens.Identity authenticate(Context ctx, int endpoint, Tokens.Role role) {
        Tokens t = tokens;
        if (t == null) {
            return ANONYMOUS;
        }
        String h = ctx.header("Authorization");
        String token = null;
        if (h != null && h.length() > 7 && h.regionMatches(true, 0, "Bearer ", 0, 7)) {
            token = h.substring(7).strip();
        }
        Tokens.Identity who = token == null ? null : t.authenticate(token);
        if (who == null) {
            String address = ctx.ip();
            if (!buckets.tryAcquire("auth-fail:" + address, limits.authFailRatePerS(), limits.authFailBurst())) {
                refusals.refused(endpoint, ctx, null, address, 429);
                ctx.header("Retry-After", "1");
                throw new BadRequestException(429, null, "too many refused authentications from this address; "
                        + "retry later");
            }
            refusals.refused(endpoint, ctx, null, address, 401);
            ctx.header("WWW-Authenticate", token == null ? "Bearer realm=\"offload\""
                    : "Bearer realm=\"offload\", error=\"invalid_token\"");
            throw new BadRequestException(401, null, token == null
                    ? "missing bearer token (Authorization: Bearer TOKEN)" : "invalid bearer token");
        }
        if (role != null && !who.has(role)) {
            refusals.refused(endpoint, ctx, who, who.name(), 403);
            throw new BadRequestException(403, null, "token '" + who.name() + "' lacks the " + role.key()
                    + " role this endpoint needs");
        }
        return who;
    }

    /** The identity's own bucket (every endpoint but decisions); 429 when empty. */
    void rateLimit(Context ctx, int endpoint, Tokens.Identity who) {
        take(ctx, endpoint, who, "identity:" + who.name(), "'" + who.name() + "'");
    }

    /** The bucket of one device of an identity (decisions); 429 when empty. */
    void rateLimitDevice(Context ctx, int endpoint, Tokens.Identity who, int device) {
        take(ctx, endpoint, who, "device:" + who.name() + "/" + device, "device " + device);
    }

    private void take(Context ctx, int endpoint, Tokens.Identity who, String key, String whom) {
        if (!buckets.tryAcquire(key, limits.ratePerS(), limits.rateBurst())) {
            refusals.refused(endpoint, ctx, who, who.name(), 429);
            ctx.header("Retry-After", "1");
            throw new BadRequestException(429, null, "rate limit exceeded for " + whom + " ("
                    + Num.plain(limits.ratePerS()) + " requests/s, burst " + Num.plain(limits.rateBurst()) + ")");
        }
    }

    /** 403 unless {@code who} may speak for {@code device}; {@code field} names the field that gave it. */
    static void requireDevice(Tokens.Identity who, int device, String field) {
        if (!who.mayActFor(device)) {
            throw new BadRequestException(403, field, field + ": token '" + who.name() + "' may not speak for device "
                    + device + " (its devices: " + who.devices().text() + ")");
        }
    }
}
